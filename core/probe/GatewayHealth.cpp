#include "GatewayHealth.h"

#include "NodeInfo.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

HttpCall::Limits healthLimits()
{
    // Loopback in practice: an answer that takes seconds says enough by itself.
    HttpCall::Limits limits;
    limits.deadlineMs = limits.inactivityMs = 3000;
    limits.maxBodyBytes = 64 * 1024;
    return limits;
}

bool operator==(const GatewayHealth::Status& a, const GatewayHealth::Status& b)
{
    return a.network == b.network && a.networkId == b.networkId && a.health == b.health &&
           a.goodPeers == b.goodPeers;
}

} // namespace

GatewayHealth::GatewayHealth(QNetworkAccessManager* nam, QObject* parent)
    : QObject(parent)
    , m_nam(nam)
{
    m_timer.setInterval(defaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &GatewayHealth::ask);
}

void GatewayHealth::watch(const QUrl& url)
{
    if (m_call)
        m_call->deleteLater(); // its answer is of the URL watched before
    m_call = nullptr;
    m_url = url;
    m_timer.stop();
    take(std::nullopt);
    if (url.isEmpty())
        return;
    m_timer.start();
    ask();
}

void GatewayHealth::ask()
{
    if (m_call)
        return; // the last question is still open: no pile-up behind a slow gateway
    QUrl root = m_url;
    root.setPath(QStringLiteral("/"));
    m_call = new HttpCall(m_nam, QNetworkRequest(root), "GET", {}, healthLimits(), this);
    HttpCall* call = m_call;
    connect(call, &HttpCall::finished, this, [this, call] {
        call->deleteLater();
        if (call != m_call)
            return;
        m_call = nullptr;
        take(call->error() == HttpCall::Error::None ? parse(call->body()) : std::nullopt);
    });
    call->start();
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
    // The peers and the health word are read as the probe reads them (NodeInfo): one rule.
    const auto node = NodeInfo::parse(body);
    if (!node || !node->ours || node->health.isEmpty())
        return std::nullopt; // another server, or a gateway too old to say
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    Status s;
    s.network = o.value(QStringLiteral("network")).toString();
    s.networkId = o.value(QStringLiteral("network_id")).toInteger();
    s.health = node->health;
    s.goodPeers = node->goodPeers;
    return s;
}
