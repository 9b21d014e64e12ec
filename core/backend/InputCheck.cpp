#include "InputCheck.h"

#include <classic/ClassicItem.h>

#include <QCoreApplication>

namespace InputCheck {

namespace {

using Kind = ClassicError::Kind;

QString tr(const char* text)
{
    return QCoreApplication::translate("InputCheck", text);
}

ClassicError secretAndTtl(const QByteArray& secret, bool secretRequired, int ttlSeconds)
{
    if ((secretRequired && secret.isEmpty()) || secret.size() > classic::maxSecretBytes)
        return {Kind::BadSecret, tr("the secret is %1 bytes; it must be 1 to 40").arg(secret.size())};
    if (ttlSeconds < 1 || ttlSeconds > classic::maxTtlSeconds)
        return {Kind::TtlOutOfRange,
                tr("the TTL is %1 s; it must be from 1 s to one week (604800 s)").arg(ttlSeconds)};
    return {};
}

} // namespace

ClassicError key(const ClassicKey& key)
{
    if (key.isValid())
        return {};
    return {Kind::BadKey, key.error()};
}

ClassicError put(const ClassicKey& k, const QByteArray& value, int ttlSeconds, const QByteArray& secret,
                 bool secretRequired)
{
    if (const ClassicError e = key(k); e.isError())
        return e;
    if (value.size() > classic::maxValueBytes)
        return {Kind::ValueTooLong, tr("the value is %1 bytes; at most 1024 fit").arg(value.size())};
    return secretAndTtl(secret, secretRequired, ttlSeconds);
}

ClassicError remove(const ClassicKey& k, const QByteArray& secret, int ttlSeconds)
{
    if (const ClassicError e = key(k); e.isError())
        return e;
    return secretAndTtl(secret, true, ttlSeconds);
}

} // namespace InputCheck
