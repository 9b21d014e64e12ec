#include "XmlRpcCodec.h"

namespace xmlrpc {

Reader::ResponseResult Codec::decodeResponse(const QByteArray& body, qsizetype maxBytes)
{
    if (body.size() > maxBytes) {
        Reader::ResponseResult r;
        r.error =
            QStringLiteral("the reply is %1 bytes, over the limit of %2").arg(body.size()).arg(maxBytes);
        return r;
    }
    if (body.trimmed().isEmpty()) {
        Reader::ResponseResult r;
        r.error = QStringLiteral("the reply is empty");
        return r;
    }
    return Reader::readResponse(body);
}

} // namespace xmlrpc
