#include "PutFormCheck.h"

#include <dht/DhtLimits.h>

#include <QCoreApplication>

namespace PutFormCheck {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("PutFormCheck", text);
}

} // namespace

QString value(const QByteArray& value)
{
    if (value.size() <= DhtLimits::maxValueBytes)
        return {};
    return tr("The value is %1 bytes; at most %2 fit (%3 too many).")
        .arg(value.size())
        .arg(DhtLimits::maxValueBytes)
        .arg(value.size() - DhtLimits::maxValueBytes);
}

QString ttl(int seconds)
{
    if (seconds >= 1 && seconds <= DhtLimits::maxTtlSeconds)
        return {};
    return tr("The time to live is %1 s; it must be from 1 s to one week (%2 s).")
        .arg(seconds)
        .arg(DhtLimits::maxTtlSeconds);
}

QString secret(const QByteArray& secret)
{
    if (secret.size() <= DhtLimits::maxSecretBytes)
        return {};
    return tr("The secret is %1 bytes; at most %2 fit.").arg(secret.size()).arg(DhtLimits::maxSecretBytes);
}

} // namespace PutFormCheck
