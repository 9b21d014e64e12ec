#include "ActiveGateway.h"

#include "core/connect/BackendFactory.h"
#include "core/kept/KeptPutKeeper.h"
#include "core/net/DhtNetwork.h"
#include "core/probe/GatewayChooser.h"
#include "core/probe/GatewayHealth.h"
#include "core/probe/LatencyProbe.h"
#include "core/proxy/ProxyClient.h"
#include "core/settings/Settings.h"

#include <QLocale>

#include <utility>

namespace {

// Where the local gateway runs, as it reads after "the local gateway".
QString whereItRuns(const QString& name)
{
    const auto network = DhtNetwork::byName(name);
    if (!network || network->bootstrap.isEmpty())
        return ActiveGateway::tr("without a network");
    return ActiveGateway::tr("on %1").arg(network->title);
}

// The gateway's health word (GET /) in words; an unknown word as it came.
QString healthText(const QString& health, int goodPeers)
{
    if (health == u"ok")
        return ActiveGateway::tr("connected, %n peer(s)", nullptr, goodPeers);
    if (health == u"joining")
        return ActiveGateway::tr("joining…");
    if (health == u"isolated")
        return ActiveGateway::tr("isolated: no peer answers");
    if (health == u"lone")
        return ActiveGateway::tr("alone");
    return health;
}

} // namespace

ActiveGateway::ActiveGateway(GatewayChooser* chooser, Settings* settings, QObject* parent)
    : QObject(parent)
    , m_chooser(chooser)
    , m_settings(settings)
    , m_local(new LocalGateway(this))
    , m_health(new GatewayHealth(chooser->probe(), this))
    , m_application(settings->value(Settings::Key::PutApplication).toString())
{
    // An unknown name (a newer version's network, say) leaves the default.
    m_local->setNetwork(settings->value(Settings::Key::LocalGatewayNetwork).toString());
    connect(m_chooser, &GatewayChooser::currentChanged, this, &ActiveGateway::rebuild);
    connect(m_chooser, &GatewayChooser::noGatewayAnswers, this, [this] {
        if (m_localFallback)
            startLocal();
    });
    connect(m_local, &LocalGateway::started, this, &ActiveGateway::onLocalStarted);
    connect(m_local, &LocalGateway::failed, this, [this](const QString& reason) {
        m_repinLocal = false;
        m_health->watch({});
        m_chooser->setLocalGateway({}); // the entry of a gateway stopped for a restart
        emit message(reason);
        emit localChanged();
    });
    connect(m_local, &LocalGateway::exited, this, &ActiveGateway::onLocalExited);
    connect(m_local, &LocalGateway::stopped, this, &ActiveGateway::localChanged);
    connect(m_health, &GatewayHealth::changed, this, &ActiveGateway::localChanged);
    // The health is read by the probe: paused, it is marked as of its last reading.
    connect(m_chooser, &GatewayChooser::probingChanged, this, &ActiveGateway::localChanged);
    rebuild();
}

ActiveGateway::~ActiveGateway()
{
    // The backend (and the calls and watches it owns) goes before the network manager.
    m_backend.reset();
}

void ActiveGateway::startLocal()
{
    if (m_local->isRunning())
        return;
    m_local->start();
    emit localChanged();
}

void ActiveGateway::onLocalStarted(const QUrl& url)
{
    m_localUrl = url;
    m_chooser->setLocalGateway(url);
    if (std::exchange(m_repinLocal, false))
        m_chooser->use(url); // its old URL left the list, which turned automatic mode on
    // Alone, its health says nothing ("lone" for good): only a named network's is worth asking.
    if (!DhtNetwork::byName(m_local->network())->bootstrap.isEmpty())
        m_health->watch(url);
    emit message(tr("Local gateway started %1 at %2").arg(whereItRuns(m_local->network()), url.toString()));
    // Nothing else answers: probe it now rather than at the next round, so it is taken at once.
    m_chooser->probeNow();
    emit localChanged();
}

void ActiveGateway::onLocalExited(const QString& reason)
{
    m_health->watch({});
    const auto current = m_chooser->current();
    const bool pinned = current && current->url == m_localUrl && !m_chooser->isAutomatic();
    m_localEnds.removeIf([](const QDeadlineTimer& forgotten) { return forgotten.hasExpired(); });
    if (m_localEnds.size() >= localRestartsPerWindow) {
        emit message(
            tr("%1. It is not restarted: it ended %n time(s) within %2 minutes.", "", int(m_localEnds.size()))
                .arg(reason)
                .arg(localRestartWindowMs / 60000));
        emit localChanged();
        return;
    }
    m_localEnds << QDeadlineTimer(localRestartWindowMs);
    m_repinLocal = pinned;
    emit message(tr("%1. Restarting it…").arg(reason));
    // Queued: the process object is still inside its finished() signal.
    QMetaObject::invokeMethod(m_local, &LocalGateway::start, Qt::QueuedConnection);
    emit localChanged();
}

bool ActiveGateway::localInUse() const
{
    const auto current = m_chooser->current();
    return current && m_local->isReady() && current->url == m_local->url();
}

void ActiveGateway::chooseLocalNetwork(const QString& name)
{
    if (!DhtNetwork::byName(name))
        return;
    m_settings->setValue(Settings::Key::LocalGatewayNetwork, name);
    if (name == m_local->network())
        return;
    const QString where = whereItRuns(name);
    const auto current = m_chooser->current();
    if (localInUse() || (m_local->isRunning() && !current)) {
        m_repinLocal = localInUse() && !m_chooser->isAutomatic();
        emit message(tr("Restarting the local gateway %1…").arg(where));
    } else if (current) {
        const QString inUse = current->name.isEmpty() ? current->url.toString() : current->name;
        emit message(m_local->isRunning()
                         ? tr("The local gateway restarts %1; %2 stays in use").arg(where, inUse)
                         : tr("The local gateway will run %1; %2 stays in use").arg(where, inUse));
    } else {
        emit message(tr("The local gateway will run %1").arg(where));
    }
    setNetwork(name);
}

bool ActiveGateway::useLocalNetwork(const QString& name)
{
    if (!DhtNetwork::byName(name))
        return false;
    setNetwork(name);
    return true;
}

void ActiveGateway::setNetwork(const QString& name)
{
    if (name == m_local->network())
        return;
    m_health->watch({});
    m_local->setNetwork(name); // a running gateway stops here, saving, and starts again
    emit localChanged();
}

QString ActiveGateway::describeLocal() const
{
    const QString text = tr("Local gateway %1").arg(whereItRuns(m_local->network()));
    if (!m_local->isRunning())
        return tr("%1 (not running)").arg(text);
    if (m_local->isStopping())
        return tr("%1 (stopping…)").arg(text);
    if (!m_local->isReady())
        return tr("%1 (starting…)").arg(text);
    const auto status = m_health->status();
    if (!status)
        return text;
    const QString health = healthText(status->health, status->goodPeers);
    if (!m_chooser->isProbing()) {
        const QString at = QLocale().toString(m_health->readAt().time(), QLocale::ShortFormat);
        return tr("%1 · %2 (at %3; probing paused)").arg(text, health, at);
    }
    return tr("%1 · %2").arg(text, health);
}

QStringList ActiveGateway::localDetails() const
{
    const auto network = DhtNetwork::byName(m_local->network());
    QStringList lines{tr("Network: %1").arg(network->title)};
    if (network->bootstrap.isEmpty())
        lines << tr("No bootstrap node: the gateway keeps its values alone");
    else
        lines << tr("Bootstrap: %1").arg(network->bootstrap.join(QStringLiteral(", ")));
    lines << tr("Network id: %1").arg(network->id) << tr("State: %1").arg(m_local->stateDir());
    if (m_local->isReady())
        lines << tr("Address: %1").arg(m_local->url().toString());
    return lines;
}

void ActiveGateway::setPutKeeper(KeptPutKeeper* keeper)
{
    m_putKeeper = keeper;
    if (keeper)
        keeper->setApplication(m_application);
    if (m_backend)
        m_backend->setPutKeeper(keeper);
}

void ActiveGateway::setApplication(const QString& name)
{
    if (m_putKeeper)
        m_putKeeper->setApplication(name); // its refreshes carry the new name too
    m_application = name;
    m_settings->setValue(Settings::Key::PutApplication, name);
    // Set on the live backend: a new one would end its watches and drop its kept puts.
    setBackendApplication(m_backend.get(), name);
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
    if (current && m_backend && m_backend->gateway() == current->url && m_backend->kind() == current->kind)
        return; // the same gateway, the same kind: nothing to replace
    std::unique_ptr<GatewayBackend> old = std::move(m_backend);
    if (current)
        m_backend = makeGatewayBackend(current->kind, &m_nam, current->url, m_application);
    if (m_backend)
        m_backend->setPutKeeper(m_putKeeper);
    if (!old && !m_backend)
        return;
    if (auto* proxy = qobject_cast<ProxyClient*>(old.get()))
        proxy->handOverKeptPuts(&m_keptPuts);
    emit backendChanged(m_backend.get());
    // Tabs have let go of the old backend's calls and watches by now; deleting it ends them.
}
