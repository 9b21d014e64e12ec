#pragma once

#include "ChoiceStore.h"
#include "ChooserState.h"
#include "GatewayDirectory.h"
#include "LatencyProbe.h"

#include "core/backend/GatewayBackend.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

class GatewayCheck;
class QSettings;
class GatewayDiscovery;

// Which gateway the browser talks to, chosen automatically or by the user, over a directory of
// gateways that its own LatencyProbe keeps measuring. Its state is explicit (the mode, the
// discovery, the choice of the day and the alarm of ChooserState.h, with the pure
// chooser::transition()s); what it keeps between runs is in the ChoiceStore over the settings
// its caller gives.
//
// Automatic (the default): the gateway the choice rule gives (GatewayChoice: the best healthy
// one by median, with hysteresis; one that answers while its DHT is isolated, slow or failing
// puts is never chosen). When the current gateway fails, the next best takes over at once (the
// failure is seen at its next probe, so within one probe interval) and a discovery runs through
// a gateway that answers. The choice is remembered for the day (ChoiceStore::rememberChoice), so
// a restart within the day starts on it before any probe, as Net::OpenDHT did; when the day is
// over it is dropped and a discovery runs.
//
// Manual (use()): the user's gateway stays current whatever happens; when it fails or is found
// unhealthy, currentFailing() says so in words, once, and nothing switches behind the user's back.
//
// The probe's targets follow the directory as it changes, figures kept (see
// LatencyProbe::setTargets()). Start and pause probing here (setProbing()), not on the probe, so
// that probingChanged() tells.
class GatewayChooser : public QObject
{
    Q_OBJECT
public:
    struct Current
    {
        QUrl url;
        GatewayKind kind;
        QString name;
    };

    // store: where the mode, the user's gateway and the choice of the day are kept (not owned).
    GatewayChooser(GatewayDirectory* directory, QSettings* store, QObject* parent = nullptr);
    ~GatewayChooser() override;

    LatencyProbe* probe() const { return m_probe; }
    GatewayDirectory* directory() const { return m_directory; }

    // Takes the remembered choice of the day at once (automatic mode) or the user's gateway
    // (manual mode), then probes every interval. Without a choice of the day, a discovery runs
    // as soon as a gateway answers. Once: later calls do nothing (see setProbing()).
    void start();
    // Pauses and resumes probing (a round under way finishes).
    void setProbing(bool on);
    bool isProbing() const;
    // A round at once, then on with the interval. (A gateway new in the directory needs none:
    // it is probed as soon as it comes.)
    void probeNow();
    void setInterval(int ms);
    int interval() const;

    bool isAutomatic() const { return chooser::isAutomatic(m_state); }
    chooser::State state() const { return m_state; }
    const ChoiceStore& store() const { return m_store; }
    void setAutomatic(bool on);
    // The user's choice: current, whatever happens, and automatic mode off, both kept in the
    // store for the next starts. A URL the directory does not know is ignored.
    void use(const QUrl& url);
    // The same for this run only (opendht-browser --gateway): the stored mode and gateway stay
    // what the user chose, so the next start goes back to them.
    void useForThisRun(const QUrl& url);

    // The kind is what the gateway answered to GET / (the probe's first question), else what
    // its directory entry says; only when neither knows yet is it assumed classic (the
    // original protocol), and currentChanged() follows once the probe tells otherwise.
    std::optional<Current> current() const;
    // The probe's index of the current gateway, and of the one the probe would choose now
    // by the choice rule; it differs from current() in manual mode). -1: none.
    int currentIndex() const;
    int recommendedIndex() const;
    int indexOf(const QUrl& url) const;

    // Reads the gateways announced in the DHT through a gateway that answers (at once, or as
    // soon as one does) and merges them into the directory; discovered() or discoveryFailed().
    void discover();
    bool isDiscovering() const { return m_search != chooser::Search::Idle; }

    // The embedded local gateway (see GatewayDirectory::setLocalGateway); empty removes it.
    // Like any gateway new in the directory, it is probed as soon as the probe has it.
    void setLocalGateway(const QUrl& url) { m_directory->setLocalGateway(url); }

    // Starts checking that url answers as a gateway, and its kind (see GatewayCheck), on this
    // chooser's network manager; the check belongs to parent and must not outlive the chooser.
    GatewayCheck* check(const QUrl& url, QObject* parent);

    // What the user's own get or put through url did: a put that fails makes the gateway
    // "puts failing", a get that takes seconds "slow DHT" (see DhtCheck).
    void noteOperation(const QUrl& url, LatencyProbe::Operation operation, const GatewayError& error,
                       qint64 ms);

signals:
    void currentChanged();
    // The current gateway failed its probe or was found unhealthy, and nothing took over
    // (manual mode, or no other gateway is healthy); status says what is wrong, in words; once
    // per failure, until it is healthy again or another becomes current.
    void currentFailing(const QUrl& url, const QString& status);
    // A complete probe round in which no gateway answered, or every one was judged unhealthy:
    // once, until one is healthy again.
    void noGatewayAnswers();
    // New figures for the probe's target index.
    void statsChanged(int index);
    // The probe's targets were replaced to follow the directory (indexes changed).
    void targetsChanged();
    void automaticChanged(bool on);
    void probingChanged(bool on);
    void discovered(int newCount);
    void discoveryFailed(const QString& reason);

private:
    void onSampled(int index);
    void onRoundFinished();
    void syncTargets();
    void evaluate();
    void follow();
    void watchManual();
    void scheduleEvaluate();
    void setCurrent(const QUrl& url);
    chooser::Actions enter(chooser::Event event);
    void perform(chooser::Actions actions);
    void discoveryEnded();
    void reportFailing();
    void rememberToday();
    void scheduleDayEnd(const QDateTime& chosenAt);
    void dayOver();
    void startDiscovery();
    int answeringIndex() const;
    QList<QUrl> directoryUrls() const;
    bool failed(int index) const;
    bool noneHealthy() const;

    GatewayDirectory* m_directory;
    ChoiceStore m_store;
    LatencyProbe* m_probe;
    QNetworkAccessManager m_nam; // discovery and checks: never queued behind the probes
    GatewayDiscovery* m_discovery;
    std::unique_ptr<GatewayBackend> m_discoveryBackend;
    QTimer m_dayEnd;
    chooser::State m_state;
    chooser::Search m_search = chooser::Search::Idle;
    chooser::Day m_day = chooser::Day::Unstarted;
    chooser::Alarm m_alarm = chooser::Alarm::Quiet;
    QUrl m_current;                           // empty: none
    std::optional<GatewayKind> m_currentKind; // as last announced by currentChanged()
    QUrl m_remembered;                        // the choice of the day, as written to the store
    // Not state: whether evaluate() is queued already (it runs once for many samples), which
    // no rule depends on; the state is the four parts above.
    bool m_evaluatePending = false;
};
