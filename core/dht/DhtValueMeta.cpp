#include "DhtValueMeta.h"

#include <QCryptographicHash>

QByteArray DhtValueMeta::keyIdOfPem(const QByteArray& pem)
{
    constexpr QByteArrayView begin = "-----BEGIN PUBLIC KEY-----", end = "-----END PUBLIC KEY-----";
    const qsizetype from = pem.indexOf(begin);
    const qsizetype to = pem.indexOf(end, from < 0 ? 0 : from);
    if (from < 0 || to < 0)
        return {};
    const QByteArray body = pem.mid(from + begin.size(), to - from - begin.size());
    auto der = QByteArray::fromBase64Encoding(body.simplified().replace(' ', ""),
                                              QByteArray::AbortOnBase64DecodingErrors);
    if (!der || der.decoded.isEmpty())
        return {};
    return QCryptographicHash::hash(*der, QCryptographicHash::Sha1).toHex();
}
