#include "GatewayHealth.h"

#include "LatencyProbe.h"

namespace {

bool operator==(const GatewayHealth::Status& a, const GatewayHealth::Status& b)
{
    return a.network == b.network && a.networkId == b.networkId && a.health == b.health &&
           a.goodPeers == b.goodPeers;
}

} // namespace

GatewayHealth::GatewayHealth(LatencyProbe* probe, QObject* parent)
    : QObject(parent)
    , m_probe(probe)
{
    connect(m_probe, &LatencyProbe::checked, this, &GatewayHealth::follow);
    connect(m_probe, &LatencyProbe::sampled, this, &GatewayHealth::follow); // it may stop answering
}

void GatewayHealth::watch(const QUrl& url)
{
    m_url = url;
    const int index = url.isEmpty() ? -1 : m_probe->indexOf(url);
    if (index >= 0)
        follow(index); // what the probe knows already
    else
        take(std::nullopt);
}

void GatewayHealth::follow(int index)
{
    if (m_url.isEmpty() || index < 0 || index >= m_probe->count())
        return;
    const LatencyProbe::Target& t = m_probe->target(index);
    if (t.url != m_url)
        return;
    // The node info stays what it last was while the gateway does not answer: it says nothing then.
    m_readAt = QDateTime::currentDateTime();
    take(t.stats.answers() ? of(t.dht.node) : std::nullopt);
}

void GatewayHealth::take(std::optional<Status> status)
{
    const bool same = status.has_value() == m_status.has_value() && (!status || *status == *m_status);
    m_status = std::move(status);
    if (!same)
        emit changed();
}

std::optional<GatewayHealth::Status> GatewayHealth::parse(const QByteArray& body)
{
    return of(NodeInfo::parse(body));
}

std::optional<GatewayHealth::Status> GatewayHealth::of(const std::optional<NodeInfo>& node)
{
    // The peers and the health word are read as the probe reads them (NodeInfo): one rule.
    if (!node || !node->ours || node->health.isEmpty())
        return std::nullopt; // another server, or a gateway too old to say
    return Status{node->network, node->networkId, node->health, node->goodPeers};
}
