#include "InputCheck.h"

#include "PlainValue.h"

#include "core/dht/DhtLimits.h"
#include "core/util/Duration.h"

#include <QCoreApplication>

namespace InputCheck {

namespace {

using Kind = GatewayError::Kind;

QString tr(const char* text)
{
    return QCoreApplication::translate("InputCheck", text);
}

GatewayError secretAndTtl(const QByteArray& secret, bool secretRequired, int ttlSeconds)
{
    if ((secretRequired && secret.isEmpty()) || secret.size() > DhtLimits::maxSecretBytes)
        return {Kind::BadSecret,
                QCoreApplication::translate("InputCheck", "the secret is %n byte(s); it must be 1 to %1",
                                            nullptr, int(secret.size()))
                    .arg(DhtLimits::maxSecretBytes)};
    if (ttlSeconds < 1 || ttlSeconds > DhtLimits::maxTtlSeconds)
        return {Kind::TtlOutOfRange, tr("the TTL is %1 s; it must be from 1 s to %2 (%3 s)")
                                         .arg(ttlSeconds)
                                         .arg(Duration::format(DhtLimits::maxTtlSeconds))
                                         .arg(DhtLimits::maxTtlSeconds)};
    return {};
}

} // namespace

GatewayError key(const DhtKey& key)
{
    if (key.isValid())
        return {};
    return {Kind::BadKey, key.error()};
}

GatewayError put(const DhtKey& k, const QByteArray& value, int ttlSeconds, const QByteArray& secret,
                 bool secretRequired)
{
    if (const GatewayError e = key(k); e.isError())
        return e;
    if (value.size() > DhtLimits::maxValueBytes)
        return {Kind::ValueTooLong,
                QCoreApplication::translate("InputCheck", "the value is %n byte(s); at most %1 fit", nullptr,
                                            int(value.size()))
                    .arg(DhtLimits::maxValueBytes)};
    return secretAndTtl(secret, secretRequired, ttlSeconds);
}

GatewayError plain(const DhtKey& k, const PlainValue& value, int ttlSeconds)
{
    if (const GatewayError e = key(k); e.isError())
        return e;
    if (value.size() > PlainValue::maxBytes)
        return {Kind::ValueTooLong,
                tr("the value and its user type are %1 bytes; at most %2 fit in an OpenDHT value")
                    .arg(value.size())
                    .arg(PlainValue::maxBytes)};
    return secretAndTtl({}, false, ttlSeconds);
}

GatewayError remove(const DhtKey& k, const QByteArray& secret, int ttlSeconds)
{
    if (const GatewayError e = key(k); e.isError())
        return e;
    return secretAndTtl(secret, true, ttlSeconds);
}

} // namespace InputCheck
