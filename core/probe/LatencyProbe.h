#pragma once

#include "LatencyStats.h"

#include <backend/GatewayBackend.h>
#include <net/HttpCall.h>

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>
#include <vector>

// Probes gateways of either kind, all at once, every interval (a classic ping, a proxy's
// GET /), keeping a window of samples per gateway, and picks the best by median with
// hysteresis. Its own network manager: probes never queue behind, or ahead of, user calls, and
// one slow gateway delays no other (each has its own connection and its own clock).
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

    void setTargets(const QList<QUrl>& urls);
    void setInterval(int ms) { m_timer.setInterval(ms); }
    void setTimeout(int ms) { m_limits.deadlineMs = m_limits.inactivityMs = ms; }
    void start();
    void pause() { m_timer.stop(); }
    bool isRunning() const { return m_timer.isActive(); }
    // One round now: every target that has no probe under way is probed.
    void probeOnce();

    int count() const { return int(m_targets.size()); }
    const Target& target(int i) const;
    // The best gateway (-1: none answers). A better one takes over only when clearly better
    // (20 % and 1 ms), so the choice does not flap; a failing choice is replaced at once.
    int chosen() const { return m_chosen; }
    // Manual choice: the pinned gateway stays chosen whatever happens; when it fails,
    // pinnedFailing() says so and nothing switches behind the user's back. -1 unpins.
    void pin(int index);
    int pinned() const { return m_pinned; }

signals:
    void sampled(int index);
    void roundFinished();
    void chosenChanged(int index);
    void pinnedFailing(int index, const QString& status);

private:
    struct Slot;
    void probe(int index);
    void record(int index, LatencyStats::Outcome outcome, double ms);
    void choose();

    QNetworkAccessManager m_nam;
    HttpCall::Limits m_limits;
    std::vector<std::unique_ptr<Slot>> m_targets;
    QTimer m_timer;
    int m_pending = 0;
    int m_chosen = -1;
    int m_pinned = -1;
};
