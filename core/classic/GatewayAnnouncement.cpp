#include "GatewayAnnouncement.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace GatewayAnnouncement {

DhtKey key()
{
    return DhtKey::parse(QStringLiteral("opendht-browser/gateways/v1"), DhtKey::Mode::Text);
}

QByteArray encode(const QUrl& url, const QString& nodeId, const QString& version)
{
    const QJsonObject o{{QStringLiteral("service"), QStringLiteral("opendht-gateway")},
                        {QStringLiteral("url"), url.toString()},
                        {QStringLiteral("node"), nodeId},
                        {QStringLiteral("version"), version}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<QUrl> decode(const QByteArray& value)
{
    const QJsonObject o = QJsonDocument::fromJson(value).object();
    if (o.value(QStringLiteral("service")).toString() != u"opendht-gateway")
        return std::nullopt;
    const QUrl url(o.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return std::nullopt;
    return url;
}

} // namespace GatewayAnnouncement
