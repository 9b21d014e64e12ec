#include "KeptPutsFixture.h"

#include "ProgramRun.h"

#include "core/backend/GatewayCall.h"

#include <QSignalSpy>

namespace keptputs {

bool RelayedProxy::start()
{
    m_stock = std::make_unique<StockProxy>();
    return restartRelay();
}

bool RelayedProxy::restartRelay()
{
    m_relay.reset(); // one relay at a time: the old one stops first
    m_relay = std::make_unique<Relay>(m_stock->httpPort());
    return m_relay->waitListening();
}

QString KeptHome::storePath() const
{
    return m_dir.filePath(QStringLiteral("data/opendht-browser/browser/kept-puts.sqlite"));
}

QString KeptHome::cliKept() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    const ProgramRun run = runCli({QStringLiteral("kept")}, env, {}, eventDeadlineMs);
    if (run.code != 0)
        return QStringLiteral("<opendht-cli kept failed: %1>").arg(QString::fromUtf8(run.err));
    return QString::fromUtf8(run.out);
}

bool putUntilAccepted(const std::function<GatewayCall*()>& put)
{
    for (int attempt = 0; attempt < 60; ++attempt) {
        GatewayCall* call = put();
        QSignalSpy done(call, &GatewayCall::finished);
        if (!call->isFinished() && !done.wait(eventDeadlineMs))
            return false;
        if (call->ok())
            return true;
        QTest::qWait(250);
    }
    return false;
}

} // namespace keptputs
