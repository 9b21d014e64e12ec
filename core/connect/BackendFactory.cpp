#include "BackendFactory.h"

#include "core/classic/ClassicClient.h"
#include "core/proxy/ProxyClient.h"

std::unique_ptr<GatewayBackend> makeGatewayBackend(GatewayKind kind, QNetworkAccessManager* nam,
                                                   const QUrl& url, const QString& application,
                                                   const HttpCall::Limits& limits, ProxyRestOffer rest)
{
    if (kind == GatewayKind::Proxy) {
        auto proxy = std::make_unique<ProxyClient>(nam);
        proxy->setGateway(url);
        proxy->options().application = application;
        proxy->options().limits = limits;
        return proxy;
    }
    auto classic = std::make_unique<ClassicClient>(nam);
    classic->setGateway(url);
    classic->setApplication(application);
    classic->options().limits = limits;
    if (rest == ProxyRestOffer::Detect)
        classic->detectProxyRest();
    else
        classic->setProxyRest(rest == ProxyRestOffer::Offered);
    return classic;
}

void setBackendApplication(GatewayBackend* backend, const QString& application)
{
    if (auto* proxy = qobject_cast<ProxyClient*>(backend))
        proxy->options().application = application;
    else if (auto* classic = qobject_cast<ClassicClient*>(backend))
        classic->setApplication(application);
}
