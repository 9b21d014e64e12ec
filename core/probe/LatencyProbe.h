#pragma once

#include "LatencyStats.h"

#include <backend/GatewayBackend.h>
#include <net/HttpCall.h>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>
#include <vector>

class QNetworkReply;

// Probes gateways of either kind every interval (a classic ping, a proxy's GET /), keeping a
// window of samples per gateway, and picks the best by median with hysteresis. Its own network
// manager: probes never queue behind, or ahead of, user calls, and one slow gateway delays no
// other (each has its own keep-alive connection and its own clock). A round sends its probes one
// a millisecond, slowest gateway first, so that it lasts about as long as its slowest gateway
// takes and no probe waits behind another. A sample is one round trip, to the moment the
// reply's headers are in (setting up a connection and reading the body are not counted).
//
// The list of targets can change at any time, probes under way or not: what is known of a
// gateway (figures, kind, pin, choice) follows its URL, never its place in the list.
class LatencyProbe : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        QUrl url;
        std::optional<GatewayKind> kind; // known after the first answer to GET /
        LatencyStats stats;
    };

    explicit LatencyProbe(QObject* parent = nullptr);
    ~LatencyProbe() override;

    // The gateways to probe, in this order (indexes below refer to it; duplicates are probed
    // once). A URL already probed keeps its figures, kind, pin and choice; a new one starts
    // with none (and, while running, is probed at once); the probe under way of a URL that
    // leaves the list is aborted. A round under way ends when the probes it still has end.
    void setTargets(const QList<QUrl>& urls);
    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }
    void setTimeout(int ms) { m_limits.deadlineMs = m_limits.inactivityMs = ms; }
    void start();
    void pause() { m_timer.stop(); }
    bool isRunning() const { return m_timer.isActive(); }
    // One round now: every target that has no probe under way is probed.
    void probeOnce();

    int count() const { return int(m_targets.size()); }
    const Target& target(int i) const;
    int indexOf(const QUrl& url) const;
    // The best gateway (-1: none answers). A better one takes over only when clearly better
    // (20 % and 1 ms, on three samples each at least), so the choice does not flap; a failing
    // choice is replaced at once.
    // chosenChanged() also says when the chosen gateway's index changed with the list.
    int chosen() const;
    // Takes index as the current choice, which another gateway then has to beat by the margin
    // above (a choice remembered from an earlier run); ignored while pinned.
    void setChosen(int index);
    // Manual choice: the pinned gateway stays chosen whatever happens; when it fails,
    // pinnedFailing() says so and nothing switches behind the user's back. -1 unpins.
    void pin(int index);
    int pinned() const;

signals:
    void sampled(int index);
    void roundFinished();
    void chosenChanged(int index);
    void pinnedFailing(int index, const QString& status);

private:
    struct Slot;
    class Network;
    using Id = quint64; // a target's identity for as long as its URL stays in the list

    int indexOfId(Id id) const;
    Slot* slotOf(Id id) const;
    Id idAt(int index) const;
    void schedule(const QList<Id>& ids);
    void sendWhenDue(Id id);
    void probe(Id id);
    void learnKind(Id id);
    void useKind(Slot& slot, GatewayKind kind);
    void watch(Id id, QNetworkReply* reply);
    void record(Id id, LatencyStats::Outcome outcome, double ms);
    void abort(Slot& slot);
    void endProbe();
    void choose();
    void announceChosen();

    std::unique_ptr<Network> m_network;
    HttpCall::Limits m_limits;
    std::vector<std::unique_ptr<Slot>> m_targets;
    QTimer m_timer;
    QElapsedTimer m_pace;
    double m_nextSendMs = 0; // on m_pace: when the next request may leave
    Id m_nextId = 1;
    int m_pending = 0; // probes under way, or waiting for their turn in the round
    Id m_chosen = 0;   // 0: none
    Id m_pinned = 0;
    int m_announcedChosen = -1; // the index chosenChanged() last gave
};
