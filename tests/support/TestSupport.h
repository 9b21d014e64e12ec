#pragma once
// Small helpers shared by the client tests.

#include "core/classic/ClassicClient.h"

#include <QFile>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(GatewayError::Kind)

// QTest prints an error kind by its name.
inline char* toString(GatewayError::Kind kind)
{
    using K = GatewayError::Kind;
    static const char* const names[] = {"None",
                                        "BadKey",
                                        "ValueTooLong",
                                        "TtlOutOfRange",
                                        "BadSecret",
                                        "OverCapacity",
                                        "TryAgainExhausted",
                                        "Fault",
                                        "ConnectionRefused",
                                        "HostNotFound",
                                        "Timeout",
                                        "ClosedUnanswered",
                                        "HttpStatus",
                                        "MalformedReply",
                                        "ReplyTooLarge",
                                        "PagingLoop",
                                        "Network",
                                        "Cancelled"};
    static_assert(sizeof(names) / sizeof(names[0]) == int(K::Cancelled) + 1, "one name per kind");
    return qstrdup(names[int(kind)]);
}

namespace testsupport {

// Waits for the reply's finished(). Call it right after starting the call: finished() is
// queued, so it cannot have been emitted before the event loop ran.
inline bool waitFinished(ClassicReply* reply, int timeoutMs = 30000)
{
    QSignalSpy spy(reply, &ClassicReply::finished);
    return spy.wait(timeoutMs) && spy.size() == 1;
}

// A QNetworkAccessManager that remembers every reply it made, to prove that none is left behind.
class TrackingNam : public QNetworkAccessManager
{
public:
    using QNetworkAccessManager::QNetworkAccessManager;
    int made() const { return int(m_replies.size()); }
    int alive() const
    {
        return int(
            std::count_if(m_replies.cbegin(), m_replies.cend(), [](const auto& r) { return !r.isNull(); }));
    }

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request, QIODevice* data) override
    {
        QNetworkReply* reply = QNetworkAccessManager::createRequest(op, request, data);
        m_replies.append(reply);
        return reply;
    }

private:
    QList<QPointer<QNetworkReply>> m_replies;
};

// A field of /proc/self/status in KiB (VmRSS: resident now; VmHWM: the peak so far), -1 if absent.
inline qint64 procStatusKb(const QByteArray& field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    // /proc files claim a size of 0, so read to the end rather than asking atEnd().
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace testsupport
