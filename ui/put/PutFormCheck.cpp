#include "PutFormCheck.h"

#include <classic/ClassicItem.h>

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
    if (value.size() <= classic::maxValueBytes)
        return {};
    return tr("The value is %1 bytes; at most %2 fit (%3 too many).")
        .arg(value.size())
        .arg(classic::maxValueBytes)
        .arg(value.size() - classic::maxValueBytes);
}

QString ttl(int seconds)
{
    if (seconds >= 1 && seconds <= classic::maxTtlSeconds)
        return {};
    return tr("The time to live is %1 s; it must be from 1 s to one week (%2 s).")
        .arg(seconds)
        .arg(classic::maxTtlSeconds);
}

QString secret(const QByteArray& secret)
{
    if (secret.size() <= classic::maxSecretBytes)
        return {};
    return tr("The secret is %1 bytes; at most %2 fit.").arg(secret.size()).arg(classic::maxSecretBytes);
}

} // namespace PutFormCheck
