#pragma once

#include <QByteArray>
#include <QVector>

namespace dht {
class DhtRunner;
}

// What this node stores under one key (DhtNode::exportKeys).
struct StoredKey
{
    QByteArray key20;
    int values = 0;
    qint64 bytes = 0;    // as libopendht counts them (data, signature, cypher, user type)
    qint64 newestMs = 0; // the newest value's store time here, Unix ms
};

// libopendht's store read key by key (DhtRunner::exportValues: per key a msgpack array of
// [created, value]), on the calling thread, which it holds for the copy (call it off the Qt
// thread). DhtRunner::put stores on libopendht's thread, later: the values of puts given as
// unseen are waited for (read again every 10 ms, at most 0.5 s), so that a listing taken after
// a put has it.
namespace StoreExport {

struct Put
{
    QByteArray key20;
    quint64 valueId = 0;
    quint64 seq = 0; // DhtNode's count of its own puts
};

QVector<StoredKey> read(dht::DhtRunner& runner, const QVector<Put>& unseen);

} // namespace StoreExport
