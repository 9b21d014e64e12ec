#pragma once

#include <QByteArray>
#include <QString>

// The checks of the put form, one field at a time, so each problem can be shown beside its field.
// Same limits as core's InputCheck (DhtLimits::maxValueBytes, maxSecretBytes, maxTtlSeconds), which
// the backend applies again before anything is sent. Each returns the problem in words, or an
// empty string when the field is fine.
namespace PutFormCheck {

QString value(const QByteArray& value);
QString ttl(int seconds);
QString secret(const QByteArray& secret);

} // namespace PutFormCheck
