#include "GatewayChooser.h"

#include "GatewayCheck.h"
#include "GatewayDiscovery.h"
#include "LatencyProbe.h"

#include "core/connect/BackendFactory.h"

#include <QSettings>

#include <algorithm>

namespace {

const QString automaticKey = QStringLiteral("gateways/automatic");
const QString manualKey = QStringLiteral("gateways/manual");
constexpr int discoveryTimeoutMs = 10000;

bool answers(const LatencyStats& s)
{
    return s.samples() > 0 && s.lastOutcome() == LatencyStats::Outcome::Ok;
}

// What the user is told of a failing gateway: a word and, when there is one, why.
QString inWords(const GatewayVerdict& verdict)
{
    return verdict.reason().isEmpty() || verdict.state() == GatewayVerdict::State::Down
               ? verdict.word()
               : QStringLiteral("%1: %2").arg(verdict.word(), verdict.reason());
}

} // namespace

GatewayChooser::GatewayChooser(GatewayDirectory* directory, QObject* parent)
    : QObject(parent)
    , m_directory(directory)
    , m_probe(new LatencyProbe(this))
    , m_discovery(new GatewayDiscovery(directory, this))
{
    const QSettings settings;
    m_automatic = settings.value(automaticKey, true).toBool();
    m_manual = settings.value(manualKey).toUrl();
    m_dayEnd.setSingleShot(true);
    connect(&m_dayEnd, &QTimer::timeout, this, &GatewayChooser::dayOver);
    connect(m_probe, &LatencyProbe::sampled, this, &GatewayChooser::onSampled);
    connect(m_probe, &LatencyProbe::roundFinished, this, &GatewayChooser::onRoundFinished);
    connect(m_probe, &LatencyProbe::chosenChanged, this, &GatewayChooser::scheduleEvaluate);
    connect(m_probe, &LatencyProbe::checked, this, &GatewayChooser::onSampled);
    connect(m_probe, &LatencyProbe::pinnedFailing, this, [this](int index, const QString&) {
        if (!m_automatic && index == currentIndex() && !m_failingReported) {
            m_failingReported = true; // once, until it is healthy again
            emit currentFailing(m_probe->target(index).url, inWords(m_probe->target(index).verdict()));
        }
    });
    connect(m_directory, &GatewayDirectory::changed, this, &GatewayChooser::syncTargets);
    connect(m_discovery, &GatewayDiscovery::finished, this, [this](int newCount) {
        m_discoveryBackend.release()->deleteLater(); // its call is still on the stack
        m_renewChoice = false;
        scheduleEvaluate();
        emit discovered(newCount);
    });
    connect(m_discovery, &GatewayDiscovery::failed, this, [this](const QString& reason) {
        m_discoveryBackend.release()->deleteLater();
        m_renewChoice = false;
        scheduleEvaluate();
        emit discoveryFailed(reason);
    });
    m_probe->setTargets(directoryUrls());
}

GatewayChooser::~GatewayChooser()
{
    m_discovery->cancel();
}

void GatewayChooser::start()
{
    if (m_started)
        return;
    m_started = true;
    const auto remembered = m_directory->rememberedChoice();
    if (!m_automatic && m_directory->find(m_manual)) {
        pin(m_manual); // the settings say so already, or it is this run's (useForThisRun())
    } else {
        setAutomatic(true); // a no-op, unless the user's gateway has gone from the list
        if (remembered && m_directory->find(*remembered)) {
            m_remembered = *remembered;
            m_seedPending = true; // the probe learns it as its choice once it has answered
            setCurrent(*remembered);
            scheduleDayEnd(*m_directory->choiceTime());
        }
    }
    if (!remembered) { // the first run, or the day is over
        m_directory->forgetChoice();
        discover();
    }
    if (m_probe->count() == 0)
        QMetaObject::invokeMethod(this, &GatewayChooser::noGatewayAnswers, Qt::QueuedConnection);
    setProbing(true);
}

bool GatewayChooser::isProbing() const
{
    return m_probe->isRunning();
}

void GatewayChooser::setProbing(bool on)
{
    if (on == isProbing())
        return;
    if (on)
        m_probe->start();
    else
        m_probe->pause();
    emit probingChanged(on);
}

void GatewayChooser::probeNow()
{
    if (isProbing())
        m_probe->start(); // the next round one interval after this one
    else
        m_probe->probeOnce();
}

void GatewayChooser::setInterval(int ms)
{
    m_probe->setInterval(ms);
}

int GatewayChooser::interval() const
{
    return m_probe->interval();
}

void GatewayChooser::onSampled(int index)
{
    const LatencyProbe::Target& t = m_probe->target(index);
    if (answers(t.stats) && m_discoverWanted)
        startDiscovery();
    if (t.verdict().isHealthy()) {
        m_noneAnswersReported = false;
        if (index == currentIndex())
            m_failingReported = false;
    }
    const QUrl url = t.url;
    const auto entry = m_directory->find(url);
    // What the gateway says of itself wins. The directory's change may reorder or rebuild the
    // probe's targets: t and index are not to be used after it.
    if (t.kind && entry && entry->kind != t.kind)
        m_directory->setKind(url, *t.kind);
    scheduleEvaluate();
    const int now = m_probe->indexOf(url);
    if (now >= 0)
        emit statsChanged(now);
    if (noneHealthy() && !m_noneAnswersReported) { // the last verdict may come after the round
        m_noneAnswersReported = true;
        emit noGatewayAnswers();
    }
}

void GatewayChooser::onRoundFinished()
{
    if ((answeringIndex() < 0 || noneHealthy()) && !m_noneAnswersReported) {
        m_noneAnswersReported = true;
        emit noGatewayAnswers();
    }
}

QList<QUrl> GatewayChooser::directoryUrls() const
{
    QList<QUrl> urls;
    for (const GatewayDirectory::Entry& e : m_directory->entries())
        urls << e.url;
    return urls;
}

// The probe keeps what it knows of the gateways that stay, and probes a new one at once.
void GatewayChooser::syncTargets()
{
    const QList<QUrl> urls = directoryUrls();
    QList<QUrl> probed;
    for (int i = 0; i < m_probe->count(); ++i)
        probed << m_probe->target(i).url;
    if (urls == probed)
        return;
    m_probe->setTargets(urls);
    if (m_current && !urls.contains(*m_current)) { // the current gateway left the list
        m_current.reset();
        m_seedPending = false;
        setAutomatic(true);
        emit currentChanged();
    } else if (!m_automatic) {
        m_probe->pin(currentIndex()); // the user's gateway may have just come into the list
    }
    emit targetsChanged();
    scheduleEvaluate();
}

void GatewayChooser::scheduleEvaluate()
{
    if (m_evaluatePending)
        return;
    m_evaluatePending = true;
    // Queued: the probe emits sampled() before it chooses, and may be inside its own call.
    QMetaObject::invokeMethod(this, &GatewayChooser::evaluate, Qt::QueuedConnection);
}

void GatewayChooser::evaluate()
{
    m_evaluatePending = false;
    const int cur = currentIndex();
    if (m_automatic && m_seedPending && cur >= 0 && m_probe->target(cur).stats.samples() > 0) {
        m_seedPending = false;
        if (!failed(cur))
            m_probe->setChosen(cur); // the remembered choice becomes the probe's, with its margin
    }
    if (m_automatic && !m_seedPending) {
        const int best = m_probe->chosen();
        if (best >= 0 && best != cur) {
            const bool failover = cur >= 0 && failed(cur);
            setCurrent(m_probe->target(best).url);
            if (failover)
                discover(); // through the new one, which answers
        } else if (best < 0 && cur >= 0 && failed(cur) && !m_failingReported) {
            m_failingReported = true; // and no other gateway is healthy
            emit currentFailing(m_probe->target(cur).url, inWords(m_probe->target(cur).verdict()));
            discover(); // as soon as one answers
        }
    }
    if (m_automatic && m_current && *m_current != m_remembered && !m_renewChoice)
        rememberToday();
    const auto now = current();
    if (now && now->kind != m_currentKind) { // the probe told the kind
        m_currentKind = now->kind;
        emit currentChanged();
    }
}

void GatewayChooser::setCurrent(const QUrl& url)
{
    if (m_current == url)
        return;
    m_current = url;
    m_failingReported = false;
    m_currentKind = current()->kind;
    emit currentChanged();
}

bool GatewayChooser::failed(int index) const
{
    return m_probe->target(index).verdict().isUnhealthy();
}

// Every gateway has been judged, and none is healthy (a complete verdict: one still under
// check may be).
bool GatewayChooser::noneHealthy() const
{
    for (int i = 0; i < m_probe->count(); ++i) {
        if (!failed(i))
            return false;
    }
    return true;
}

void GatewayChooser::noteOperation(const QUrl& url, LatencyProbe::Operation operation,
                                   const GatewayError& error, qint64 ms)
{
    m_probe->noteOperation(url, operation, error, ms);
}

void GatewayChooser::setAutomatic(bool on)
{
    if (on == m_automatic)
        return;
    m_automatic = on;
    QSettings().setValue(automaticKey, on);
    if (on) {
        m_probe->pin(-1); // the probe judges from the user's gateway, with hysteresis
        scheduleEvaluate();
    } else if (m_current) {
        m_manual = *m_current;
        QSettings().setValue(manualKey, m_manual);
        m_probe->pin(currentIndex());
    }
    emit automaticChanged(on);
}

void GatewayChooser::use(const QUrl& url)
{
    if (!m_directory->find(url))
        return;
    QSettings settings;
    settings.setValue(automaticKey, false);
    settings.setValue(manualKey, url);
    pin(url);
}

void GatewayChooser::useForThisRun(const QUrl& url)
{
    if (m_directory->find(url))
        pin(url);
}

void GatewayChooser::pin(const QUrl& url)
{
    const bool wasAutomatic = m_automatic;
    m_automatic = false;
    m_manual = url;
    m_seedPending = false;
    m_probe->pin(indexOf(url));
    setCurrent(url);
    if (wasAutomatic)
        emit automaticChanged(false);
}

std::optional<GatewayChooser::Current> GatewayChooser::current() const
{
    if (!m_current)
        return std::nullopt;
    Current c{*m_current, GatewayKind::Classic, m_current->authority()};
    const auto entry = m_directory->find(*m_current);
    if (entry && !entry->name.isEmpty())
        c.name = entry->name;
    const int index = indexOf(*m_current);
    if (index >= 0 && m_probe->target(index).kind)
        c.kind = *m_probe->target(index).kind;
    else if (entry && entry->kind)
        c.kind = *entry->kind;
    return c;
}

int GatewayChooser::indexOf(const QUrl& url) const
{
    for (int i = 0; i < m_probe->count(); ++i) {
        if (m_probe->target(i).url == url)
            return i;
    }
    return -1;
}

int GatewayChooser::currentIndex() const
{
    return m_current ? indexOf(*m_current) : -1;
}

int GatewayChooser::recommendedIndex() const
{
    if (m_automatic)
        return m_probe->chosen();
    // Pinned, the probe's choice is the user's: say which one it would take.
    int best = -1;
    for (int i = 0; i < m_probe->count(); ++i) {
        const LatencyStats& s = m_probe->target(i).stats;
        if (!answers(s) || !s.median() || s.loss() >= 0.5 || !m_probe->target(i).verdict().isHealthy())
            continue;
        if (best < 0 || *s.median() < *m_probe->target(best).stats.median())
            best = i;
    }
    return best;
}

int GatewayChooser::answeringIndex() const
{
    const int cur = currentIndex();
    if (cur >= 0 && answers(m_probe->target(cur).stats))
        return cur;
    const int chosen = m_probe->chosen();
    if (chosen >= 0 && answers(m_probe->target(chosen).stats))
        return chosen;
    for (int i = 0; i < m_probe->count(); ++i) {
        if (answers(m_probe->target(i).stats))
            return i;
    }
    return -1;
}

void GatewayChooser::rememberToday()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_directory->rememberChoice(*m_current, now);
    m_remembered = *m_current;
    scheduleDayEnd(now);
}

void GatewayChooser::scheduleDayEnd(const QDateTime& chosenAt)
{
    const qint64 left =
        QDateTime::currentDateTimeUtc().msecsTo(chosenAt.addSecs(GatewayDirectory::choiceLifetimeSeconds));
    m_dayEnd.start(int(std::clamp<qint64>(left, 0, GatewayDirectory::choiceLifetimeSeconds * 1000)));
}

void GatewayChooser::dayOver()
{
    m_directory->forgetChoice();
    m_remembered.clear();
    m_renewChoice = true; // remembered again, fresh, once the gateways of the new day are known
    discover();
}

void GatewayChooser::discover()
{
    if (m_discoveryBackend)
        return; // one under way
    m_discoverWanted = true;
    startDiscovery();
}

void GatewayChooser::startDiscovery()
{
    const int via = answeringIndex();
    if (via < 0 || m_discoveryBackend)
        return; // onSampled() tries again when a gateway answers
    m_discoverWanted = false;
    const LatencyProbe::Target& t = m_probe->target(via);
    const auto entry = m_directory->find(t.url);
    const GatewayKind kind = t.kind ? *t.kind : entry && entry->kind ? *entry->kind : GatewayKind::Classic;
    HttpCall::Limits limits;
    limits.deadlineMs = limits.inactivityMs = discoveryTimeoutMs;
    m_discoveryBackend = makeGatewayBackend(kind, &m_nam, t.url, QStringLiteral("opendht-browser"), limits);
    m_discovery->run(m_discoveryBackend.get());
}

GatewayCheck* GatewayChooser::check(const QUrl& url, QObject* parent)
{
    return new GatewayCheck(&m_nam, url, parent);
}
