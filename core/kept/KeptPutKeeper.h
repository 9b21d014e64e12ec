#pragma once

#include "KeptPut.h"
#include "KeptPutStore.h"

#include "core/net/HttpCall.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <optional>

// Keeps permanent proxy puts alive for their whole TTL, across restarts when a store is open
// (the browser), or for as long as it runs (opendht-cli put --keep): a permanent POST again
// every refresh interval (22 h, before the proxy's 24 h run out) while the TTL needs it, and at
// the TTL's end the downgrade, which ends the value within one lifetime of its type (10 minutes
// for classic items and user data, 1 minute for ICE candidates: KeptPut::typeLifetimeMs).
// A put whose refresh was missed (the program did not run) is POSTed again when it resumes:
// the proxy may have let it go, and the same POST puts it back.
class KeptPutKeeper : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 refreshMs = 22LL * 3600 * 1000; // OP_TIMEOUT - OP_MARGIN, as upstream
    static constexpr qint64 retryMs = 60 * 1000;            // after a failed POST
    // The refresh interval: refreshMs, or for tests only the environment variable
    // ODB_TEST_KEEPER_REFRESH_MS (milliseconds), so that a test sees refreshes within seconds.
    static qint64 configuredRefreshMs();

    explicit KeptPutKeeper(QObject* parent = nullptr);
    ~KeptPutKeeper() override;

    // Keeps its puts in the store at path from now on, and resumes those stored there.
    bool open(const QString& path, QString* error);
    void setRefreshMs(qint64 ms) { m_refreshMs = ms; }
    qint64 refreshIntervalMs() const { return m_refreshMs; }
    void setApplication(const QString& name) { m_application = name; }

    // Takes over a put whose first permanent POST the proxy accepted at put.lastPost.
    void keep(KeptPut put);
    // Sends the downgrade now (it ends within a type lifetime); the put goes once it is sent.
    void stop(qint64 id);
    void stopAll();
    const QList<KeptPut>& puts() const { return m_puts; }
    std::optional<KeptPut> find(qint64 id) const;
    // The earliest time a put would end before its TTL if nothing refreshed it any more.
    std::optional<QDateTime> earliestEarlyEnd() const;

signals:
    void changed();                                  // a put came, was refreshed or went
    void posted(qint64 id, bool permanent, bool ok); // a POST was answered
    void problem(const QString& message);

private:
    void schedule();
    void onTimer();
    void post(qint64 id, bool permanent);
    void onPosted(qint64 id, bool permanent, const HttpCall* call);
    void plan(KeptPut* put, const QDateTime& at) const;
    void forget(qint64 id);
    KeptPut* put(qint64 id);
    void save(KeptPut* put);

    QNetworkAccessManager m_nam;
    QObject m_calls; // the parent of POSTs in flight: deleted before the manager they use
    KeptPutStore m_store;
    QList<KeptPut> m_puts;
    QSet<qint64> m_busy;     // a POST of these is in flight
    QSet<qint64> m_stopping; // the user stopped these: downgrade whatever the TTL says
    QTimer m_timer;
    qint64 m_refreshMs;
    qint64 m_nextMemoryId = -1; // ids of puts not in a store are negative
    QString m_application = QStringLiteral("opendht-browser");
};
