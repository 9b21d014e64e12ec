#pragma once

#include "XmlRpcReader.h"
#include "XmlRpcWriter.h"

namespace xmlrpc {

// The client's side of XML-RPC: requests in the shape every classic gateway reads, replies read
// with a bounded reader (size and depth limits, no DTD, no entities) that names what was wrong.
class Codec
{
public:
    static constexpr qsizetype defaultMaxReplyBytes = 4 * 1024 * 1024;

    static QByteArray encodeCall(const QString& method, const QList<Value>& params)
    {
        return Writer::call(method, params);
    }

    static Reader::ResponseResult decodeResponse(const QByteArray& body,
                                                 qsizetype maxBytes = defaultMaxReplyBytes);
};

} // namespace xmlrpc
