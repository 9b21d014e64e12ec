#include "ProxyPut.h"

#include "CallWait.h"
#include "ExitCode.h"
#include "KeepingGateway.h"
#include "PutKeeping.h"

#include "core/kept/KeptPutKeeper.h"
#include "core/kept/KeptPutText.h"
#include "core/probe/GatewayDirectory.h"
#include "core/proxy/ProxyClient.h"
#include "core/proxy/ProxyPutKeeper.h"

#include <QCoreApplication>
#include <QSettings>

namespace {

QString t(const char* text)
{
    return QCoreApplication::translate("ProxyPut", text);
}

} // namespace

int ProxyPut::run(ProxyClient* proxy, const Request& r)
{
    const bool kept = ProxyPutKeeper::plan(r.ttlSeconds).permanent && !proxy->options().gatewayKeepsItems;
    if (!r.keep || !kept) {
        const int code = CallWait::wait(proxy->put(r.key, r.value, r.ttlSeconds, r.secret));
        if (code == ExitOk && kept)
            advise(*proxy, r.ttlSeconds);
        return code;
    }
    KeptPutKeeper keeper; // in memory: this run keeps it, nobody after
    keeper.setApplication(proxy->options().application);
    proxy->setPutKeeper(&keeper);
    const int code = CallWait::wait(proxy->put(r.key, r.value, r.ttlSeconds, r.secret));
    return code == ExitOk ? PutKeeping::run(&keeper) : code;
}

void ProxyPut::advise(const ProxyClient& proxy, int ttlSeconds)
{
    const QDateTime now = QDateTime::currentDateTime();
    const QString ends = KeptPutText::when(now.addSecs(ttlSeconds), now);
    const QString leaves = KeptPutText::when(now.addMSecs(KeptPut::proxyHoldMs), now);
    // Up to the 24 hours a proxy holds a permanent put, the value outlives its TTL (a note);
    // only past them does it end early (a warning). The 22-hour refresh interval is the
    // keeper's margin, not when the value leaves.
    if (qint64(ttlSeconds) * 1000 <= KeptPut::proxyHoldMs) {
        CallWait::printError(
            t("note: %1 keeps this value in the DHT until about %2, though readers drop it when its TTL "
              "ends at %3; --keep stays running and ends it within 10 minutes of its TTL")
                .arg(proxy.gateway().authority(), leaves, ends));
        return;
    }
    const auto settings = GatewayDirectory::openUserSettings();
    const GatewayDirectory directory(settings.get());
    const auto ours = KeepingGateway::find(directory, proxy.gateway());
    QString instead = t("--keep stays running and refreshes it until then");
    if (ours)
        instead = t("put it through %1 instead, a gateway of ours that keeps its items for their whole TTL "
                    "(or use --keep, which stays running and refreshes it until then)")
                      .arg(ours->toString());
    CallWait::printError(
        t("warning: %1 keeps a put only 24 hours after it was made: this value leaves the DHT about %2, "
          "not when its TTL ends at %3; %4")
            .arg(proxy.gateway().authority(), leaves, ends, instead));
}
