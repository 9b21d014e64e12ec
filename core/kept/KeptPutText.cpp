#include "KeptPutText.h"

#include "core/dht/DhtValueType.h"

#include <QLocale>
#include <QRegularExpression>

QString KeptPutText::type(const KeptPut& put)
{
    if (put.kind == KeptPut::Kind::ClassicItem)
        return tr("classic item");
    const QString type = DhtValueType::label(quint16(put.valueType));
    return put.userType.isEmpty() ? tr("value type %1").arg(type)
                                  : tr("value type %1, user type \"%2\"").arg(type, put.userType);
}

QString KeptPutText::key(const KeptPut& put)
{
    return put.keyMode == u"text" || put.keyMode.isEmpty()
               ? put.key
               : QStringLiteral("%1 (%2)").arg(put.key, put.keyMode);
}

QString KeptPutText::when(const QDateTime& at, const QDateTime& now)
{
    const QDateTime local = at.toLocalTime();
    const QLocale locale;
    // The locale's short time, without the seconds some locales put in it (C: "HH:mm:ss").
    const QString time = locale.toString(
        local.time(),
        locale.timeFormat(QLocale::ShortFormat).remove(QRegularExpression(QStringLiteral("[:.]s+"))));
    const qint64 days = now.toLocalTime().date().daysTo(local.date());
    if (days == 0)
        return tr("%1 today").arg(time);
    if (days == 1)
        return tr("%1 tomorrow").arg(time);
    return locale.toString(local.date(), QLocale::ShortFormat) + u' ' + time;
}

QString KeptPutText::lifetime(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s > 0 && s % 86400 == 0)
        return tr("%n day(s)", nullptr, int(s / 86400));
    if (s > 0 && s % 3600 == 0)
        return tr("%n hour(s)", nullptr, int(s / 3600));
    if (s > 0 && s % 60 == 0)
        return tr("%n minute(s)", nullptr, int(s / 60));
    return tr("%n second(s)", nullptr, int(s));
}

QString KeptPutText::between(const QDateTime& earliest, const QDateTime& latest, const QDateTime& now)
{
    const QString first = when(earliest, now);
    const QString last = when(latest, now);
    if (first == last)
        return tr("about %1").arg(first);
    // "14:05 today" and "14:06 today": the day once, after the second time.
    const QString day = first.section(u' ', 1);
    if (!day.isEmpty() && last.endsWith(u' ' + day))
        return tr("between %1 and %2").arg(first.section(u' ', 0, 0), last);
    return tr("between %1 and %2").arg(first, last);
}

QString KeptPutText::ends(const KeptPut& put, const QDateTime& now)
{
    if (put.kind == KeptPut::Kind::ClassicItem)
        return when(put.ttlEnd, now);
    return between(put.ttlEnd, put.ttlEnd.addMSecs(put.typeLifetimeMs()), now);
}

QString KeptPutText::needs(const KeptPut& put, const QDateTime& now)
{
    if (put.needsRefresh()) {
        if (put.heldUntil() <= now)
            return tr("refresh overdue since %1: it is POSTed again as soon as the browser runs")
                .arg(when(put.heldUntil(), now));
        return tr("refresh due before %1: keep the browser running then, or it ends early")
            .arg(when(put.heldUntil(), now));
    }
    if (put.ttlEnd <= now)
        return tr("ended: the downgrade is being sent");
    return tr("downgrade at %1: keep the browser running then, or it stays in the DHT until %2")
        .arg(when(put.ttlEnd, now), when(put.heldUntil(), now));
}
