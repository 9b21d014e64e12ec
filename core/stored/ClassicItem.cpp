#include "ClassicItem.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <cstring>

namespace classic {

namespace {
constexpr char magic[] = "ODC2";
constexpr char magicVersion1[] = "ODC1";
constexpr int headerBytes = 4 + 1 + 8 + 4 + hashBytes + hashBytes + 4 + 1; // 62
// The longest envelope: a put of the largest value with the longest application name.
constexpr int maxEnvelopeBytes = headerBytes + 255 + maxValueBytes;

bool hasShape(const QByteArray& stored, const char* expectedMagic)
{
    if (stored.size() < headerBytes || stored.size() > maxEnvelopeBytes ||
        !stored.startsWith(QByteArrayView(expectedMagic, 4)))
        return false;
    const auto appLen = quint8(stored.at(headerBytes - 1));
    const quint8 kind = quint8(stored.at(4));
    // Values come from any node of the DHT: a put time or TTL out of range is not ours, and
    // would overflow the expiry arithmetic.
    const quint64 putTime = qFromBigEndian<quint64>(stored.constData() + 5);
    const quint32 ttl = qFromBigEndian<quint32>(stored.constData() + 13);
    return stored.size() >= headerBytes + appLen && kind <= 1 && putTime < (quint64(1) << 60) &&
           ttl <= quint32(maxTtlSeconds);
}

Item decodeShaped(const QByteArray& stored)
{
    Item item;
    const char* p = stored.constData();
    const int dataOffset = headerBytes + quint8(p[headerBytes - 1]);
    item.kind = Item::Kind(quint8(p[4]));
    item.putTimeUs = qint64(qFromBigEndian<quint64>(p + 5));
    item.ttl = qint32(qFromBigEndian<quint32>(p + 13));
    item.secretHash = stored.mid(17, hashBytes);
    item.valueHash = stored.mid(37, hashBytes);
    item.clientIp = qFromBigEndian<quint32>(p + 57);
    item.application = stored.mid(headerBytes, dataOffset - headerBytes);
    item.data = stored.mid(dataOffset);
    return item;
}

void appendBE64(QByteArray& out, quint64 v)
{
    char b[8];
    qToBigEndian(v, b);
    out.append(b, 8);
}

void appendBE32(QByteArray& out, quint32 v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}
} // namespace

QByteArray canonicalKey(const QByteArray& key)
{
    if (key.size() >= keyBytes)
        return key.right(keyBytes);
    return QByteArray(keyBytes - key.size(), '\0') + key;
}

QByteArray sha1(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha1);
}

quint64 Item::dhtValueId(const QByteArray& key20) const
{
    QCryptographicHash h(QCryptographicHash::Sha1);
    h.addData("opendht-gateway item 2");
    h.addData(key20);
    h.addData(secretHash);
    h.addData(valueHash);
    const char k = char(kind);
    h.addData(QByteArrayView(&k, 1));
    // Every put is its own DHT value, so that no storing node has to accept an edit:
    // readers keep, per identity, the put that expires last.
    char t[8];
    qToBigEndian(quint64(putTimeUs), t);
    h.addData(QByteArrayView(t, 8));
    const quint64 id = qFromBigEndian<quint64>(h.result().constData());
    return id ? id : 1; // libopendht refuses id 0
}

QByteArray Item::storageKey(const QByteArray& key20) const
{
    QByteArray out;
    out.reserve(placemarkBytes);
    appendBE64(out, quint64(putTimeUs));
    appendBE32(out, quint32(ttl));
    out += key20;
    out += secretHash;
    out += valueHash;
    out += char(kind);
    appendBE32(out, clientIp);
    return out;
}

QByteArray Item::encode() const
{
    const QByteArray app = application.left(255);
    QByteArray out;
    out.reserve(headerBytes + app.size() + data.size());
    out.append(magic, 4);
    out += char(kind);
    appendBE64(out, quint64(putTimeUs));
    appendBE32(out, quint32(ttl));
    out += secretHash;
    out += valueHash;
    appendBE32(out, clientIp);
    out += char(app.size());
    out += app;
    out += data;
    return out;
}

bool Item::isEnvelope(const QByteArray& stored)
{
    return hasShape(stored, magic);
}

Item Item::decode(const QByteArray& stored)
{
    if (!isEnvelope(stored)) {
        Item item;
        item.raw = true;
        item.data = stored;
        item.valueHash = sha1(stored);
        return item;
    }
    return decodeShaped(stored);
}

std::optional<Item> Item::decodeVersion1(const QByteArray& stored)
{
    if (!hasShape(stored, magicVersion1))
        return std::nullopt;
    return decodeShaped(stored);
}

EnvelopeView::EnvelopeView(const QByteArray& stored)
{
    if (!Item::isEnvelope(stored))
        return;
    m_bytes = stored.constData();
    m_size = int(stored.size());
    m_dataOffset = headerBytes + quint8(m_bytes[headerBytes - 1]);
}

bool EnvelopeView::isAuthentic() const
{
    const QByteArrayView data(m_bytes + m_dataOffset, dataSize());
    const char* expected = m_bytes + secretOffset + (isRemoval() ? 0 : hashBytes);
    if (isRemoval()) {
        // A plain put (zero secret hash) can never be removed.
        static const QByteArray zero(hashBytes, '\0');
        if (data.size() > maxSecretBytes || std::memcmp(expected, zero.constData(), hashBytes) == 0)
            return false;
    }
    // One hasher a thread, reset for each value: a listing checks every envelope of a key, and
    // QCryptographicHash::hash() allocates a hasher and a result each time.
    thread_local QCryptographicHash hasher(QCryptographicHash::Sha1);
    hasher.reset();
    hasher.addData(data);
    return std::memcmp(hasher.resultView().data(), expected, hashBytes) == 0;
}

qint64 EnvelopeView::putTimeUs() const
{
    return qint64(qFromBigEndian<quint64>(m_bytes + 5));
}

qint32 EnvelopeView::ttl() const
{
    return qint32(qFromBigEndian<quint32>(m_bytes + 13));
}

void EnvelopeView::storageKey(const QByteArray& key20, char* out) const
{
    std::memcpy(out, m_bytes + 5, 12);                            // put time, TTL
    std::memcpy(out + 12, key20.constData(), keyBytes);           // key
    std::memcpy(out + 32, m_bytes + secretOffset, 2 * hashBytes); // secret hash, value hash
    out[72] = m_bytes[4];                                         // put flag
    std::memcpy(out + 73, m_bytes + 57, 4);                       // client IPv4
}

} // namespace classic
