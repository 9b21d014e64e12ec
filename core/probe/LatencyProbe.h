#pragma once

#include "DhtCondition.h"
#include "GatewayVerdict.h"
#include "LatencyStats.h"

#include "core/backend/GatewayBackend.h"
#include "core/net/HttpCall.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>
#include <vector>

// Probes gateways of either kind every interval (a classic ping, a proxy's GET /), keeping a
// window of samples per gateway. It measures only: the choosing is GatewayChoice's rule, applied
// by GatewayChooser (and by opendht-cli probe). Its own network manager: probes never queue behind, or ahead
// of, user calls, and one slow gateway delays no other (each has its own keep-alive connection and its own
// clock). A round sends its probes one a millisecond, slowest gateway first, so that it lasts about as long
// as its slowest gateway takes and no probe waits behind another. A sample is one round trip, to the moment
// the reply's headers are in (HttpCall::headersMs(): setting up a connection and reading the body are not
// counted).
//
// Beside the round trips, every check interval, a DhtCheck of each gateway asks what its DHT
// does (its node info and a timed read of a probe key), on a network manager of its own: a
// gateway answers pings at once while its DHT has no peer, or takes seconds to read.
//
// The list of targets can change at any time, probes under way or not: what is known of a
// gateway (figures, kind, DHT condition) follows its URL, never its place in the list.
class LatencyProbe : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        QUrl url;
        std::optional<GatewayKind> kind; // known after the first answer to GET /
        LatencyStats stats;
        DhtCondition dht; // see DhtCheck

        GatewayVerdict verdict() const { return GatewayVerdict::judge(stats, dht); }
    };
    enum class Operation
    {
        Get,
        Put
    };

    explicit LatencyProbe(QObject* parent = nullptr);
    ~LatencyProbe() override;

    // The gateways to probe, in this order (indexes below refer to it; duplicates are probed
    // once). A URL already probed keeps its figures and kind; a new one starts
    // with none (and, while running, is probed at once); the probe under way of a URL that
    // leaves the list is aborted. A round under way ends when the probes it still has end.
    void setTargets(const QList<QUrl>& urls);
    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }
    void setTimeout(int ms) { m_limits.deadlineMs = m_limits.inactivityMs = ms; }
    // How often each gateway's DHT is checked (default 5 s; the first check comes as soon as
    // its kind is known), and how long a read may take before the DHT is called slow (3 s).
    void setCheckInterval(int ms) { m_checkTimer.setInterval(ms); }
    void setSlowDhtMs(int ms);
    // Checks still under way, or not yet begun, of gateways that answer.
    bool isChecking() const;
    // What the user's own get or put through url did (ignored for a URL not in the list).
    void noteOperation(const QUrl& url, Operation operation, const GatewayError& error, qint64 ms);
    void start();
    void pause();
    bool isRunning() const { return m_timer.isActive(); }
    // One round now: every target that has no probe under way is probed.
    void probeOnce();

    int count() const { return int(m_targets.size()); }
    const Target& target(int i) const;
    int indexOf(const QUrl& url) const;
signals:
    void sampled(int index);
    void roundFinished();
    // New news of a gateway's DHT (target(index).dht).
    void checked(int index);

private:
    struct Slot;
    using Id = quint64; // a target's identity for as long as its URL stays in the list

    int indexOfId(Id id) const;
    Slot* slotOf(Id id) const;
    void schedule(const QList<Id>& ids);
    void sendWhenDue(Id id);
    void probe(Id id);
    void learnKind(Id id);
    void startCheck(Slot& slot);
    void onChecked(Id id);
    void checkAll();
    void record(Id id, LatencyStats::Outcome outcome, double ms);
    void abort(Slot& slot);
    void endProbe();

    QNetworkAccessManager m_network; // the round trips
    HttpCall::Limits m_limits;
    std::vector<std::unique_ptr<Slot>> m_targets;
    QTimer m_timer;
    QNetworkAccessManager m_checkNetwork; // DHT checks: never in the way of the round trips
    QTimer m_checkTimer;
    int m_slowDhtMs = 3000;
    QElapsedTimer m_pace;
    double m_nextSendMs = 0; // on m_pace: when the next request may leave
    Id m_nextId = 1;
    int m_pending = 0; // probes under way, or waiting for their turn in the round
};
