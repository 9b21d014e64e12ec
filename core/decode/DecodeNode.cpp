#include "DecodeNode.h"

DecodeNode& DecodeNode::add(const QString& childLabel, const QString& childValue)
{
    children.append(DecodeNode{childLabel, childValue, {}});
    return children.last();
}

void DecodeNode::appendText(QString& out, int depth) const
{
    out += QString(depth * 2, u' ') + label;
    if (!value.isEmpty())
        out += QStringLiteral(": ") + value;
    out += u'\n';
    for (const DecodeNode& child : children)
        child.appendText(out, depth + 1);
}
