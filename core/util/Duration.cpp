#include "Duration.h"

#include <QCoreApplication>
#include <QStringList>

namespace Duration {

std::optional<qint64> parse(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    qint64 number = -1;
    for (QChar c : t) {
        if (c.isDigit() && c.unicode() < 128) {
            number = (number < 0 ? 0 : number) * 10 + (c.unicode() - u'0');
            if (number > 1'000'000'000'000LL)
                return std::nullopt;
            continue;
        }
        qint64 unit = 0;
        switch (c.unicode()) {
        case u's':
            unit = 1;
            break;
        case u'm':
            unit = 60;
            break;
        case u'h':
            unit = 3600;
            break;
        case u'd':
            unit = 86400;
            break;
        case u'w':
            unit = 604800;
            break;
        default:
            return std::nullopt;
        }
        if (number < 0)
            return std::nullopt;
        total += number * unit;
        number = -1;
    }
    if (number >= 0)
        total += number; // trailing plain number: seconds
    return total;
}

QString format(qint64 seconds)
{
    if (seconds < 0)
        return QCoreApplication::translate("Duration", "expired");
    const qint64 d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60, s = seconds % 60;
    QStringList parts;
    if (d)
        parts << QCoreApplication::translate("Duration", "%1 d").arg(d);
    if (h)
        parts << QCoreApplication::translate("Duration", "%1 h").arg(h);
    if (m)
        parts << QCoreApplication::translate("Duration", "%1 min").arg(m);
    if (s || parts.isEmpty())
        parts << QCoreApplication::translate("Duration", "%1 s").arg(s);
    return parts.join(u' ');
}

} // namespace Duration
