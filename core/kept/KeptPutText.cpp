#include "KeptPutText.h"

#include <QLocale>
#include <QRegularExpression>

QString KeptPutText::type(const KeptPut& put)
{
    if (put.kind == KeptPut::Kind::ClassicItem)
        return tr("classic item");
    return put.userType.isEmpty()
               ? tr("value type %1").arg(put.valueType)
               : tr("value type %1, user type \"%2\"").arg(put.valueType).arg(put.userType);
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
