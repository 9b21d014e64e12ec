#include "DhtValue.h"

#include <QCryptographicHash>
#include <QtEndian>

QByteArray DhtValue::identity() const
{
    if (!classicItem && hasId) {
        QByteArray out(9, 'i');
        qToBigEndian(id, out.data() + 1);
        return out;
    }
    const QByteArray secret = secretHash.isEmpty() ? QByteArray(20, '\0') : secretHash;
    return 'c' + secret + QCryptographicHash::hash(data, QCryptographicHash::Sha1);
}
