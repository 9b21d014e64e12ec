#pragma once

#include "XmlRpcValue.h"

class QXmlStreamReader;

namespace xmlrpc {

// Reads XML-RPC documents as leniently as the classic Open DHT gateway did, and no further:
// every <value> that is not inside another <value> is the next parameter, wherever it sits
// (Net::OpenDHT puts its <param>s straight under <methodCall>), the encoding label is ignored,
// and the method name is taken verbatim. Anything not well-formed, a DTD or entity declaration,
// nesting deeper than maxDepth, or a scalar that does not parse (an <int> that is not a decimal
// 32-bit integer, bad base64) makes the whole document unreadable: the caller gets an error.
class Reader
{
public:
    static constexpr int maxDepth = 32;

    struct CallResult
    {
        MethodCall call;
        QString error; // empty when the document was read
        bool ok() const { return error.isEmpty(); }
    };

    static CallResult readCall(const QByteArray& document);

    struct ResponseResult
    {
        Value value; // the result, or the fault's struct
        bool isFault = false;
        QString faultString;
        qint32 faultCode = 0;
        QString error; // empty when the document was read; else what was wrong and where
        bool ok() const { return error.isEmpty(); }
    };

    static ResponseResult readResponse(const QByteArray& document);

private:
    explicit Reader(QXmlStreamReader& xml)
        : m_xml(xml)
    {
    }
    bool readValue(Value& out, int depth);
    bool readTyped(Value& out, int depth);
    bool readArray(Value& out, int depth);
    bool readStruct(Value& out, int depth);
    bool readScalarText(QString& out);
    bool fail(const QString& why);
    bool readResponseBody(ResponseResult& result);

    QXmlStreamReader& m_xml;
    QString m_error;
};

// Text of an XML document with its declaration removed and its bytes decoded (UTF-8 when
// valid, else Latin-1), so that an odd encoding label such as "utf8" cannot stop the reader.
QString documentText(const QByteArray& document);

} // namespace xmlrpc
