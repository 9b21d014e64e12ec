#include "GatewayChooser.h"

#include "GatewayCheck.h"
#include "GatewayChoice.h"
#include "GatewayDiscovery.h"
#include "LatencyProbe.h"

#include "core/connect/BackendFactory.h"

#include <algorithm>

using chooser::Action;
using chooser::Event;
using chooser::State;

namespace {

constexpr int discoveryTimeoutMs = 10000;

// What the user is told of a failing gateway: a word and, when there is one, why.
QString inWords(const GatewayVerdict& verdict)
{
    return verdict.reason().isEmpty() || verdict.state() == GatewayVerdict::State::Down
               ? verdict.word()
               : QStringLiteral("%1: %2").arg(verdict.word(), verdict.reason());
}

} // namespace

GatewayChooser::GatewayChooser(GatewayDirectory* directory, QSettings* store, QObject* parent)
    : QObject(parent)
    , m_directory(directory)
    , m_store(store)
    , m_probe(new LatencyProbe(this))
    , m_discovery(new GatewayDiscovery(directory, this))
    , m_state(m_store.automatic() ? State::Automatic : State::Manual)
{
    m_dayEnd.setSingleShot(true);
    connect(&m_dayEnd, &QTimer::timeout, this, &GatewayChooser::dayOver);
    connect(m_probe, &LatencyProbe::sampled, this, &GatewayChooser::onSampled);
    connect(m_probe, &LatencyProbe::roundFinished, this, &GatewayChooser::onRoundFinished);
    connect(m_probe, &LatencyProbe::checked, this, &GatewayChooser::onSampled);
    connect(m_directory, &GatewayDirectory::changed, this, &GatewayChooser::syncTargets);
    connect(m_discovery, &GatewayDiscovery::finished, this, [this](int newCount) {
        discoveryEnded();
        emit discovered(newCount);
    });
    connect(m_discovery, &GatewayDiscovery::failed, this, [this](const QString& reason) {
        discoveryEnded();
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
    if (m_day != chooser::Day::Unstarted)
        return; // once
    chooser::advance(m_day, chooser::DayEvent::Started);
    const auto remembered = m_store.rememberedChoice();
    if (!isAutomatic() && m_current.isEmpty()) { // the user's, unless this run's is current already
        if (m_directory->find(m_store.manual()))
            setCurrent(m_store.manual());
        else
            perform(enter(Event::AutomaticOn)); // the user's gateway has gone from the list
    }
    if (isAutomatic() && remembered && m_directory->find(*remembered)) {
        m_remembered = *remembered;
        const auto actions = enter(Event::StartOnRemembered); // until the probe measured it
        setCurrent(*remembered);
        perform(actions);
        scheduleDayEnd(*m_store.choiceTime());
    }
    if (!remembered) { // the first run, or the day is over
        m_store.forgetChoice();
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
    if (t.stats.answers())
        perform(chooser::advance(m_search, chooser::SearchEvent::GatewayAnswers));
    if (t.verdict().isHealthy()) {
        chooser::advance(m_alarm, chooser::AlarmEvent::OneHealthy);
        if (index == currentIndex())
            perform(enter(Event::Recovered));
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
    if (noneHealthy()) // the last verdict may come after the round
        perform(chooser::advance(m_alarm, chooser::AlarmEvent::NoneHealthy));
}

void GatewayChooser::onRoundFinished()
{
    if (answeringIndex() < 0 || noneHealthy())
        perform(chooser::advance(m_alarm, chooser::AlarmEvent::NoneHealthy));
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
    if (!m_current.isEmpty() && !urls.contains(m_current)) { // the current gateway left the list
        m_current.clear();
        const auto actions = enter(Event::CurrentLeft);
        emit currentChanged();
        perform(actions);
    }
    emit targetsChanged();
    scheduleEvaluate();
}

void GatewayChooser::scheduleEvaluate()
{
    if (m_evaluatePending)
        return;
    m_evaluatePending = true;
    // Queued: once for many samples, and never inside the probe's own call (sampled(), checked()).
    QMetaObject::invokeMethod(this, &GatewayChooser::evaluate, Qt::QueuedConnection);
}

void GatewayChooser::evaluate()
{
    m_evaluatePending = false;
    const int cur = currentIndex();
    if (m_state == State::Seeded && cur >= 0 && m_probe->target(cur).stats.samples() > 0)
        perform(enter(Event::Measured)); // from here, the remembered choice has to be beaten
    if (m_state == State::Automatic || m_state == State::AutomaticFailing)
        follow();
    else if (m_state == State::Manual)
        watchManual();
    if (isAutomatic() && m_day == chooser::Day::Open && !m_current.isEmpty() && m_current != m_remembered)
        rememberToday();
    const auto now = current();
    if (now && now->kind != m_currentKind) { // the probe told the kind
        m_currentKind = now->kind;
        emit currentChanged();
    }
}

// Automatic: the rule's choice, from the current gateway (which another has to beat clearly).
void GatewayChooser::follow()
{
    const int cur = currentIndex();
    const int next = GatewayChoice::next(GatewayChoice::of(*m_probe), cur);
    if (next >= 0 && next != cur) {
        const bool failover = cur >= 0 && failed(cur);
        const auto actions = enter(failover ? Event::FailedOver : Event::Replaced);
        setCurrent(m_probe->target(next).url);
        perform(actions);
    } else if (next < 0 && cur >= 0 && failed(cur)) {
        perform(enter(Event::Failed)); // and no other gateway is fit
    }
}

// Manual: nothing switches; a failure of the user's gateway is told.
void GatewayChooser::watchManual()
{
    const int cur = currentIndex();
    if (cur >= 0 && failed(cur))
        perform(enter(Event::Failed));
}

chooser::Actions GatewayChooser::enter(Event event)
{
    return chooser::advance(m_state, event);
}

void GatewayChooser::perform(chooser::Actions actions)
{
    if (actions & Action::SaveMode) {
        m_store.setAutomatic(isAutomatic());
        if (!isAutomatic() && !m_current.isEmpty())
            m_store.setManual(m_current);
    }
    if (actions & Action::AnnounceMode)
        emit automaticChanged(isAutomatic());
    if (actions & Action::ReportFailing)
        reportFailing();
    if (actions & Action::Discover)
        discover(); // through a gateway that answers, as soon as one does
    if (actions & Action::RunDiscovery)
        startDiscovery();
    if (actions & Action::ReportNoneAnswers)
        emit noGatewayAnswers();
    if (actions & Action::Follow)
        scheduleEvaluate();
}

void GatewayChooser::discoveryEnded()
{
    m_discoveryBackend.release()->deleteLater(); // its call is still on the stack
    chooser::advance(m_day, chooser::DayEvent::SearchEnded);
    perform(chooser::advance(m_search, chooser::SearchEvent::Ended));
}

void GatewayChooser::reportFailing()
{
    const int cur = currentIndex();
    if (cur >= 0)
        emit currentFailing(m_current, inWords(m_probe->target(cur).verdict()));
}

void GatewayChooser::setCurrent(const QUrl& url)
{
    if (m_current == url)
        return;
    m_current = url;
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
    perform(enter(on ? Event::AutomaticOn : Event::AutomaticOff));
}

void GatewayChooser::use(const QUrl& url)
{
    if (!m_directory->find(url))
        return;
    const auto actions = enter(Event::Use);
    setCurrent(url);
    perform(actions);
}

void GatewayChooser::useForThisRun(const QUrl& url)
{
    if (!m_directory->find(url))
        return;
    const auto actions = enter(Event::UseForThisRun);
    setCurrent(url);
    perform(actions);
}

std::optional<GatewayChooser::Current> GatewayChooser::current() const
{
    if (m_current.isEmpty())
        return std::nullopt;
    Current c{m_current, GatewayKind::Classic, m_current.authority()};
    const auto entry = m_directory->find(m_current);
    if (entry && !entry->name.isEmpty())
        c.name = entry->name;
    const int index = indexOf(m_current);
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
    return m_current.isEmpty() ? -1 : indexOf(m_current);
}

int GatewayChooser::recommendedIndex() const
{
    if (m_state == State::Automatic)
        return currentIndex();
    return GatewayChoice::best(GatewayChoice::of(*m_probe)); // what automatic mode would take
}

int GatewayChooser::answeringIndex() const
{
    const int cur = currentIndex();
    if (cur >= 0 && m_probe->target(cur).stats.answers())
        return cur;
    for (int i = 0; i < m_probe->count(); ++i) {
        if (m_probe->target(i).stats.answers())
            return i;
    }
    return -1;
}

void GatewayChooser::rememberToday()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_store.rememberChoice(m_current, now);
    m_remembered = m_current;
    scheduleDayEnd(now);
}

void GatewayChooser::scheduleDayEnd(const QDateTime& chosenAt)
{
    const qint64 left =
        QDateTime::currentDateTimeUtc().msecsTo(chosenAt.addSecs(ChoiceStore::choiceLifetimeSeconds));
    m_dayEnd.start(int(std::clamp<qint64>(left, 0, ChoiceStore::choiceLifetimeSeconds * 1000)));
}

void GatewayChooser::dayOver()
{
    m_store.forgetChoice();
    m_remembered.clear();
    perform(chooser::advance(m_day, chooser::DayEvent::Over));
}

void GatewayChooser::discover()
{
    perform(chooser::advance(m_search, chooser::SearchEvent::Wanted));
    if (answeringIndex() >= 0) // else onSampled() tells when a gateway answers
        perform(chooser::advance(m_search, chooser::SearchEvent::GatewayAnswers));
}

void GatewayChooser::startDiscovery()
{
    const int via = answeringIndex();
    Q_ASSERT(via >= 0); // SearchEvent::GatewayAnswers came
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
