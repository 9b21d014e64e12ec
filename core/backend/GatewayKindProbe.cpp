#include "GatewayKindProbe.h"

#include <QJsonDocument>
#include <QJsonObject>

GatewayKindProbe::GatewayKindProbe(QNetworkAccessManager* nam, const QUrl& url,
                                   const HttpCall::Limits& limits, QObject* parent)
    : QObject(parent)
{
    QUrl root = url;
    root.setPath(QStringLiteral("/"));
    m_call = new HttpCall(nam, QNetworkRequest(root), "GET", {}, limits, this);
    connect(m_call, &HttpCall::finished, this, [this, url] {
        m_networkError = isNetworkError(m_call->outcome());
        if (m_call->error() != HttpCall::Error::None)
            m_error = m_call->errorString();
        else if (!(m_kind = interpret(m_call->httpStatus(), m_call->body())))
            m_error = tr("%1 answers GET / with neither a classic gateway's nor an OpenDHT proxy's page")
                          .arg(url.authority());
        emit finished();
    });
    m_call->start();
}

std::optional<GatewayKind> GatewayKindProbe::interpret(int httpStatus, const QByteArray& body)
{
    if (httpStatus < 200 || httpStatus > 299)
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (o.value(QStringLiteral("service")).toString() == u"opendht-gateway")
        return GatewayKind::Classic;
    if (o.contains(QStringLiteral("node_id")))
        return GatewayKind::Proxy;
    if (body.contains("<html") || body.contains("<http") || body.contains("<HTML"))
        return GatewayKind::Classic; // Bamboo's status page (its first tag was the misspelt <http>)
    return std::nullopt;
}
