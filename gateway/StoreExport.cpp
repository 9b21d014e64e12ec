#include "StoreExport.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <msgpack.hpp>
#include <opendht/dhtrunner.h>

#include <thread>

namespace {

constexpr int maxTries = 50;
constexpr auto retryDelay = std::chrono::milliseconds(10);

QByteArray idBytes(const dht::InfoHash& h)
{
    return QByteArray(reinterpret_cast<const char*>(h.data()), qsizetype(h.size()));
}

using Wanted = QHash<QByteArray, QSet<quint64>>; // value ids still to find, by key20

// One key: its figures, and the wanted ids it holds crossed off.
StoredKey storedKeyOf(const dht::ValuesExport& e, Wanted& wanted)
{
    StoredKey key{idBytes(e.first), 0, 0, 0};
    const auto steadyNow = dht::clock::now();
    const qint64 systemNowMs = QDateTime::currentMSecsSinceEpoch();
    const auto want = wanted.find(key.key20);
    try {
        const msgpack::object_handle handle =
            msgpack::unpack(reinterpret_cast<const char*>(e.second.data()), e.second.size());
        const msgpack::object& list = handle.get();
        if (list.type != msgpack::type::ARRAY)
            return key;
        dht::time_point newest = dht::time_point::min();
        for (const msgpack::object& pair : list.via.array) {
            if (pair.type != msgpack::type::ARRAY || pair.via.array.size != 2)
                continue;
            const dht::time_point created(dht::time_point::duration(pair.via.array.ptr[0].as<int64_t>()));
            dht::Value value;
            value.msgpack_unpack(pair.via.array.ptr[1]);
            ++key.values;
            key.bytes += qint64(value.size());
            newest = std::max(newest, created);
            if (want != wanted.end())
                want->remove(value.id);
        }
        if (key.values > 0)
            key.newestMs = systemNowMs -
                           std::chrono::duration_cast<std::chrono::milliseconds>(steadyNow - newest).count();
    } catch (const std::exception&) {
        // A form this libopendht does not write: the key is still listed, its figures unknown.
    }
    if (want != wanted.end() && want->isEmpty())
        wanted.erase(want);
    return key;
}

} // namespace

QVector<StoredKey> StoreExport::read(dht::DhtRunner& runner, const QVector<Put>& unseen)
{
    QVector<StoredKey> keys;
    for (int attempt = 0; attempt < maxTries; ++attempt) {
        Wanted wanted;
        for (const Put& p : unseen)
            wanted[p.key20].insert(p.valueId);
        keys.clear();
        for (const dht::ValuesExport& e : runner.exportValues()) {
            StoredKey k = storedKeyOf(e, wanted);
            if (k.values > 0) // libopendht keeps keys that only have listeners
                keys.append(std::move(k));
        }
        // A put libopendht refused (a full key, say) never shows: after the last try, as is.
        if (wanted.isEmpty())
            break;
        std::this_thread::sleep_for(retryDelay);
    }
    return keys;
}
