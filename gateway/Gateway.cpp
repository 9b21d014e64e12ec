#include "Gateway.h"

#include "HttpConnection.h"
#include "StateMigration.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

Gateway::Gateway(const Options& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_node(this)
    , m_keeper(&m_node, this)
    , m_share(options.capacityBytes)
    , m_storedKeys(&m_node, &m_keeper)
    , m_service(&m_node, &m_keeper, &m_share, this)
    , m_rest(
          &m_node, &m_service, &m_share, [this](const ClientInfo& client) { return statusJson(client); },
          this)
    , m_registry(&m_node, &m_identity)
    , m_backupSender(&m_node, &m_keeper, &m_registry, &m_identity)
    // Keeping for others is charged like clients' puts, with gateways for clients.
    , m_backupReceiver(&m_node, &m_keeper, &m_identity, options.capacityBytes)
{
    m_rest.setKeyListing(&m_storedKeys, options.listKeys);
    connect(&m_service, &ClassicService::itemAccepted, &m_backupSender, &BackupSender::send);
    connect(&m_identity, &KeeperIdentity::ready, this, [this] {
        if (m_options.keepForOthers)
            m_backupReceiver.start();
        m_registry.start(m_options.keepForOthers);
    });
    connect(&m_server, &QTcpServer::newConnection, this, &Gateway::acceptConnections);
}

bool Gateway::start(QString* error)
{
    m_uptime.start();
    const QHostAddress address(m_options.listen);
    if (address.isNull()) {
        *error = tr("--listen wants an IP address, not \"%1\"").arg(m_options.listen);
        return false;
    }
    if (!m_server.listen(address, m_options.port)) {
        *error = tr("cannot listen on %1:%2: %3")
                     .arg(m_options.listen)
                     .arg(m_options.port)
                     .arg(m_server.errorString());
        return false;
    }
    if (!m_node.start(m_options.dht, error) || !openState(error))
        return false;
    m_identity.load(m_options.dht.stateDir);
    m_storedKeys.count(0); // a first count, so that GET / has one from the start
    if (m_options.announce.isValid()) {
        m_announcer = new Announcer(&m_service, m_options.announce, m_node.nodeId(), this);
        m_announcer->start();
    }
    return true;
}

bool Gateway::openState(QString* error)
{
    const QString dir = m_options.dht.stateDir;
    if (dir.isEmpty())
        return true;
    if (!m_keeper.open(QDir(dir).filePath(QStringLiteral("items.sqlite")), error))
        return false;
    const StateMigration::Result migrated = StateMigration::fromVersion1(dir, m_keeper);
    if (!migrated.error.isEmpty()) {
        *error = migrated.error;
        return false;
    }
    // A restarted gateway remembers what its clients hold: no fresh share after a restart.
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    m_keeper.forEach([this, now](const ItemKeeper::Kept& k) {
        if (k.origin.isEmpty())
            m_share.record(k.account, FairShare::costOf(k.value.data.size()),
                           (k.keepUntilUs - now) / DhtLimits::secondUs + 1, now);
    });
    if (migrated.found)
        qInfo("migrated %d items of the first stored form (%d values were no longer shown)", migrated.items,
              migrated.skipped);
    return true;
}

QString Gateway::health() const
{
    const NodeStats stats = m_node.stats(); // see statusJson
    if (stats.goodPeers() > 0)
        return QStringLiteral("ok");
    if (m_options.dht.bootstrap.isEmpty())
        return QStringLiteral("lone");
    // Joining until the first good peer (or the grace runs out); after losing them all, isolated.
    const bool joining = !m_node.hasJoined() && !m_uptime.hasExpired(joinGraceSeconds * 1000);
    return joining ? QStringLiteral("joining") : QStringLiteral("isolated");
}

void Gateway::stop(std::function<void()> done)
{
    m_server.close();
    auto finished = std::make_shared<bool>(false);
    auto finish = [this, finished, done] {
        if (std::exchange(*finished, true))
            return;
        m_node.stop();
        done();
    };
    if (!m_announcer)
        return finish();
    m_announcer->withdraw(finish);
    QTimer::singleShot(std::chrono::seconds(3), this, finish); // a DHT without peers is not waited for
}

void Gateway::acceptConnections()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        const quint32 peer = HttpConnection::accountOf(socket->peerAddress());
        const int held = m_perAddress.value(peer);
        // The last reserveConnections slots are for addresses that hold few: however many
        // addresses fill the rest, a newcomer still gets in.
        const bool reserved =
            m_connections >= m_options.maxConnections - reserveConnections && held >= smallHolderConnections;
        if (m_connections >= m_options.maxConnections || held >= m_options.maxConnectionsPerAddress ||
            reserved) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_connections;
        ++m_perAddress[peer];
        auto* connection = new HttpConnection(
            socket, &m_service, &m_rest, [this](const ClientInfo& client) { return statusJson(client); },
            this);
        connect(connection, &HttpConnection::closed, this, [this, peer] {
            --m_connections;
            if (--m_perAddress[peer] <= 0)
                m_perAddress.remove(peer);
        });
    }
}

namespace {

QJsonObject peersJson(const PeerCounts& p)
{
    return {{QStringLiteral("good"), int(p.good)},
            {QStringLiteral("dubious"), int(p.dubious)},
            {QStringLiteral("incoming"), int(p.incoming)}};
}

constexpr qint64 storedKeysMaxAgeMs = 5000;

QString listingWord(const KeyListPolicy& p)
{
    switch (p.who) {
    case KeyListPolicy::Who::Nobody:
        return QStringLiteral("off");
    case KeyListPolicy::Who::Local:
        return QStringLiteral("local");
    case KeyListPolicy::Who::Anyone:
        break;
    }
    return QStringLiteral("all");
}

} // namespace

QByteArray Gateway::statusJson(const ClientInfo& client) const
{
    // The figures of the last second, read on the node's worker: reading them now would wait for
    // libopendht's lock, which its thread holds for whole batches of a flood's puts (hundreds of
    // ms), and every client would wait with this GET /.
    const NodeStats stats = m_node.stats();
    const ItemKeeper::Totals own = m_keeper.own(), backups = m_keeper.backups();
    const qint64 items = own.values + backups.values, itemBytes = own.bytes + backups.bytes;
    QJsonArray bootstrap;
    for (const BootstrapAddress& b : m_options.dht.bootstrap)
        bootstrap.append(b.text());
    const QJsonObject doc{
        {QStringLiteral("service"), QStringLiteral("opendht-gateway")},
        {QStringLiteral("protocol"), QStringLiteral("classic-xmlrpc")},
        // Both doors to the same values: XML-RPC on any path, the OpenDHT proxy's REST routes.
        {QStringLiteral("protocols"),
         QJsonArray{QStringLiteral("classic-xmlrpc"), QStringLiteral("opendht-proxy-rest")}},
        {QStringLiteral("public_ip"), client.address},
        {QStringLiteral("ops"), m_service.views().size()},
        {QStringLiteral("listens"), m_rest.listenCount()},
        {QStringLiteral("permanent_puts"), m_rest.permanentPuts()},
        {QStringLiteral("version"), QStringLiteral(ODB_VERSION)},
        {QStringLiteral("node_id"), m_node.nodeId()},
        {QStringLiteral("dht_port"), int(m_node.boundPort())},
        {QStringLiteral("network"), m_options.network},
        {QStringLiteral("network_id"), qint64(m_options.dht.networkId)},
        {QStringLiteral("bootstrap"), bootstrap},
        {QStringLiteral("health"), health()},
        {QStringLiteral("peers"),
         peersJson({stats.ipv4.good + stats.ipv6.good, stats.ipv4.dubious + stats.ipv6.dubious})},
        {QStringLiteral("ipv4"), peersJson(stats.ipv4)},
        {QStringLiteral("ipv6"), peersJson(stats.ipv6)},
        // This gateway's classic items (accepted here, or kept for another gateway), and the
        // values of other nodes it stores as a DHT node.
        {QStringLiteral("values"),
         QJsonObject{{QStringLiteral("items"), items},
                     {QStringLiteral("accepted"), own.values},
                     {QStringLiteral("backups"), backups.values},
                     {QStringLiteral("other"), std::max<qint64>(0, qint64(stats.values) - items)}}},
        {QStringLiteral("stored_bytes"),
         QJsonObject{{QStringLiteral("items"), itemBytes},
                     {QStringLiteral("other"), std::max<qint64>(0, qint64(stats.bytes) - itemBytes)},
                     {QStringLiteral("other_limit"), m_options.dht.storageLimitBytes}}},
        // Who this gateway is to the other gateways, and how many of them it knows.
        {QStringLiteral("keeper"),
         QJsonObject{{QStringLiteral("id"), QString::fromLatin1(m_identity.id().toHex())},
                     {QStringLiteral("others"), m_registry.size()}}},
        {QStringLiteral("views"), QJsonObject{{QStringLiteral("keys"), m_service.views().size()},
                                              {QStringLiteral("bytes"), m_service.views().bytes()},
                                              {QStringLiteral("max_keys"), KeyViews::maxViews},
                                              {QStringLiteral("max_bytes"), KeyViews::maxBytes}}},
        // Keys this node stores values under (GET /keys lists them), as counted at most
        // age_s ago: the count is retaken in the background, never on the way of this answer.
        {QStringLiteral("stored_keys"),
         QJsonObject{{QStringLiteral("count"), m_storedKeys.count(storedKeysMaxAgeMs)},
                     {QStringLiteral("age_s"), m_storedKeys.ageMs() / 1000},
                     {QStringLiteral("listing"), listingWord(m_options.listKeys)}}},
        // Keys the DHT node searched within the hour, how many it may, a client's most and the
        // part kept for clients with few keys (SearchBudget).
        {QStringLiteral("searches"),
         QJsonObject{{QStringLiteral("keys"), m_node.searches().keys()},
                     {QStringLiteral("limit"), m_node.searches().limit()},
                     {QStringLiteral("share"), m_node.searches().share()},
                     {QStringLiteral("reserve"), m_node.searches().reserve()},
                     {QStringLiteral("window_s"), qint64(SearchBudget::window.count() * 60)}}},
        {QStringLiteral("calls"), qint64(m_service.callsServed())},
        {QStringLiteral("uptime_s"), qint64(m_uptime.elapsed() / 1000)},
    };
    return QJsonDocument(doc).toJson(QJsonDocument::Compact) + '\n';
}
