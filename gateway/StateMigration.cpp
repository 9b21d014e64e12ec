#include "StateMigration.h"

#include "ItemKeeper.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QtEndian>

#include <opendht/value.h>

namespace StateMigration {

namespace {

constexpr char fileMagic[] = "ODGS1\n";
using Records = QHash<QByteArray, QVector<classic::Item>>; // key -> items of the first form

// One key's export: a msgpack array of [created, value] pairs.
void readKey(const QByteArray& key20, const char* data, size_t size, Records& out, int& skipped)
{
    try {
        const msgpack::object_handle handle = msgpack::unpack(data, size);
        const msgpack::object& list = handle.get();
        if (list.type != msgpack::type::ARRAY)
            return;
        for (uint32_t i = 0; i < list.via.array.size; ++i) {
            const msgpack::object& pair = list.via.array.ptr[i];
            if (pair.type != msgpack::type::ARRAY || pair.via.array.size != 2)
                continue;
            const dht::Value value(pair.via.array.ptr[1]);
            const QByteArray bytes(reinterpret_cast<const char*>(value.data.data()),
                                   qsizetype(value.data.size()));
            if (auto item = classic::Item::decodeVersion1(bytes))
                out[key20].append(*item);
            else
                ++skipped;
        }
    } catch (const std::exception&) {
        ++skipped; // one damaged key does not stop the others
    }
}

// What a get of the first form showed: per identity the put that expires last, unless any
// live removal of that identity existed.
QVector<classic::Item> shown(const QVector<classic::Item>& items, qint64 nowUs)
{
    QHash<QByteArray, classic::Item> best;
    QSet<QByteArray> removed;
    for (const classic::Item& item : items) {
        if (item.expiryUs() <= nowUs)
            continue;
        const QByteArray identity = item.secretHash + item.valueHash;
        if (item.kind == classic::Item::Kind::Remove)
            removed.insert(identity);
        else if (!best.contains(identity) || best[identity].expiryUs() < item.expiryUs())
            best.insert(identity, item);
    }
    QVector<classic::Item> out;
    for (auto it = best.cbegin(); it != best.cend(); ++it) {
        if (!removed.contains(it.key()))
            out.append(it.value());
    }
    return out;
}

} // namespace

Result fromVersion1(const QString& stateDir, ItemKeeper& keeper)
{
    Result r;
    const QString path = QDir(stateDir).filePath(QStringLiteral("values"));
    QFile file(path);
    if (!file.exists())
        return r;
    r.found = true;
    if (!file.open(QIODevice::ReadOnly)) {
        r.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return r;
    }
    const QByteArray in = file.readAll();
    file.close();
    Records records;
    qsizetype at = qsizetype(sizeof(fileMagic) - 1);
    if (!in.startsWith(fileMagic))
        at = in.size(); // not a file of the first form: nothing to read, but keep it aside
    while (at + 24 <= in.size()) {
        const QByteArray key20 = in.mid(at, 20);
        const quint32 len = qFromBigEndian<quint32>(in.constData() + at + 20);
        at += 24;
        if (len > quint32(in.size() - at))
            break; // a truncated file: keep what was whole
        readKey(key20, in.constData() + at, len, records, r.skipped);
        at += len;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    for (auto it = records.cbegin(); it != records.cend(); ++it) {
        const QVector<classic::Item> items = shown(it.value(), now);
        r.skipped += int(it.value().size() - items.size());
        for (const classic::Item& item : items) {
            const StoredValue value{item.dhtValueId(it.key()), DhtNode::classicType, item.encode(),
                                    DhtValueType::lifetimeSeconds(DhtNode::classicType)};
            if (!keeper.keepNow({it.key(), value, item.keepUntilUs(), {}, item.clientIp})) {
                r.error = QStringLiteral("cannot record migrated items in the state directory");
                return r;
            }
            ++r.items;
        }
    }
    const QString aside = path + QStringLiteral(".v1");
    QFile::remove(aside);
    if (!QFile::rename(path, aside))
        r.error = QStringLiteral("migrated, but cannot rename %1 to %2").arg(path, aside);
    return r;
}

} // namespace StateMigration
