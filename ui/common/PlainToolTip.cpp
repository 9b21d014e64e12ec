#include "PlainToolTip.h"

QString plainToolTip(const QStringList& lines)
{
    QStringList escaped;
    escaped.reserve(lines.size());
    for (const QString& line : lines)
        escaped.append(line.toHtmlEscaped());
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + escaped.join(QStringLiteral("<br>")) +
           QStringLiteral("</p>");
}
