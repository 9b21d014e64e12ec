#include "LatencyProbe.h"

#include "DhtCheck.h"

#include "core/backend/GatewayKindProbe.h"
#include "core/classic/ClassicClient.h"
#include "core/proxy/ProxyClient.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

#include <algorithm>
#include <limits>

struct LatencyProbe::Slot
{
    Id id = 0;
    Target target;
    std::unique_ptr<GatewayBackend> backend; // once the kind is known
    QPointer<DhtCheck> check;                // likewise
    QPointer<GatewayKindProbe> kindProbe;    // under way
    QPointer<GatewayCall> call;              // under way
    QPointer<QNetworkReply> reply;           // ...and its HTTP exchange
    QElapsedTimer clock;                     // see watch()
    bool newConnection = false;              // the request had to wait for one
    std::optional<double> roundTripMs;       // ...to the reply's headers
    bool busy = false;                       // counted in m_pending until record() or abort()
};

// The probe's network manager, which hands over the reply of a request a backend makes on the
// probe's behalf, so that the probe can time the exchange itself (see watch()).
class LatencyProbe::Network : public QNetworkAccessManager
{
public:
    // Catches the reply of the next request made (synchronously, by a backend's probe()).
    void catchNextReply()
    {
        m_catching = true;
        m_caught = nullptr;
    }
    QNetworkReply* caught()
    {
        m_catching = false;
        return std::exchange(m_caught, nullptr);
    }

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request, QIODevice* data) override
    {
        QNetworkReply* reply = QNetworkAccessManager::createRequest(op, request, data);
        if (std::exchange(m_catching, false))
            m_caught = reply;
        return reply;
    }

private:
    QPointer<QNetworkReply> m_caught;
    bool m_catching = false;
};

namespace {

// Qt spends about a millisecond of CPU on each HTTP exchange: probes sent faster than one a
// millisecond queue up in the network manager and in the event loop, and the wait reads as
// latency (tests/bench/probe_bench.py, 100 gateways: at 3 a millisecond the worst median was 3
// to 5 ms off, at 1 a millisecond about 1 ms).
constexpr double probeSpacingMs = 1.0;

constexpr double unknownMs = std::numeric_limits<double>::infinity();

LatencyStats::Outcome outcomeOf(GatewayError::Kind kind)
{
    using K = GatewayError::Kind;
    switch (kind) {
    case K::None:
        return LatencyStats::Outcome::Ok;
    case K::Timeout:
        return LatencyStats::Outcome::Timeout;
    case K::ConnectionRefused:
        return LatencyStats::Outcome::Refused;
    case K::HostNotFound:
    case K::Network:
    case K::ClosedUnanswered:
        return LatencyStats::Outcome::Unreachable;
    default:
        return LatencyStats::Outcome::WrongProtocol;
    }
}

LatencyStats::Outcome outcomeOf(HttpCall::Error error)
{
    switch (error) {
    case HttpCall::Error::ConnectionRefused:
        return LatencyStats::Outcome::Refused;
    case HttpCall::Error::Timeout:
        return LatencyStats::Outcome::Timeout;
    default:
        return LatencyStats::Outcome::Unreachable;
    }
}

bool answersWell(const LatencyStats& s)
{
    return s.lastOutcome() == LatencyStats::Outcome::Ok && s.median() && s.loss() < 0.5;
}

bool healthy(const LatencyProbe::Target& t)
{
    return answersWell(t.stats) && t.verdict().isHealthy();
}

bool joining(const LatencyProbe::Target& t)
{
    return answersWell(t.stats) && t.verdict().state() == GatewayVerdict::State::Joining;
}

} // namespace

LatencyProbe::LatencyProbe(QObject* parent)
    : QObject(parent)
    , m_network(std::make_unique<Network>())
{
    m_pace.start();
    m_limits.deadlineMs = m_limits.inactivityMs = 2000;
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &LatencyProbe::probeOnce);
    m_checkTimer.setInterval(5000);
    connect(&m_checkTimer, &QTimer::timeout, this, &LatencyProbe::checkAll);
}

LatencyProbe::~LatencyProbe() = default;

const LatencyProbe::Target& LatencyProbe::target(int i) const
{
    return m_targets[size_t(i)]->target;
}

int LatencyProbe::indexOf(const QUrl& url) const
{
    for (int i = 0; i < count(); ++i) {
        if (m_targets[size_t(i)]->target.url == url)
            return i;
    }
    return -1;
}

int LatencyProbe::indexOfId(Id id) const
{
    for (int i = 0; id != 0 && i < count(); ++i) {
        if (m_targets[size_t(i)]->id == id)
            return i;
    }
    return -1;
}

LatencyProbe::Slot* LatencyProbe::slotOf(Id id) const
{
    const int i = indexOfId(id);
    return i < 0 ? nullptr : m_targets[size_t(i)].get();
}

LatencyProbe::Id LatencyProbe::idAt(int index) const
{
    return index >= 0 && index < count() ? m_targets[size_t(index)]->id : 0;
}

int LatencyProbe::chosen() const
{
    return indexOfId(m_chosen);
}

int LatencyProbe::pinned() const
{
    return indexOfId(m_pinned);
}

void LatencyProbe::setTargets(const QList<QUrl>& urls)
{
    std::vector<std::unique_ptr<Slot>> old;
    old.swap(m_targets);
    QHash<QUrl, size_t> oldIndex;
    for (size_t i = 0; i < old.size(); ++i)
        oldIndex.insert(old[i]->target.url, i);
    QList<Id> fresh;
    for (const QUrl& url : urls) {
        if (indexOf(url) >= 0)
            continue;
        if (const auto kept = oldIndex.constFind(url); kept != oldIndex.cend()) {
            m_targets.push_back(std::move(old[*kept]));
            continue;
        }
        auto slot = std::make_unique<Slot>();
        slot->id = m_nextId++;
        slot->target.url = url;
        fresh << slot->id;
        m_targets.push_back(std::move(slot));
    }
    const bool roundUnderWay = m_pending > 0;
    for (auto& gone : old) {
        if (gone)
            abort(*gone);
    }
    if (!slotOf(m_pinned))
        m_pinned = 0;
    if (isRunning())
        schedule(fresh); // one of them may be the only gateway that answers: no waiting
    choose();
    if (roundUnderWay && m_pending == 0)
        emit roundFinished();
}

// The probe under way of a gateway that leaves the list ends here, unheard: its reply is
// aborted and deleted, and nothing it would have said reaches the list.
void LatencyProbe::abort(Slot& slot)
{
    if (slot.kindProbe) {
        slot.kindProbe->disconnect(this);
        slot.kindProbe->deleteLater(); // its HttpCall aborts and deletes the reply
    }
    if (slot.call) {
        slot.call->disconnect(this);
        slot.call->cancel();
        slot.call->deleteLater();
    }
    if (slot.backend) // later: one of its calls may be delivering finished() right now
        slot.backend.release()->deleteLater();
    if (slot.check) {
        slot.check->disconnect(this);
        slot.check->deleteLater();
    }
    if (slot.busy) {
        slot.busy = false;
        --m_pending;
    }
}

void LatencyProbe::start()
{
    probeOnce();
    m_timer.start();
    m_checkTimer.start();
}

void LatencyProbe::pause()
{
    m_timer.stop();
    m_checkTimer.stop();
}

void LatencyProbe::probeOnce()
{
    QList<Id> ids;
    for (const auto& slot : m_targets)
        ids << slot->id;
    schedule(ids);
}

// A round probes the slowest gateways first: it then lasts about as long as its slowest
// gateway takes, although its probes leave one after the other (see sendWhenDue()).
void LatencyProbe::schedule(const QList<Id>& ids)
{
    QList<std::pair<double, Slot*>> due; // how long each is expected to take, longest first
    for (const Id id : ids) {
        Slot* slot = slotOf(id);
        if (!slot || slot->busy)
            continue;
        // Unknown: a kind to learn first (two exchanges), or a timeout to wait for.
        const LatencyStats& s = slot->target.stats;
        const bool known = slot->backend && s.lastOutcome() == LatencyStats::Outcome::Ok;
        due.append({known ? s.median().value_or(unknownMs) : unknownMs, slot});
    }
    std::stable_sort(due.begin(), due.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& entry : due) {
        entry.second->busy = true;
        ++m_pending;
    }
    for (const auto& entry : due)
        sendWhenDue(entry.second->id);
}

// Requests leave one at a time, probeSpacingMs apart (closer when that would take more than half
// the interval), whatever asks for them: a round, a gateway just added, or the probe that follows
// the question of a gateway's kind.
void LatencyProbe::sendWhenDue(Id id)
{
    double spacingMs = probeSpacingMs;
    if (m_timer.interval() > 0 && count() > 0)
        spacingMs = std::min(spacingMs, 0.5 * m_timer.interval() / count());
    const double now = double(m_pace.nsecsElapsed()) / 1e6;
    const double at = std::max(now, m_nextSendMs);
    m_nextSendMs = at + spacingMs;
    if (const int waitMs = int(at - now); waitMs > 0)
        QTimer::singleShot(waitMs, Qt::PreciseTimer, this, [this, id] { probe(id); });
    else
        probe(id);
}

void LatencyProbe::probe(Id id)
{
    Slot* slot = slotOf(id);
    if (!slot || !slot->busy)
        return;         // it left the list while waiting for its turn
    if (!slot->backend) // first learn the kind, then probe it the way its kind answers
        return learnKind(id);
    slot->clock.start();
    m_network->catchNextReply();
    GatewayCall* call = slot->backend->probe();
    slot->call = call;
    watch(id, m_network->caught());
    connect(call, &GatewayCall::finished, this, [this, id, call] {
        call->deleteLater();
        const Slot* s = slotOf(id);
        const double ms = !s ? 0 : s->roundTripMs ? *s->roundTripMs : double(s->clock.nsecsElapsed()) / 1e6;
        record(id, outcomeOf(call->error().kind), ms);
    });
}

// A sample runs from the moment the request is handed to the network manager to the moment the
// reply's headers are in: the reading and parsing of the body are not counted, nor is setting up
// a connection (when the keep-alive one was closed, the clock starts again once the request is
// written out). Not from requestSent() always: it reaches us through the event loop, and when
// the loop is late it would make the round trip look shorter than it is (down to nothing).
void LatencyProbe::watch(Id id, QNetworkReply* reply)
{
    Slot& slot = *slotOf(id);
    slot.reply = reply;
    slot.roundTripMs.reset();
    slot.newConnection = false;
    if (!reply)
        return;
    const auto mine = [this, id, reply]() -> Slot* {
        Slot* s = slotOf(id);
        return s && s->reply == reply ? s : nullptr;
    };
    connect(reply, &QNetworkReply::socketStartedConnecting, this, [mine] {
        if (Slot* s = mine())
            s->newConnection = true;
    });
    connect(reply, &QNetworkReply::requestSent, this, [mine] {
        if (Slot* s = mine(); s && s->newConnection)
            s->clock.start();
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, [mine] {
        if (Slot* s = mine(); s && !s->roundTripMs)
            s->roundTripMs = double(s->clock.nsecsElapsed()) / 1e6;
    });
}

void LatencyProbe::learnKind(Id id)
{
    Slot& slot = *slotOf(id);
    auto* kindProbe = new GatewayKindProbe(m_network.get(), slot.target.url, m_limits, this);
    slot.kindProbe = kindProbe;
    connect(kindProbe, &GatewayKindProbe::finished, this, [this, id, kindProbe] {
        kindProbe->deleteLater();
        Slot* s = slotOf(id);
        if (!s)
            return;
        s->kindProbe = nullptr;
        if (kindProbe->networkError())
            return record(id, outcomeOf(kindProbe->error()), 0);
        useKind(*s, kindProbe->kind().value_or(GatewayKind::Classic));
        sendWhenDue(id);
    });
}

void LatencyProbe::useKind(Slot& slot, GatewayKind kind)
{
    slot.target.kind = kind;
    slot.check = new DhtCheck(&m_checkNetwork, slot.target.url, kind, this);
    slot.check->setSlowMs(m_slowDhtMs);
    const Id id = slot.id;
    connect(slot.check, &DhtCheck::changed, this, [this, id] { onChecked(id); });
    slot.check->run(); // the first verdict as soon as can be: nothing is chosen before it
    if (kind == GatewayKind::Proxy) {
        auto p = std::make_unique<ProxyClient>(m_network.get());
        p->setGateway(slot.target.url);
        p->options().limits = m_limits;
        slot.backend = std::move(p);
    } else {
        auto c = std::make_unique<ClassicClient>(m_network.get());
        c->setGateway(slot.target.url);
        c->setApplication(QStringLiteral("latency-probe"));
        c->options().limits = m_limits;
        c->options().tryAgainAttempts = 1;
        slot.backend = std::move(c);
    }
}

void LatencyProbe::record(Id id, LatencyStats::Outcome outcome, double ms)
{
    Slot* slot = slotOf(id);
    if (!slot || !slot->busy)
        return; // aborted (its signals are disconnected: this is only a safeguard)
    slot->busy = false;
    slot->target.stats.add(outcome, ms);
    emit sampled(indexOfId(id));
    // Whoever listens to sampled() may have changed the list: look everything up again.
    reportPinned(id);
    choose();
    endProbe();
}

void LatencyProbe::reportPinned(Id id)
{
    const Slot* slot = slotOf(id);
    if (!slot || id != m_pinned)
        return;
    const GatewayVerdict verdict = slot->target.verdict();
    if (verdict.isUnhealthy())
        emit pinnedFailing(indexOfId(id), verdict.word());
}

void LatencyProbe::onChecked(Id id)
{
    Slot* slot = slotOf(id);
    if (!slot || !slot->check)
        return;
    slot->target.dht = slot->check->condition();
    emit checked(indexOfId(id));
    reportPinned(id); // whoever listens to checked() may have changed the list: looked up again
    choose();
}

void LatencyProbe::checkAll()
{
    for (const auto& slot : m_targets) {
        if (slot->check && slot->target.stats.lastOutcome() == LatencyStats::Outcome::Ok)
            slot->check->run();
    }
}

void LatencyProbe::setSlowDhtMs(int ms)
{
    m_slowDhtMs = ms;
    for (const auto& slot : m_targets) {
        if (slot->check)
            slot->check->setSlowMs(ms);
    }
}

bool LatencyProbe::isChecking() const
{
    for (const auto& slot : m_targets) {
        const LatencyStats& s = slot->target.stats;
        const bool answers = s.samples() > 0 && s.lastOutcome() == LatencyStats::Outcome::Ok;
        if (answers && !slot->target.dht.checked())
            return true;
    }
    return false;
}

void LatencyProbe::noteOperation(const QUrl& url, Operation operation, const GatewayError& error, qint64 ms)
{
    const int index = indexOf(url);
    if (index < 0 || !m_targets[size_t(index)]->check)
        return;
    DhtCheck* check = m_targets[size_t(index)]->check;
    if (operation == Operation::Put)
        check->notePut(error);
    else
        check->noteGet(error, ms);
}

void LatencyProbe::endProbe()
{
    if (--m_pending == 0)
        emit roundFinished();
}

void LatencyProbe::setChosen(int index)
{
    if (m_pinned)
        return;
    m_chosen = idAt(index);
    choose(); // from there, with the margin
}

void LatencyProbe::pin(int index)
{
    m_pinned = idAt(index);
    choose();
}

void LatencyProbe::choose()
{
    if (m_pinned) {
        m_chosen = m_pinned;
        return announceChosen();
    }
    const Slot* current = slotOf(m_chosen);
    if (current && current->target.stats.lastOutcome() == LatencyStats::Outcome::Ok &&
        current->target.verdict().state() == GatewayVerdict::State::Waiting)
        return announceChosen(); // its check is under way (a remembered choice, say): wait for it
    const Slot* best = nullptr;
    for (const auto& acceptable : {healthy, joining}) { // a joining one only when none is healthy
        for (const auto& slot : m_targets) {
            const LatencyStats& s = slot->target.stats;
            if (acceptable(slot->target) && (!best || *s.median() < *best->target.stats.median()))
                best = slot.get();
        }
        if (best)
            break;
    }
    const Slot* next = best;
    if (current && best && current != best && healthy(current->target) &&
        !LatencyStats::clearlyBetter(best->target.stats, current->target.stats))
        next = current;
    m_chosen = next ? next->id : 0;
    announceChosen();
}

void LatencyProbe::announceChosen()
{
    const int index = chosen();
    if (index != m_announcedChosen) {
        m_announcedChosen = index;
        emit chosenChanged(index);
    }
}
