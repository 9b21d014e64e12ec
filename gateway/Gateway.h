#pragma once

#include "Announcer.h"
#include "BackupReceiver.h"
#include "BackupSender.h"
#include "ClassicService.h"
#include "DhtNode.h"
#include "FairShare.h"
#include "ItemKeeper.h"
#include "KeeperIdentity.h"
#include "KeeperRegistry.h"
#include "ProxyRestService.h"
#include "StoredKeys.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpServer>

// The whole gateway: a DHT node, the classic service on top of it, and the HTTP listener.
class Gateway : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString listen = QStringLiteral("127.0.0.1"); // HTTP only: the DHT has dht.address
        quint16 port = 5851;
        QString network = QStringLiteral("local"); // the name the bootstrap and id came from
        DhtNode::Options dht;
        qint64 capacityBytes = 256LL * 1024 * 1024;
        int maxConnections = 1000;
        int maxConnectionsPerAddress = 64; // one host cannot take every slot
        QUrl announce;                     // when set, this gateway announces itself under this URL
        bool keepForOthers = true;         // keep other gateways' items (see README, Keeping)
        KeyListPolicy listKeys;            // who may list the keys stored here (GET /keys)
    };

    explicit Gateway(const Options& options, QObject* parent = nullptr);

    bool start(QString* error);
    // Withdraws the announcement (if any), then stops the node (saving state); done() after.
    void stop(std::function<void()> done);

    quint16 httpPort() const { return m_server.serverPort(); }
    QString httpAddress() const { return m_server.serverAddress().toString(); }
    const DhtNode& node() const { return m_node; }

    // The small JSON document GET answers, for probes and monitors, and for proxy clients
    // (the proxy's node info fields, public_ip being the asking client's address).
    QByteArray statusJson(const ClientInfo& client) const;
    // lone, joining, ok or isolated: whether the DHT this gateway should be in is reachable.
    QString health() const;

    // How long a gateway given bootstrap nodes is "joining" before it is "isolated".
    static constexpr int joinGraceSeconds = 30;

private:
    void acceptConnections();
    bool openState(QString* error);

    Options m_options;
    DhtNode m_node;
    ItemKeeper m_keeper;
    FairShare m_share;
    mutable StoredKeys m_storedKeys; // GET / counts them, retaking the snapshot when it is old
    ClassicService m_service;
    ProxyRestService m_rest; // after m_service: its listens end before the views they watch
    KeeperIdentity m_identity;
    KeeperRegistry m_registry;
    BackupSender m_backupSender;
    BackupReceiver m_backupReceiver;
    QTcpServer m_server;
    int m_connections = 0;
    QHash<quint32, int> m_perAddress; // by HttpConnection::accountOf
    static constexpr int reserveConnections = 100;
    static constexpr int smallHolderConnections = 4;
    QElapsedTimer m_uptime;
    Announcer* m_announcer = nullptr;
};
