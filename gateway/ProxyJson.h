#pragma once

#include "core/stored/ClassicItem.h"

#include <QByteArray>

// Values as today's OpenDHT proxy writes them (libopendht 2.4.12, Value::toJson through
// jsoncpp): one compact object a line, keys in alphabetical order, the id a decimal string,
// binary fields base64 with padding. Written by hand because GET /key answers thousands of
// values at a time and a generic JSON document per value costs more than the rest of the answer.
namespace ProxyJson {

// Appends the value's line, '\n' included; expired: a listen's notice that it is gone.
void appendValue(QByteArray& out, const classic::StoredValue& value, bool expired = false);
QByteArray value(const classic::StoredValue& value, bool expired = false);

// A JSON string literal: quotes, backslashes and control characters escaped.
void appendString(QByteArray& out, QByteArrayView text);

} // namespace ProxyJson
