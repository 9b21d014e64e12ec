#pragma once

#include "LineSplitter.h"

#include "core/backend/GatewayWatch.h"
#include "core/dht/DhtKey.h"
#include "core/net/HttpCall.h"
#include "core/stored/ClassicItem.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QTimer>
#include <QUrl>

// A key kept live through a proxy's listen stream (GET /key/<hash>/listen), which never ends
// and has no heartbeat. So the stream is reopened when it fails or ends (after 1 s, doubling up
// to 30 s), and also every reopenSeconds even when it looks healthy, because a half-open TCP
// connection would otherwise go unnoticed. Each reopen starts the value set afresh from what
// the proxy resends, and only values never seen before are announced as new.
//
// The stream holds an HTTP connection for good: it has its own QNetworkAccessManager, so that
// watches never take the connections (6 per host in Qt) that other calls need.
class ProxyWatch : public GatewayWatch
{
    Q_OBJECT
public:
    static constexpr int reopenSeconds = 300;
    static constexpr int maxBackoffSeconds = 30;

    ProxyWatch(const QUrl& proxy, const DhtKey& key, qsizetype maxLineBytes, QObject* parent = nullptr);
    void stop() override;

private:
    void open();
    void onReceived(const QByteArray& bytes);
    void onFinished();
    void dropCall();
    void retryLater(const QString& reason);
    void publishSoon();

    QUrl m_url;
    QByteArray m_key20;
    qsizetype m_maxLineBytes;
    QNetworkAccessManager m_nam;
    QPointer<HttpCall> m_call;
    LineSplitter m_lines;
    QHash<quint64, classic::StoredValue> m_live;
    // What the previous stream held, shown until the new one has had its baseline time to send
    // it again: a reopen must not look like every value leaving and coming back.
    QHash<quint64, classic::StoredValue> m_carried;
    QTimer m_retry;
    QTimer m_publish; // a reopened stream resends everything: publish once it has settled
    QTimer m_expiry;  // drops values whose classic TTL ended
    QElapsedTimer m_opened;
    int m_failures = 0;
    bool m_stopped = false;
};
