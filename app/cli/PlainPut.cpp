#include "PlainPut.h"

#include "CallWait.h"
#include "ExitCode.h"
#include "PutKeeping.h"

#include "core/backend/GatewayBackend.h"
#include "core/kept/KeptPutKeeper.h"
#include "core/kept/KeptPutText.h"

#include <QCoreApplication>

namespace {

QString t(const char* text)
{
    return QCoreApplication::translate("PlainPut", text);
}

QString lifetime(const PlainValue& value)
{
    return KeptPutText::lifetime(value.lifetimeMs());
}

} // namespace

int PlainPut::run(GatewayBackend* backend, const Request& r)
{
    const QDateTime now = QDateTime::currentDateTime();
    if (r.once || !r.value.needsKeeping(r.ttlSeconds)) {
        const int code = CallWait::wait(backend->putPlainValue(r.key, r.value, r.ttlSeconds, false));
        if (code == ExitOk && r.value.needsKeeping(r.ttlSeconds))
            CallWait::printError(
                t("warning: a single POST of a value of type %1 lives %2: it leaves the DHT about %3, "
                  "before its TTL ends at %4; without --once opendht-cli stays running and keeps it "
                  "until then")
                    .arg(DhtValueType::label(r.value.type), lifetime(r.value),
                         KeptPutText::when(now.addMSecs(r.value.lifetimeMs()), now),
                         KeptPutText::when(now.addSecs(r.ttlSeconds), now)));
        return code;
    }
    KeptPutKeeper keeper; // in memory: this run keeps it, nobody after
    keeper.setApplication(r.application);
    backend->setPutKeeper(&keeper);
    const int code = CallWait::wait(backend->putPlainValue(r.key, r.value, r.ttlSeconds, true));
    if (code != ExitOk)
        return code;
    const PlainValue::End end = r.value.end(now, r.ttlSeconds);
    CallWait::printError(
        t("kept for its TTL: a value of type %1 lives %2 after its last refresh, so it leaves the DHT %3")
            .arg(DhtValueType::label(r.value.type), lifetime(r.value),
                 KeptPutText::between(end.earliest, end.latest, now)));
    const int kept = PutKeeping::run(&keeper);
    backend->setPutKeeper(nullptr);
    return kept;
}
