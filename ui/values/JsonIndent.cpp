#include "JsonIndent.h"

namespace JsonIndent {

namespace {

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

qsizetype nextToken(const QString& json, qsizetype from)
{
    while (from < json.size() && isSpace(json[from]))
        ++from;
    return from;
}

} // namespace

QString indent(const QString& json, int width)
{
    QString out;
    out.reserve(json.size() * 2);
    int depth = 0;
    const auto newLine = [&] { out += u'\n' + QString(depth * width, u' '); };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar c = json[i];
        if (c == u'"') { // copy the whole string as it is
            const qsizetype start = i++;
            while (i < json.size() && json[i] != u'"')
                i += json[i] == u'\\' ? 2 : 1;
            out += QStringView(json).mid(start, i - start + 1);
        } else if (c == u'{' || c == u'[') {
            out += c;
            const qsizetype next = nextToken(json, i + 1);
            if (next < json.size() && (json[next] == u'}' || json[next] == u']')) {
                out += json[next]; // an empty container stays "{}" / "[]"
                i = next;
            } else {
                ++depth;
                newLine();
            }
        } else if (c == u'}' || c == u']') {
            --depth;
            newLine();
            out += c;
        } else if (c == u',') {
            out += c;
            newLine();
        } else if (c == u':') {
            out += QStringLiteral(": ");
        } else if (!isSpace(c)) {
            out += c;
        }
    }
    return out;
}

} // namespace JsonIndent
