#include "ActiveGateway.h"

#include <backend/BackendFactory.h>
#include <probe/GatewayChooser.h>
#include <probe/LatencyProbe.h>

#include <QSettings>

ActiveGateway::ActiveGateway(GatewayChooser* chooser, QObject* parent)
    : QObject(parent)
    , m_chooser(chooser)
    , m_local(new LocalGateway(this))
    , m_application(
          QSettings().value(QStringLiteral("put/application"), QStringLiteral("opendht-browser")).toString())
{
    connect(m_chooser, &GatewayChooser::currentChanged, this, &ActiveGateway::rebuild);
    connect(m_chooser, &GatewayChooser::noGatewayAnswers, this, [this] {
        if (m_localFallback)
            startLocal();
    });
    connect(m_local, &LocalGateway::started, this, [this](const QUrl& url) {
        m_chooser->setLocalGateway(url);
        emit message(tr("Local gateway started at %1").arg(url.toString()));
        // Nothing else answers: probe it now rather than at the next round, so it is taken at once.
        m_chooser->probeNow();
    });
    connect(m_local, &LocalGateway::failed, this, [this](const QString& reason) { emit message(reason); });
    connect(m_local, &LocalGateway::exited, this, [this](const QString& reason) { emit message(reason); });
    rebuild();
}

ActiveGateway::~ActiveGateway()
{
    // The backend (and the calls and watches it owns) goes before the network manager.
    m_backend.reset();
}

void ActiveGateway::startLocal()
{
    if (!m_local->isRunning())
        m_local->start();
}

void ActiveGateway::setApplication(const QString& name)
{
    m_application = name;
    QSettings().setValue(QStringLiteral("put/application"), name);
    rebuild();
}

QString ActiveGateway::describe() const
{
    const auto current = m_chooser->current();
    if (!current)
        return tr("No gateway");
    return tr("%1 (%2, %3)")
        .arg(current->name.isEmpty() ? current->url.toString() : current->name,
             GatewayBackend::kindName(current->kind), current->url.toString());
}

void ActiveGateway::rebuild()
{
    const auto current = m_chooser->current();
    std::unique_ptr<GatewayBackend> old = std::move(m_backend);
    if (current)
        m_backend = makeGatewayBackend(current->kind, &m_nam, current->url, m_application);
    if (!old && !m_backend)
        return;
    emit backendChanged(m_backend.get());
    // Tabs have let go of the old backend's calls and watches by now; deleting it ends them.
}
