#include "LatencyProbe.h"

#include "DhtCheck.h"

#include "core/backend/GatewayKindProbe.h"
#include "core/connect/BackendFactory.h"

#include <QHash>
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
    bool busy = false;                       // counted in m_pending until record() or abort()
};

namespace {

// Qt spends about a millisecond of CPU on each HTTP exchange: probes sent faster than one a
// millisecond queue up in the network manager and in the event loop, and the wait reads as
// latency (tests/bench/probe_bench.py, 100 gateways: at 3 a millisecond the worst median was 3
// to 5 ms off, at 1 a millisecond about 1 ms).
constexpr double probeSpacingMs = 1.0;

constexpr double unknownMs = std::numeric_limits<double>::infinity();

// A probe that got an answer, but not a gateway's of its kind (an error status, a fault, a
// malformed reply), is one sample of that: the words of the status column have no more detail.
LatencyStats::Outcome sampleOutcome(const GatewayError& error)
{
    const CallOutcome outcome = error.outcome();
    return outcome == CallOutcome::Ok || isNetworkError(outcome) ? outcome : CallOutcome::BadAnswer;
}

} // namespace

LatencyProbe::LatencyProbe(QObject* parent)
    : QObject(parent)
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
    if (isRunning())
        schedule(fresh); // one of them may be the only gateway that answers: no waiting
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
        const bool known = slot->backend && s.answers();
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
    GatewayCall* call = slot->backend->probe();
    slot->call = call;
    connect(call, &GatewayCall::finished, this, [this, id, call] {
        call->deleteLater();
        record(id, sampleOutcome(call->error()), call->headersMs().value_or(double(call->elapsedMs())));
    });
}

void LatencyProbe::learnKind(Id id)
{
    Slot& slot = *slotOf(id);
    auto* kindProbe = new GatewayKindProbe(&m_network, slot.target.url, m_limits, this);
    slot.kindProbe = kindProbe;
    connect(kindProbe, &GatewayKindProbe::finished, this, [this, id, kindProbe] {
        kindProbe->deleteLater();
        Slot* s = slotOf(id);
        if (!s)
            return;
        s->kindProbe = nullptr;
        if (kindProbe->networkError())
            return record(id, kindProbe->outcome(), 0);
        const GatewayKind kind = kindProbe->kind().value_or(GatewayKind::Classic);
        s->target.kind = kind;
        // A classic gateway's probe is its XML-RPC ping: whether it also speaks REST is not asked.
        s->backend = makeGatewayBackend(kind, &m_network, s->target.url, QStringLiteral("latency-probe"),
                                        m_limits, ProxyRestOffer::NotOffered);
        startCheck(*s);
        sendWhenDue(id);
    });
}

// The first verdict as soon as can be: nothing is chosen before it.
void LatencyProbe::startCheck(Slot& slot)
{
    slot.check = new DhtCheck(&m_checkNetwork, slot.target.url, *slot.target.kind, this);
    slot.check->setSlowMs(m_slowDhtMs);
    const Id id = slot.id;
    connect(slot.check, &DhtCheck::changed, this, [this, id] { onChecked(id); });
    slot.check->run();
}

void LatencyProbe::record(Id id, LatencyStats::Outcome outcome, double ms)
{
    Slot* slot = slotOf(id);
    if (!slot || !slot->busy)
        return; // aborted (its signals are disconnected: this is only a safeguard)
    slot->busy = false;
    slot->target.stats.add(outcome, ms);
    emit sampled(indexOfId(id)); // whoever listens may change the list: nothing is used after it
    endProbe();
}

void LatencyProbe::onChecked(Id id)
{
    Slot* slot = slotOf(id);
    if (!slot || !slot->check)
        return;
    slot->target.dht = slot->check->condition();
    emit checked(indexOfId(id));
}

void LatencyProbe::checkAll()
{
    for (const auto& slot : m_targets) {
        if (slot->check && slot->target.stats.answers())
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
        if (slot->target.stats.answers() && !slot->target.dht.checked())
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
