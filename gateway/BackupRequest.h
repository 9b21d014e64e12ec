#pragma once

#include <QByteArray>
#include <QVector>

// What one gateway asks another to keep: items as they are stored in the DHT, each with its key.
// The data of one signed DHT value (type DhtNode::backupRequestType):
//   magic "ODKR", then entries of: key (20 bytes), envelope length (2, big-endian), envelope.
// The receiver checks every envelope itself (authentic, not ended) before it keeps anything.
namespace BackupRequest {

// A DHT value holds at most 64 KiB; requests stay well below.
constexpr int maxBytes = 48 * 1024;

struct Entry
{
    QByteArray key20;
    QByteArray envelope;
};

// A request under construction: entries are appended while they fit.
QByteArray begin();
bool append(QByteArray& request, const Entry& entry);
bool isEmpty(const QByteArray& request);

// The entries of a request; a damaged one yields those before the damage.
QVector<Entry> decode(const QByteArray& request);

} // namespace BackupRequest
