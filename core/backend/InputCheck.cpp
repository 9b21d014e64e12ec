#include "InputCheck.h"

#include "PlainValue.h"

#include "core/dht/DhtLimits.h"
#include "core/util/Duration.h"

#include <QCoreApplication>

namespace InputCheck {

namespace {

using Kind = GatewayError::Kind;

// The first error of several checks, in order.
GatewayError firstOf(std::initializer_list<GatewayError> checks)
{
    for (const GatewayError& e : checks) {
        if (e.isError())
            return e;
    }
    return {};
}

} // namespace

GatewayError key(const DhtKey& key)
{
    if (key.isValid())
        return {};
    return {Kind::BadKey, key.error()};
}

GatewayError value(const QByteArray& value)
{
    if (value.size() <= DhtLimits::maxValueBytes)
        return {};
    return {Kind::ValueTooLong,
            QCoreApplication::translate("InputCheck", "the value is %n byte(s); at most %1 fit", nullptr,
                                        int(value.size()))
                .arg(DhtLimits::maxValueBytes)};
}

GatewayError plainValue(const PlainValue& value)
{
    if (value.size() <= PlainValue::maxBytes)
        return {};
    return {Kind::ValueTooLong,
            QCoreApplication::translate(
                "InputCheck", "the value and its user type are %1 bytes; at most %2 fit in an OpenDHT value",
                nullptr)
                .arg(value.size())
                .arg(PlainValue::maxBytes)};
}

GatewayError ttl(int seconds)
{
    if (seconds >= 1 && seconds <= DhtLimits::maxTtlSeconds)
        return {};
    return {Kind::TtlOutOfRange,
            QCoreApplication::translate("InputCheck", "the TTL is %1 s; it must be from 1 s to %2 (%3 s)",
                                        nullptr)
                .arg(seconds)
                .arg(Duration::format(DhtLimits::maxTtlSeconds))
                .arg(DhtLimits::maxTtlSeconds)};
}

GatewayError secret(const QByteArray& secret, bool required)
{
    if ((secret.isEmpty() && !required) || (!secret.isEmpty() && secret.size() <= DhtLimits::maxSecretBytes))
        return {};
    return {Kind::BadSecret,
            QCoreApplication::translate("InputCheck", "the secret is %n byte(s); it must be 1 to %1", nullptr,
                                        int(secret.size()))
                .arg(DhtLimits::maxSecretBytes)};
}

GatewayError put(const DhtKey& k, const QByteArray& v, int ttlSeconds, const QByteArray& s,
                 bool secretRequired)
{
    return firstOf({key(k), value(v), secret(s, secretRequired), ttl(ttlSeconds)});
}

GatewayError plain(const DhtKey& k, const PlainValue& v, int ttlSeconds)
{
    return firstOf({key(k), plainValue(v), ttl(ttlSeconds)});
}

GatewayError remove(const DhtKey& k, const QByteArray& s, int ttlSeconds)
{
    return firstOf({key(k), secret(s, true), ttl(ttlSeconds)});
}

QString sentence(const GatewayError& error)
{
    if (error.message.isEmpty())
        return {};
    QString text = error.message;
    text[0] = text[0].toUpper();
    return text + u'.';
}

} // namespace InputCheck
