#include "LatencyProbe.h"

#include <backend/GatewayKindProbe.h>
#include <classic/ClassicClient.h>
#include <proxy/ProxyClient.h>

struct LatencyProbe::Slot
{
    Target target;
    std::unique_ptr<GatewayBackend> backend;
    bool busy = false;
};

namespace {

constexpr int probesPerMs = 3;

LatencyStats::Outcome outcomeOf(ClassicError::Kind kind)
{
    using K = ClassicError::Kind;
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

} // namespace

LatencyProbe::LatencyProbe(QObject* parent)
    : QObject(parent)
{
    m_limits.deadlineMs = m_limits.inactivityMs = 2000;
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &LatencyProbe::probeOnce);
}

LatencyProbe::~LatencyProbe() = default;

const LatencyProbe::Target& LatencyProbe::target(int i) const
{
    return m_targets[size_t(i)]->target;
}

void LatencyProbe::setTargets(const QList<QUrl>& urls)
{
    m_targets.clear();
    m_pending = 0;
    m_chosen = -1;
    m_pinned = -1;
    for (const QUrl& url : urls) {
        auto slot = std::make_unique<Slot>();
        slot->target.url = url;
        m_targets.push_back(std::move(slot));
    }
}

void LatencyProbe::start()
{
    probeOnce();
    m_timer.start();
}

void LatencyProbe::probeOnce()
{
    // Probes leave a few per millisecond rather than all at once: a hundred requests queued
    // in one network manager would otherwise wait for each other and read as latency.
    int started = 0;
    for (int i = 0; i < count(); ++i) {
        Slot& slot = *m_targets[size_t(i)];
        if (slot.busy)
            continue;
        slot.busy = true;
        ++m_pending;
        const int delayMs = started++ / probesPerMs;
        if (delayMs == 0)
            probe(i);
        else
            QTimer::singleShot(delayMs, Qt::PreciseTimer, this, [this, i] { probe(i); });
    }
}

// The slot is busy and counted in m_pending; record() ends that.
void LatencyProbe::probe(int index)
{
    Slot& slot = *m_targets[size_t(index)];
    if (!slot.backend) { // first learn the kind, then probe it the way its kind answers
        auto* kindProbe = new GatewayKindProbe(&m_nam, slot.target.url, m_limits, this);
        connect(kindProbe, &GatewayKindProbe::finished, this, [this, index, kindProbe] {
            kindProbe->deleteLater();
            Slot& s = *m_targets[size_t(index)];
            if (kindProbe->networkError()) {
                const auto e = kindProbe->error();
                const auto outcome = e == HttpCall::Error::ConnectionRefused ? LatencyStats::Outcome::Refused
                                     : e == HttpCall::Error::Timeout         ? LatencyStats::Outcome::Timeout
                                                                     : LatencyStats::Outcome::Unreachable;
                return record(index, outcome, 0);
            }
            s.target.kind = kindProbe->kind().value_or(GatewayKind::Classic);
            if (s.target.kind == GatewayKind::Proxy) {
                auto p = std::make_unique<ProxyClient>(&m_nam);
                p->setGateway(s.target.url);
                p->options().limits = m_limits;
                s.backend = std::move(p);
            } else {
                auto c = std::make_unique<ClassicClient>(&m_nam);
                c->setGateway(s.target.url);
                c->setApplication(QStringLiteral("latency-probe"));
                c->options().limits = m_limits;
                c->options().tryAgainAttempts = 1;
                s.backend = std::move(c);
            }
            probe(index);
        });
        return;
    }
    QElapsedTimer clock;
    clock.start();
    GatewayCall* call = slot.backend->probe();
    connect(call, &GatewayCall::finished, this, [this, index, call, clock] {
        call->deleteLater();
        record(index, outcomeOf(call->error().kind), double(clock.nsecsElapsed()) / 1e6);
    });
}

void LatencyProbe::record(int index, LatencyStats::Outcome outcome, double ms)
{
    Slot& slot = *m_targets[size_t(index)];
    slot.busy = false;
    slot.target.stats.add(outcome, ms);
    emit sampled(index);
    if (index == m_pinned && outcome != LatencyStats::Outcome::Ok)
        emit pinnedFailing(index, slot.target.stats.status());
    choose();
    if (--m_pending == 0)
        emit roundFinished();
}

void LatencyProbe::pin(int index)
{
    m_pinned = index;
    choose();
}

void LatencyProbe::choose()
{
    if (m_pinned >= 0) {
        if (m_chosen != m_pinned) {
            m_chosen = m_pinned;
            emit chosenChanged(m_chosen);
        }
        return;
    }
    int best = -1;
    for (int i = 0; i < count(); ++i) {
        const LatencyStats& s = target(i).stats;
        if (s.lastOutcome() != LatencyStats::Outcome::Ok || !s.median() || s.loss() >= 0.5)
            continue;
        if (best < 0 || *s.median() < *target(best).stats.median())
            best = i;
    }
    int next = best;
    if (m_chosen >= 0 && best >= 0 && m_chosen != best) {
        const LatencyStats& current = target(m_chosen).stats;
        const bool healthy = current.lastOutcome() == LatencyStats::Outcome::Ok && current.loss() < 0.5;
        if (healthy && *current.median() <= *target(best).stats.median() * 1.2 + 1.0)
            next = m_chosen;
    }
    if (next != m_chosen) {
        m_chosen = next;
        emit chosenChanged(next);
    }
}
