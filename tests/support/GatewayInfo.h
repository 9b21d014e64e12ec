#pragma once
// What a test asks a real gateway or its process directly, never through the code under test:
// its GET / document, and where its DHT socket is bound.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QStringList>

#include <memory>

namespace gatewayinfo {

// The gateway's answer to GET / (empty when none came within timeoutMs).
inline QJsonObject nodeInfo(const QUrl& url, int timeoutMs = 10000)
{
    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(url)));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(timeoutMs))
        return {};
    return QJsonDocument::fromJson(reply->readAll()).object();
}

inline QSet<QByteArray> socketInodes(qint64 pid)
{
    QSet<QByteArray> inodes;
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QFileInfo& fd : fds.entryInfoList(QDir::System | QDir::Files | QDir::NoDotAndDotDot)) {
        const QString target = fd.symLinkTarget();
        if (target.contains(QStringLiteral("socket:[")))
            inodes << target.section(u'[', 1).chopped(1).toLatin1();
    }
    return inodes;
}

// The local addresses (as the kernel writes them in /proc/net/udp{,6}: hex, e.g. 0100007F for
// 127.0.0.1) of the process's UDP sockets on this port.
inline QStringList udpAddresses(qint64 pid, quint16 port)
{
    const QSet<QByteArray> inodes = socketInodes(pid);
    QStringList out;
    for (const char* table : {"/proc/net/udp", "/proc/net/udp6"}) {
        QFile file(QString::fromLatin1(table));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : file.readAll().split('\n')) {
            const QList<QByteArray> f = line.simplified().split(' ');
            // sl local_address rem_address st ... inode (10th field)
            if (f.size() <= 9 || !inodes.contains(f[9]))
                continue;
            const QList<QByteArray> local = f[1].split(':');
            if (local.size() == 2 && local[1].toUInt(nullptr, 16) == port)
                out << QString::fromLatin1(local[0]);
        }
    }
    return out;
}

inline bool isLoopbackHex(const QString& address)
{
    return address == u"0100007F" || address == u"00000000000000000000000001000000";
}

inline bool isWildcardHex(const QString& address)
{
    return address.count(u'0') == address.size();
}

} // namespace gatewayinfo
