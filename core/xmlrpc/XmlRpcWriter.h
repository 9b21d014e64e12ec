#pragma once

#include "XmlRpcValue.h"

namespace xmlrpc {

// Writes XML-RPC documents.
//
// Responses come out byte for byte as the classic Open DHT gateway wrote them (Apache XML-RPC
// 1.2): an ISO-8859-1 declaration glued to the root, no whitespace between tags, <int> never
// <i4>, untyped <value>text</value> strings, base64 cut into 76-column lines that each end in
// a line feed (the last one too), <base64></base64> for no bytes. Old clients (HIPL's C parser,
// Net::OpenDHT's XPaths) depend on that shape.
//
// Calls are standard XML-RPC with <params>, <string> tags and unbroken base64, which every
// server reads.
class Writer
{
public:
    static QByteArray response(const Value& result);
    static QByteArray fault(const QString& faultString, qint32 faultCode = 0);
    static QByteArray call(const QString& methodName, const QList<Value>& params);

    // The classic response form of one value, appended to out.
    static void appendValue(QByteArray& out, const Value& v);
    static void appendBase64Lines(QByteArray& out, const QByteArray& bytes);
    static void appendEscaped(QByteArray& out, const QString& text);
};

} // namespace xmlrpc
