#pragma once

#include "NodeInfo.h"

#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <optional>

class LatencyProbe;

// What an opendht-gateway says of its DHT in its answer to GET /: the network it joined and its
// health (lone, joining, ok, isolated), for one gateway the probe measures. The latency probe's
// ping cannot tell this (a classic ping answers the same on a DHT with no peer), and on a named
// network it is what a user needs to know: an isolated gateway finds no values.
//
// It asks nothing itself: the probe's DhtCheck reads GET / of every gateway every check
// interval, and this follows what it read (one question, not one each), while the probe runs.
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

    // probe: the one that measures the gateways (not owned; it outlives this object).
    explicit GatewayHealth(LatencyProbe* probe, QObject* parent = nullptr);

    // Follows url among the probe's targets; an empty URL stops (and forgets the status).
    void watch(const QUrl& url);
    QUrl url() const { return m_url; }
    // The last answer; empty before the first, while the gateway does not answer, and when it is
    // no opendht-gateway (or one too old to say).
    std::optional<Status> status() const { return m_status; }
    // When the probe last read the status (invalid before): while probing is paused, status()
    // is what the gateway said then.
    QDateTime readAt() const { return m_readAt; }

    static std::optional<Status> parse(const QByteArray& body);
    static std::optional<Status> of(const std::optional<NodeInfo>& node);

signals:
    // status() changed (an answer that says the same emits nothing).
    void changed();

private:
    void follow(int index);
    void take(std::optional<Status> status);

    LatencyProbe* m_probe;
    QUrl m_url;
    std::optional<Status> m_status;
    QDateTime m_readAt;
};
