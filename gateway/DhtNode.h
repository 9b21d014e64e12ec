#pragma once

#include "core/net/DhtNetwork.h"
#include "core/stored/ClassicItem.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>
#include <set>

#include "FamilyRebootstrap.h"
#include "SearchBudget.h"
#include "StoreExport.h"

namespace dht {
class DhtRunner;
struct Value;
} // namespace dht
class KeeperIdentity;

using classic::StoredValue;

struct PeerCounts
{
    unsigned good = 0;
    unsigned dubious = 0;
    unsigned incoming = 0; // peers that reached this node first (a proxy's node info shows them)
};

struct NodeStats
{
    PeerCounts ipv4;
    PeerCounts ipv6;
    size_t values = 0; // everything the node stores: its own values and other nodes'
    size_t bytes = 0;

    unsigned goodPeers() const { return ipv4.good + ipv6.good; }
    unsigned anyPeers() const { return goodPeers() + ipv4.dubious + ipv6.dubious; }
};

// The gateway's libopendht node: a Kademlia DHT node whose stores, gets and listens are
// reached from the Qt thread. libopendht runs its own thread; every result comes back to the
// Qt thread through a queued call, so callers never see a DHT thread.
class DhtNode : public QObject
{
    Q_OBJECT
public:
    // libopendht value type of classic items. Stock nodes keep a type they do not know as user
    // data, 10 minutes after its last store or refresh; ours is registered the same way, so that
    // libopendht refreshes permanent puts in time for every node of the DHT.
    static constexpr quint16 classicType = DhtValueType::classicItem;
    // Messages between gateways (see KeeperRegistry and BackupSender), signed by their sender.
    static constexpr quint16 presenceType = 0x4F44;
    static constexpr quint16 backupRequestType = 0x4F45;

    struct Options
    {
        QString address; // the DHT socket: one address, or empty for all (IPv4 and IPv6)
        quint16 port = 0;
        QVector<BootstrapAddress> bootstrap;
        quint32 networkId = 0;
        QString stateDir;                              // keeps the node id across restarts
        qint64 storageLimitBytes = 32LL * 1024 * 1024; // other nodes' values this node keeps
        bool loopbackDht = false; // every peer is on this host: libopendht's per-address limits off
        int searchBudget = SearchBudget::defaultLimit; // keys searched within the hour (SearchBudget)
    };

    explicit DhtNode(QObject* parent = nullptr);
    ~DhtNode() override;

    bool start(const Options& options, QString* error);
    void stop();
    bool isRunning() const { return m_runner != nullptr; }
    quint16 boundPort() const { return m_boundPort; }
    QString nodeId() const { return m_nodeId; }
    const Options& options() const { return m_options; }
    // As counted at most a second ago (cheap), and right now.
    NodeStats stats() const { return m_stats; }
    NodeStats freshStats() const;
    // Whether the node has ever had a good peer since it started.
    bool hasJoined() const { return m_joined; }
    // Whether a lookup or announce of the key for a client (its fair-share account) fits the
    // search budget: the key was searched within the hour, or there is room for one more in the
    // client's part (SearchBudget). Every get, listen and put below counts.
    SearchBudget::Verdict admitSearch(const QByteArray& key20, quint32 account);
    const SearchBudget& searches() const { return m_searches; }

    // Keeps the value in the DHT until release(): this node stores it at once and libopendht
    // announces it to the nodes closest to the key and refreshes it there before their
    // lifetime runs out.
    // announced, if set, follows once the DHT's closest nodes took it (or the attempt ended).
    void keep(const QByteArray& key20, const StoredValue& value, std::function<void(bool)> announced = {});
    void release(const QByteArray& key20, quint64 valueId);
    // Puts a value as a client gave it (the REST API), with whatever it carries (signature,
    // user type, ...); permanent: refreshed until release(), as keep() does.
    void putValue(const QByteArray& key20, const std::shared_ptr<dht::Value>& value, bool permanent);
    // A libopendht value as the gateway keeps values (its metadata included).
    static StoredValue stored(const dht::Value& value);
    // Bytes of values this node keeps itself: other nodes' values may take storageLimitBytes on top.
    void setOwnBytes(qint64 bytes);

    // Puts a value signed with the identity (libopendht's Value::sign): its readers learn, and
    // can check, which gateway sent it. permanent: kept until release(), as keep() does.
    void putSigned(const QByteArray& key20, const StoredValue& value, const KeeperIdentity& identity,
                   bool permanent);

    // How many values this node put itself so far (keep, putValue, putSigned): a listing of
    // the store taken before the last of them is out of date.
    quint64 putCount() const { return m_putCount; }

    // Every key this node stores values under (its own values and other nodes'), unsorted,
    // read off libopendht's storage on a worker thread (a copy of the whole store is no work
    // for the Qt thread) and handed back on the Qt thread. Empty when the node is not running.
    // onWorker, if set, runs on the worker with the keys first (a sort of many keys would hold
    // the Qt thread for hundreds of milliseconds).
    void exportKeys(std::function<void(QVector<StoredKey>)> done,
                    std::function<void(QVector<StoredKey>&)> onWorker = {});
    // Lets go of a big value on the export's worker rather than on the Qt thread (freeing a
    // snapshot of 100 000 keys takes tens of ms). The value must be shared with nothing the Qt
    // thread changes unguarded: implicitly shared Qt containers and shared_ptr<const T> are fine.
    template <typename T> void releaseOnWorker(T value)
    {
        m_exports.start([held = std::make_shared<T>(std::move(value))]() mutable { held.reset(); });
    }

    // Every value the DHT returns for the key, once the lookup has finished.
    void get(const QByteArray& key20, std::function<void(QVector<StoredValue>)> done);

    // Watches the key: values as they are stored, and expired = true when values leave.
    // Returns a handle for cancelListen().
    using ListenCallback = std::function<void(QVector<StoredValue>, bool expired)>;
    quint64 listen(const QByteArray& key20, ListenCallback callback);
    void cancelListen(quint64 handle);
    // The same for signed values only, with the id of the key that signed each (checked).
    struct Signed
    {
        StoredValue value;
        QByteArray signer; // 20 bytes
    };
    using SignedCallback = std::function<void(QVector<Signed>, bool expired)>;
    quint64 listenSigned(const QByteArray& key20, SignedCallback callback);

private:
    void refreshStats();
    void pingBootstrap(FamilyRebootstrap::Due due);
    quint64 addListen(const QByteArray& key20,
                      std::function<void(const std::vector<std::shared_ptr<dht::Value>>&, bool)> onDhtThread);
    QString statePath(const char* name) const;

    std::unique_ptr<dht::DhtRunner> m_runner;
    Options m_options;
    quint16 m_boundPort = 0;
    QString m_nodeId;
    mutable NodeStats m_stats; // the latest figures, whoever asked for them
    mutable bool m_joined = false;
    FamilyRebootstrap m_rebootstrap{FamilyRebootstrap::Clock::now()};
    SearchBudget m_searches;
    // Permanent puts the budget holds their key for (valueRef). A tree, not a hash: one put
    // after the other, a QSet doubles in one step (52 ms of the Qt thread's CPU in one put of
    // a 60 s flood).
    std::set<QByteArray> m_held;
    QTimer m_statsTimer;
    qint64 m_ownBytes = 0;
    struct Listen;
    QHash<quint64, std::shared_ptr<Listen>> m_listens;
    quint64 m_nextListen = 1;
    void notePut(const QByteArray& key20, quint64 valueId);
    void countPut(const QByteArray& key20, quint64 valueId, bool permanent);
    void forgetSeenPuts(quint64 upTo);
    static constexpr int maxUnseenPuts = 100000;
    quint64 m_putCount = 0;
    QVector<StoreExport::Put> m_unseen; // own puts no export has seen yet
    QThreadPool m_exports;              // exportKeys' worker: waited for before the runner goes
    // libopendht's DHT thread holds the runner's lock for a whole batch of queued operations (a
    // flood's thousands of puts, or their cancels: hundreds of ms), and getStoreSize,
    // getNodesStats and setStorageLimit wait for that lock: the figures of every second and the
    // storage limit are read and set on this thread instead of the Qt thread.
    QThreadPool m_runnerCalls;
    bool m_statsPending = false;
    std::atomic<qint64> m_wantedLimit{0};
    std::atomic<bool> m_limitPending{false};
    // The limit follows the own bytes at most every 50 ms: a task a put (a flood's thousands a
    // second) cost the Qt thread a tenth of its time in thread-pool wake-ups.
    QTimer m_limitTimer;
    void applyLimit();
    static NodeStats statsOf(dht::DhtRunner& runner);
};
