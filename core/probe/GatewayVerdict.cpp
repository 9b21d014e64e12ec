#include "GatewayVerdict.h"

#include <QCoreApplication>
#include <QLocale>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("GatewayVerdict", text);
}

QString seconds(double ms)
{
    return QLocale().toString(ms / 1000, 'f', 1);
}

} // namespace

GatewayVerdict::GatewayVerdict(State state, QString word, QString reason)
    : m_state(state)
    , m_word(std::move(word))
    , m_reason(std::move(reason))
{
}

// In order of what a user must hear first: a gateway that does not answer, then one whose
// puts fail (what they did themselves), then what its DHT node says, then what our read found.
GatewayVerdict GatewayVerdict::judge(const LatencyStats& stats, const DhtCondition& dht, const QDateTime& now)
{
    if (stats.samples() == 0)
        return {State::Waiting, stats.status()};
    if (!stats.answers())
        return {State::Down, stats.status(), tr("It does not answer (%1).").arg(stats.status())};
    if (!dht.putFailedAt.isNull() && dht.putFailedAt.secsTo(now) < putFailureSeconds)
        return {State::PutsFailing, tr("puts failing"),
                tr("A put failed through it at %1: %2")
                    .arg(QLocale().toString(dht.putFailedAt.toLocalTime().time(), QLocale::ShortFormat),
                         dht.putError)};
    const auto& node = dht.node;
    if (node && node->isolated())
        return {State::Isolated, tr("isolated"),
                tr("Its DHT has no peers: it finds only what it stores itself.")};
    if (node && node->ours && node->health == u"joining")
        return {State::Joining, tr("joining"), tr("Its DHT node is still looking for peers.")};
    if (dht.readEnded && dht.readSlow)
        return {State::SlowDht, tr("slow DHT"),
                tr("A read of the DHT took %1 s or more (the gateway itself answers at once).")
                    .arg(seconds(dht.readMs))};
    if (dht.readEnded && !dht.readError.isEmpty())
        return {State::ReadsFailing, tr("reads failing"),
                tr("A read of the DHT failed: %1").arg(dht.readError)};
    if (!dht.checked())
        return {State::Waiting, tr("checking")};
    if (node && node->ours && node->health == u"lone")
        return {State::Lone, tr("this computer only"),
                tr("It has no bootstrap node: its values stay on this computer.")};
    if (stats.status() == QCoreApplication::translate("LatencyStats", "slow"))
        return {State::Slow, stats.status()};
    return {State::Ok, tr("ok")};
}

int GatewayVerdict::rank() const
{
    if (isHealthy())
        return 0;
    if (!isKnown())
        return 1;
    return m_state == State::Down ? 3 : 2;
}
