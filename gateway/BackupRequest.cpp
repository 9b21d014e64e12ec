#include "BackupRequest.h"

#include "core/stored/ClassicItem.h"

#include <QtEndian>

namespace BackupRequest {

namespace {
constexpr char magic[] = "ODKR";
constexpr int headerBytes = 4;
constexpr int entryHeaderBytes = DhtLimits::keyBytes + 2;
} // namespace

QByteArray begin()
{
    return QByteArray(magic, headerBytes);
}

bool isEmpty(const QByteArray& request)
{
    return request.size() <= headerBytes;
}

bool append(QByteArray& request, const Entry& entry)
{
    if (entry.key20.size() != DhtLimits::keyBytes || entry.envelope.size() > 0xFFFF ||
        request.size() + entryHeaderBytes + entry.envelope.size() > maxBytes)
        return false;
    char len[2];
    qToBigEndian(quint16(entry.envelope.size()), len);
    request += entry.key20;
    request.append(len, 2);
    request += entry.envelope;
    return true;
}

QVector<Entry> decode(const QByteArray& request)
{
    QVector<Entry> out;
    if (!request.startsWith(QByteArrayView(magic, headerBytes)))
        return out;
    qsizetype at = headerBytes;
    while (at + entryHeaderBytes <= request.size()) {
        const quint16 len = qFromBigEndian<quint16>(request.constData() + at + DhtLimits::keyBytes);
        if (at + entryHeaderBytes + len > request.size())
            break;
        out.append({request.mid(at, DhtLimits::keyBytes), request.mid(at + entryHeaderBytes, len)});
        at += entryHeaderBytes + len;
    }
    return out;
}

} // namespace BackupRequest
