#include "Gateway.h"

#include "HttpConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

Gateway::Gateway(const Options& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_node(this)
    , m_share(options.capacityBytes)
    , m_service(&m_node, &m_share, this)
{
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
    DhtNode::Options dht = m_options.dht;
    dht.address = m_options.listen;
    // Room for this gateway's clients and for the replicas other gateways place here.
    dht.storageLimitBytes = std::max<qint64>(2 * m_options.capacityBytes, 64LL * 1024 * 1024);
    if (!m_node.start(dht, error))
        return false;
    if (m_options.announce.isValid()) {
        m_announcer = new Announcer(&m_service, m_options.announce, m_node.nodeId(), this);
        m_announcer->start();
    }
    return true;
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
        const QHostAddress peer = socket->peerAddress();
        if (m_connections >= m_options.maxConnections ||
            m_perAddress.value(peer) >= m_options.maxConnectionsPerAddress) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_connections;
        ++m_perAddress[peer];
        auto* connection = new HttpConnection(
            socket, &m_service, [this] { return statusJson(); }, this);
        connect(connection, &HttpConnection::closed, this, [this, peer] {
            --m_connections;
            if (--m_perAddress[peer] <= 0)
                m_perAddress.remove(peer);
        });
    }
}

QByteArray Gateway::statusJson() const
{
    const NodeStats stats = m_node.stats();
    const QJsonObject doc{
        {QStringLiteral("service"), QStringLiteral("opendht-gateway")},
        {QStringLiteral("protocol"), QStringLiteral("classic-xmlrpc")},
        {QStringLiteral("version"), QStringLiteral(ODB_VERSION)},
        {QStringLiteral("node_id"), m_node.nodeId()},
        {QStringLiteral("dht_port"), int(m_node.boundPort())},
        {QStringLiteral("network_id"), qint64(m_options.dht.networkId)},
        {QStringLiteral("peers"), QJsonObject{{QStringLiteral("good"), int(stats.goodPeers)},
                                              {QStringLiteral("dubious"), int(stats.dubiousPeers)}}},
        {QStringLiteral("values"), qint64(stats.values)},
        {QStringLiteral("stored_bytes"), qint64(stats.bytes)},
        {QStringLiteral("calls"), qint64(m_service.callsServed())},
        {QStringLiteral("uptime_s"), qint64(m_uptime.elapsed() / 1000)},
    };
    return QJsonDocument(doc).toJson(QJsonDocument::Compact) + '\n';
}
