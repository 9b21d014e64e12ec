#include "DecodeResult.h"

DecodeResult DecodeResult::failure(const QString& reason)
{
    DecodeResult result;
    result.error = tr("cannot decode: %1").arg(reason);
    return result;
}

QString DecodeResult::text() const
{
    QString out;
    for (const DecodeNode& node : nodes)
        node.appendText(out);
    return out;
}
