#include "NodeInfo.h"

#include "core/classic/ClassicClient.h"

#include <QJsonDocument>
#include <QJsonObject>

std::optional<NodeInfo> NodeInfo::parse(const QByteArray& body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    NodeInfo info;
    info.ours = o.value(QStringLiteral("service")).toString() == u"opendht-gateway";
    if (info.ours) {
        info.health = o.value(QStringLiteral("health")).toString();
        info.network = o.value(QStringLiteral("network")).toString();
        info.networkId = o.value(QStringLiteral("network_id")).toInteger();
        info.speaksRest = ClassicClient::offersProxyRest(body); // the client's own rule
    } else if (!o.contains(QStringLiteral("node_id")))
        return std::nullopt;
    for (const char* family : {"ipv4", "ipv6"}) {
        const QJsonObject peers = o.value(QLatin1String(family)).toObject();
        info.goodPeers += peers.value(QStringLiteral("good")).toInt();
        info.incomingPeers += peers.value(QStringLiteral("incoming")).toInt();
    }
    return info;
}
