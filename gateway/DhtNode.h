#pragma once

#include <classic/ClassicItem.h>

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVector>

#include <functional>
#include <memory>

namespace dht {
class DhtRunner;
}

using classic::StoredValue;

struct NodeStats
{
    unsigned goodPeers = 0;
    unsigned dubiousPeers = 0;
    size_t values = 0;
    size_t bytes = 0;
};

// The gateway's libopendht node: a Kademlia DHT node whose stores, gets and persistence are
// reached from the Qt thread. libopendht runs its own thread; every result comes back to the
// Qt thread through a queued call, so callers never see a DHT thread.
class DhtNode : public QObject
{
    Q_OBJECT
public:
    // libopendht value type of classic items. Registered with a week's lifetime: the item's
    // exact expiry is inside the envelope, and the DHT creation time is back-dated so that the
    // value leaves every storing node when the item expires.
    static constexpr quint16 classicType = classic::dhtValueType;

    struct Options
    {
        QString address = QStringLiteral("127.0.0.1");
        quint16 port = 0;
        QStringList bootstrap;
        quint32 networkId = 0;
        QString stateDir;
        qint64 storageLimitBytes = 64LL * 1024 * 1024; // what this node keeps, replicas included
    };

    explicit DhtNode(QObject* parent = nullptr);
    ~DhtNode() override;

    bool start(const Options& options, QString* error);
    void stop();
    quint16 boundPort() const { return m_boundPort; }
    QString nodeId() const { return m_nodeId; }
    NodeStats stats() const { return m_stats; }

    // Stores a classic envelope until expiryUs (microseconds since the Unix epoch).
    // done(true) once stored on this node (and offered to the DHT), done(false) if not stored.
    void put(const QByteArray& key20, quint64 valueId, const QByteArray& envelope, qint64 expiryUs,
             std::function<void(bool)> done);
    // Every value the DHT returns for the key, once the lookup has finished.
    void get(const QByteArray& key20, std::function<void(QVector<StoredValue>)> done);

    // Watches the key: values as they are stored, and expired = true when values leave.
    // Returns a handle for cancelListen().
    using ListenCallback = std::function<void(QVector<StoredValue>, bool expired)>;
    quint64 listen(const QByteArray& key20, ListenCallback callback);
    void cancelListen(quint64 handle);

    bool saveState(QString* error = nullptr);

private:
    void refreshStats();
    void loadState();
    QString statePath(const char* name) const;

    std::unique_ptr<dht::DhtRunner> m_runner;
    Options m_options;
    quint16 m_boundPort = 0;
    QString m_nodeId;
    NodeStats m_stats;
    QTimer m_statsTimer;
    QTimer m_saveTimer;
    quint64 m_changes = 0; // local puts since the last save
    std::pair<size_t, size_t> m_savedStoreSize{0, 0};
    struct Listen;
    QHash<quint64, std::shared_ptr<Listen>> m_listens;
    quint64 m_nextListen = 1;
};
