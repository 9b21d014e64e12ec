#include "PutFormCheck.h"

#include "core/dht/DhtLimits.h"
#include "core/util/Duration.h"

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
    return QCoreApplication::translate("PutFormCheck",
                                       "The value is %n byte(s); at most %1 fit (%2 too many).", nullptr,
                                       int(value.size()))
        .arg(DhtLimits::maxValueBytes)
        .arg(value.size() - DhtLimits::maxValueBytes);
}

QString ttl(int seconds)
{
    if (seconds >= 1 && seconds <= DhtLimits::maxTtlSeconds)
        return {};
    return tr("The time to live is %1 s; it must be from 1 s to %3 (%2 s).")
        .arg(seconds)
        .arg(DhtLimits::maxTtlSeconds)
        .arg(Duration::format(DhtLimits::maxTtlSeconds));
}

QString secret(const QByteArray& secret)
{
    if (secret.size() <= DhtLimits::maxSecretBytes)
        return {};
    return QCoreApplication::translate("PutFormCheck", "The secret is %n byte(s); at most %1 fit.", nullptr,
                                       int(secret.size()))
        .arg(DhtLimits::maxSecretBytes);
}

} // namespace PutFormCheck
