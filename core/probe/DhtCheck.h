#pragma once

#include "DhtCondition.h"

#include "core/backend/GatewayBackend.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

class HttpCall;
class QNetworkAccessManager;

// Checks what one gateway's DHT does, when asked (run()): its node info (GET /) and, at the
// same time, a timed read of a probe key of ours. A read that goes on past the slow limit is
// called slow at once, without waiting for its end (a zombie proxy took 6.3 s). The user's own
// puts and gets through the gateway are noted too (notePut(), noteGet()). changed() follows
// every news.
class DhtCheck : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultSlowMs = 3000;

    DhtCheck(QNetworkAccessManager* nam, const QUrl& url, GatewayKind kind, QObject* parent = nullptr);
    ~DhtCheck() override;

    void setSlowMs(int ms) { m_slowMs = ms; }
    // One check now, unless one is under way (a slow gateway is not asked twice at once).
    void run();
    bool isRunning() const { return m_nodeCall || m_read; }
    const DhtCondition& condition() const { return m_condition; }

    void notePut(const GatewayError& error);
    void noteGet(const GatewayError& error, qint64 ms);

    // The key our reads ask for: nobody else's, so a read finds nothing but goes through the DHT.
    static DhtKey probeKey();

signals:
    void changed();

private:
    void askNode();
    void read();
    void onReadFinished();
    void onSlow();
    void endCheck();

    QNetworkAccessManager* m_nam;
    QUrl m_url;
    std::unique_ptr<GatewayBackend> m_backend;
    QPointer<HttpCall> m_nodeCall;
    QPointer<GatewayCall> m_read;
    QElapsedTimer m_readClock;
    QTimer m_slow;
    int m_slowMs = defaultSlowMs;
    DhtCondition m_condition;
};
