#pragma once

#include "core/net/HttpCall.h"

#include <QNetworkRequest>
#include <QObject>
#include <QTimer>

class QNetworkAccessManager;

// Keeps a value put through a proxy alive exactly as long as its TTL needs (proxy-rest.md
// section 10). The REST API has no TTL: a plain put lives one type lifetime (10 minutes), a
// "permanent" put is refreshed by the proxy for 24 hours after each POST. So:
//  - TTL up to 10 minutes: one plain POST, nothing kept;
//  - longer: a permanent POST, repeated every 22 hours while the TTL runs, and at its end (or on
//    cancel) the same value posted plain to the same proxy, which stops the refreshing, so the
//    DHT lets it go within 10 minutes.
// Readers never see a value past its TTL anyway: the exact expiry is in the envelope.
class ProxyPutKeeper : public QObject
{
    Q_OBJECT
public:
    static constexpr int plainLifetimeSeconds = 600;
    static constexpr int permanentRefreshSeconds = 22 * 3600;

    struct Plan
    {
        bool permanent = false;
        int refreshes = 0; // re-POSTs after the first, while the TTL runs
    };
    static Plan plan(int ttlSeconds, int refreshSeconds = permanentRefreshSeconds);

    // Takes over after the first (permanent) POST succeeded.
    ProxyPutKeeper(QNetworkAccessManager* nam, const QNetworkRequest& request, const QByteArray& value,
                   qint64 ttlMs, qint64 refreshMs, const HttpCall::Limits& limits, QObject* parent);
    // Stops refreshing and tells the proxy to stop too.
    void cancel();

signals:
    void problem(const QString& message); // a refresh or the final downgrade failed
    void done();

private:
    void post(bool permanent);

    QNetworkAccessManager* m_nam;
    QNetworkRequest m_request;
    QByteArray m_value; // the value's JSON object, without "permanent"
    HttpCall::Limits m_limits;
    QTimer m_refresh;
    QTimer m_end;
};
