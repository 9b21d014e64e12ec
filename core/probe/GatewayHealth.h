#pragma once

#include "core/net/HttpCall.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

// What an opendht-gateway says of its DHT in its answer to GET /: the network it joined and its
// health (lone, joining, ok, isolated), asked again every interval while a URL is watched. The
// latency probe cannot tell this (a classic ping answers the same on a DHT with no peer), and
// on a named network it is what a user needs to know: an isolated gateway finds no values.
class GatewayHealth : public QObject
{
    Q_OBJECT
public:
    struct Status
    {
        QString network;
        qint64 networkId = 0;
        QString health;
        int goodPeers = 0;
    };
    static constexpr int defaultIntervalMs = 5000;

    explicit GatewayHealth(QNetworkAccessManager* nam, QObject* parent = nullptr);

    // Asks url at once, then every interval; an empty URL stops (and forgets the status).
    void watch(const QUrl& url);
    QUrl url() const { return m_url; }
    void setInterval(int ms) { m_timer.setInterval(ms); }
    // The last answer; empty before the first, and after one that failed or was no
    // opendht-gateway's.
    std::optional<Status> status() const { return m_status; }

    static std::optional<Status> parse(const QByteArray& body);

signals:
    // status() changed (an answer that says the same emits nothing).
    void changed();

private:
    void ask();
    void take(std::optional<Status> status);

    QNetworkAccessManager* m_nam;
    QUrl m_url;
    QTimer m_timer;
    QPointer<HttpCall> m_call;
    std::optional<Status> m_status;
};
