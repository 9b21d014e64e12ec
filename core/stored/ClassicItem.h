#pragma once

#include "core/dht/DhtLimits.h"
#include "core/dht/DhtValueMeta.h"
#include "core/dht/DhtValueType.h"

#include <QByteArray>

#include <memory>
#include <optional>

namespace classic {

constexpr int keyBytes = DhtLimits::keyBytes;
constexpr int maxValueBytes = DhtLimits::maxValueBytes;
constexpr int hashBytes = DhtLimits::hashBytes;
constexpr int maxSecretBytes = DhtLimits::maxSecretBytes;
constexpr qint32 maxTtlSeconds = DhtLimits::maxTtlSeconds;
constexpr qint64 secondUs = DhtLimits::secondUs;
constexpr int placemarkBytes = 77;

// A classic key is a number: shorter keys are the same key as their zero-left-padded 20 bytes.
QByteArray canonicalKey(const QByteArray& key);

QByteArray sha1(const QByteArray& bytes);

// One value as the DHT holds it, before any classic interpretation.
struct StoredValue
{
    quint64 id = 0;
    quint16 type = 0;
    QByteArray data;
    qint32 lifetimeSeconds = 0;                         // the longest a node keeps a value of that type
    std::shared_ptr<const DhtValueMeta> meta = nullptr; // null for a plain value
};

// One stored classic item: a put or a removal (tombstone), with everything the classic service
// knew about it. It travels through the DHT as the data of one libopendht value (the envelope,
// see gateway/README.md), so that every reader sees the exact expiry, the secret hash, the
// application and who put it, whatever lifetime the storing node gives the value.
struct Item
{
    enum class Kind : quint8
    {
        Remove = 0,
        Put = 1
    };

    // Items come from any DHT participant: one whose put time is further ahead of the reader's
    // clock than this is not believed.
    static constexpr qint64 maxClockSkewUs = 300 * secondUs;
    // A removal hides every put of its identity made before its own TTL ends; such a put lives
    // at most a week more, so the removal is kept in the DHT that long after its end.
    static constexpr qint64 removalReachUs = qint64(maxTtlSeconds) * secondUs;

    Kind kind = Kind::Put;
    qint64 putTimeUs = 0; // microseconds since the Unix epoch
    qint32 ttl = 0;       // seconds, 0..604800
    QByteArray secretHash = QByteArray(hashBytes, '\0');
    QByteArray valueHash = QByteArray(hashBytes, '\0');
    quint32 clientIp = 0; // IPv4 of the client that put it, 0 when unknown
    QByteArray application;
    // A put: the user's value. A removal: the secret itself, the proof that whoever removed
    // the item knew it (SHA-1 of it is the secret hash).
    QByteArray data;
    bool raw = false; // a value put straight into the DHT by another kind of client

    qint64 expiryUs() const { return putTimeUs + qint64(ttl) * secondUs; }
    // Until when the DHT must hold the item for readers to show the truth.
    qint64 keepUntilUs() const { return kind == Kind::Put ? expiryUs() : expiryUs() + removalReachUs; }
    bool isRemovable() const { return secretHash != QByteArray(hashBytes, '\0'); }

    // The classic identity of an item is (key, secret hash, SHA-1 of the value); its DHT value
    // id adds the kind and the put time.
    quint64 dhtValueId(const QByteArray& key20) const;

    // Bamboo's 77-byte storage key: put time, TTL, key, secret hash, value hash, put flag,
    // client IPv4, all big-endian. Values are returned in its byte order (oldest first) and
    // the placemark is the storage key of the last value returned.
    QByteArray storageKey(const QByteArray& key20) const;

    QByteArray encode() const;
    // An envelope, or a raw item holding bytes that are not one.
    static Item decode(const QByteArray& stored);
    static bool isEnvelope(const QByteArray& stored);
    // The first stored form (magic ODC1, removals without proof): read only to migrate state.
    static std::optional<Item> decodeVersion1(const QByteArray& stored);
};

// An envelope read in place, without copying: what a listing of many values needs. The bytes
// must outlive the view.
class EnvelopeView
{
public:
    static constexpr int secretOffset = 17;
    static constexpr int headerBytes = 62;

    explicit EnvelopeView(const QByteArray& stored);
    // A view reads the bytes where they are: a temporary would be gone before the first read.
    explicit EnvelopeView(QByteArray&&) = delete;
    // Shaped like an envelope of the current form.
    bool isValid() const { return m_bytes != nullptr; }
    // Its data proves it: a put's data hashes to its value hash; a removal carries the secret
    // whose hash is its (non-zero) secret hash. Anyone can write envelopes into the DHT; only
    // authentic ones count.
    bool isAuthentic() const;
    bool isRemoval() const { return m_bytes[4] == char(Item::Kind::Remove); }
    qint64 putTimeUs() const;
    qint32 ttl() const;
    qint64 expiryUs() const { return putTimeUs() + qint64(ttl()) * secondUs; }
    qint64 keepUntilUs() const { return isRemoval() ? expiryUs() + Item::removalReachUs : expiryUs(); }
    // The secret hash and the value hash, 40 contiguous bytes.
    const char* identity() const { return m_bytes + secretOffset; }
    int dataOffset() const { return m_dataOffset; }
    int dataSize() const { return m_size - m_dataOffset; }
    // Writes the 77-byte storage key (see Item::storageKey) to out.
    void storageKey(const QByteArray& key20, char* out) const;

private:
    const char* m_bytes = nullptr;
    int m_size = 0;
    int m_dataOffset = 0;
};

} // namespace classic
