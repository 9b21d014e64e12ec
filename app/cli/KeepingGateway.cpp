#include "KeepingGateway.h"

#include "core/backend/GatewayKindProbe.h"
#include "core/classic/ClassicClient.h"
#include "core/probe/GatewayDirectory.h"

#include <QEventLoop>
#include <QNetworkAccessManager>

#include <memory>
#include <vector>

std::optional<QUrl> KeepingGateway::find(const GatewayDirectory& directory, const QUrl& except)
{
    QNetworkAccessManager nam;
    HttpCall::Limits limits;
    limits.deadlineMs = limits.inactivityMs = 2000;
    std::vector<std::unique_ptr<GatewayKindProbe>> probes;
    QList<QUrl> urls; // in the order of probes
    QEventLoop loop;
    int pending = 0;
    for (const GatewayDirectory::Entry& e : directory.entries()) {
        // A proxy never keeps items itself; a gateway of ours is listed as classic.
        if (e.url.matches(except, QUrl::StripTrailingSlash) || e.kind == GatewayKind::Proxy)
            continue;
        probes.push_back(std::make_unique<GatewayKindProbe>(&nam, e.url, limits));
        urls << e.url;
        ++pending;
        QObject::connect(probes.back().get(), &GatewayKindProbe::finished, &loop, [&] {
            if (--pending == 0)
                loop.quit();
        });
    }
    if (pending > 0)
        loop.exec();
    for (size_t i = 0; i < probes.size(); ++i) {
        if (probes[i]->kind() == GatewayKind::Classic && ClassicClient::offersProxyRest(probes[i]->body()))
            return urls[qsizetype(i)];
    }
    return std::nullopt;
}
