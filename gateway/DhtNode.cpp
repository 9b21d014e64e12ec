#include "DhtNode.h"

#include "KeeperIdentity.h"
#include "StoreExport.h"
#include "ValueRef.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QPointer>
#include <QSaveFile>

#include <opendht/dhtrunner.h>

#include <algorithm>
#include <chrono>

namespace {

constexpr auto classicLifetime = std::chrono::minutes(10);

dht::InfoHash toInfoHash(const QByteArray& key20)
{
    return dht::InfoHash(reinterpret_cast<const uint8_t*>(key20.constData()), size_t(key20.size()));
}

QByteArray bytesOf(const dht::Blob& blob)
{
    return QByteArray(reinterpret_cast<const char*>(blob.data()), qsizetype(blob.size()));
}

// What a proxy's JSON would show of the value besides id, type and data (Value::toJson).
std::shared_ptr<const DhtValueMeta> metaOf(const dht::Value& v)
{
    const bool hasOwner = v.owner && *v.owner;
    if (!v.isEncrypted() && !hasOwner && v.signature.empty() && v.user_type.empty() && !v.priority)
        return {};
    auto meta = std::make_shared<DhtValueMeta>();
    meta->priority = v.priority;
    if (v.isEncrypted()) {
        meta->cypher = bytesOf(v.cypher);
        return meta;
    }
    if (v.isSigned())
        meta->signature = bytesOf(v.signature);
    if (hasOwner) {
        meta->seq = v.seq;
        meta->ownerPem = QByteArray::fromStdString(v.owner->toString());
        meta->ownerId = QByteArray::fromStdString(v.owner->getId().toString());
        if (v.recipient)
            meta->recipientHex = QByteArray::fromStdString(v.recipient.toString());
    }
    meta->userType = QByteArray::fromStdString(v.user_type);
    return meta;
}

StoredValue storedOf(const dht::Value& v)
{
    return {v.id, v.type, bytesOf(v.data), DhtValueType::lifetimeSeconds(v.type), metaOf(v)};
}

QVector<StoredValue> toStored(const std::vector<std::shared_ptr<dht::Value>>& values)
{
    QVector<StoredValue> out;
    out.reserve(qsizetype(values.size()));
    for (const auto& v : values)
        out.append(storedOf(*v));
    return out;
}

template <typename F> void onQtThread(QObject* context, F&& f)
{
    QMetaObject::invokeMethod(context, std::forward<F>(f), Qt::QueuedConnection);
}

// Other nodes may store values of our type here: only authentic envelopes are kept, so that
// this node never serves, or spends its storage on, forgeries of classic items.
bool storeOnlyAuthentic(dht::InfoHash, std::shared_ptr<dht::Value>& value, const dht::InfoHash&,
                        const dht::SockAddr&)
{
    const QByteArray data = QByteArray::fromRawData(reinterpret_cast<const char*>(value->data.data()),
                                                    qsizetype(value->data.size()));
    const classic::EnvelopeView view(data);
    return view.isValid() && view.isAuthentic();
}

// Messages between gateways: signed, and no bigger than a request may be.
bool storeOnlySigned(dht::InfoHash, std::shared_ptr<dht::Value>& value, const dht::InfoHash&,
                     const dht::SockAddr&)
{
    return value->isSigned() && value->data.size() <= 64 * 1024;
}

QByteArray idBytes(const dht::InfoHash& h)
{
    return QByteArray(reinterpret_cast<const char*>(h.data()), qsizetype(h.size()));
}

PeerCounts peerCounts(const dht::NodeStats& s)
{
    return {s.good_nodes, s.dubious_nodes, s.incoming_nodes};
}

} // namespace

struct DhtNode::Listen
{
    QByteArray key20;
    dht::InfoHash key;
    std::shared_future<size_t> token;
};

DhtNode::DhtNode(QObject* parent)
    : QObject(parent)
{
    m_exports.setMaxThreadCount(1);
    m_runnerCalls.setMaxThreadCount(1);
    connect(&m_statsTimer, &QTimer::timeout, this, &DhtNode::refreshStats);
    m_limitTimer.setSingleShot(true);
    m_limitTimer.setInterval(50);
    connect(&m_limitTimer, &QTimer::timeout, this, &DhtNode::applyLimit);
}

DhtNode::~DhtNode()
{
    stop();
}

QString DhtNode::statePath(const char* name) const
{
    return QDir(m_options.stateDir).filePath(QString::fromLatin1(name));
}

bool DhtNode::start(const Options& options, QString* error)
{
    m_options = options;
    dht::DhtRunner::Config config;
    auto& node = config.dht_config.node_config;
    node.network = options.networkId;
    node.maintain_storage = true;
    node.max_store_size = ssize_t(options.storageLimitBytes);
    // Peers on loopback are all 127.0.0.1: libopendht's per-address rate limit would throttle
    // a whole local DHT as if it were one abusive peer.
    if (options.loopbackDht) {
        node.max_req_per_sec = -1;
        node.max_peer_req_per_sec = -1;
    }
    if (!options.stateDir.isEmpty()) {
        QDir().mkpath(options.stateDir);
        QFile idFile(statePath("node-id"));
        if (idFile.open(QIODevice::ReadOnly))
            node.node_id = dht::InfoHash(idFile.readAll().trimmed().toStdString());
    }
    if (!node.node_id)
        node.node_id = dht::InfoHash::getRandom();
    config.threaded = true;
    if (options.address.isEmpty()) {
        config.bind4 = dht::SockAddr::resolve("0.0.0.0", std::to_string(options.port)).front();
        config.bind6 = dht::SockAddr::resolve("::", std::to_string(options.port)).front();
    } else {
        const QHostAddress address(options.address);
        if (address.isNull()) {
            *error = tr("--dht-listen wants an IP address, not \"%1\"").arg(options.address);
            return false;
        }
        auto resolved = dht::SockAddr::resolve(options.address.toStdString(), std::to_string(options.port));
        (address.protocol() == QAbstractSocket::IPv6Protocol ? config.bind6 : config.bind4) =
            resolved.front();
    }
    m_runner = std::make_unique<dht::DhtRunner>();
    try {
        m_runner->run(config, {});
    } catch (const std::exception& e) {
        *error = tr("cannot start the DHT node on %1 port %2: %3")
                     .arg(options.address.isEmpty() ? tr("all addresses") : options.address)
                     .arg(options.port)
                     .arg(QString::fromStdString(e.what()));
        m_runner.reset();
        return false;
    }
    m_runner->registerType(
        dht::ValueType(classicType, "opendht-gateway classic item", classicLifetime, storeOnlyAuthentic));
    m_runner->registerType(
        dht::ValueType(presenceType, "opendht-gateway keeper", classicLifetime, storeOnlySigned));
    m_runner->registerType(dht::ValueType(backupRequestType, "opendht-gateway backup request",
                                          classicLifetime, storeOnlySigned));
    // Values encrypted for others are served as they are (their cypher), as a stock proxy does:
    // without this libopendht's secure layer drops every value it cannot decrypt.
    m_runner->forwardAllMessages(true);
    for (const BootstrapAddress& b : options.bootstrap)
        m_runner->bootstrap(b.host.toStdString(), b.port.toStdString());
    m_rebootstrap = FamilyRebootstrap(FamilyRebootstrap::Clock::now());
    m_searches = SearchBudget(options.searchBudget);
    m_held.clear();
    m_boundPort = m_runner->getBoundPort(config.bind4 ? AF_INET : AF_INET6);
    m_nodeId = QString::fromStdString(m_runner->getNodeId().toString());
    if (!options.stateDir.isEmpty()) {
        QSaveFile idFile(statePath("node-id"));
        if (idFile.open(QIODevice::WriteOnly)) {
            idFile.write(m_nodeId.toLatin1() + '\n');
            idFile.commit();
        }
    }
    freshStats(); // figures from the start
    m_statsTimer.start(std::chrono::seconds(1));
    return true;
}

void DhtNode::stop()
{
    if (!m_runner)
        return;
    m_statsTimer.stop();
    m_limitTimer.stop();
    m_exports.waitForDone(); // an export reads the runner
    m_runnerCalls.waitForDone();
    m_statsPending = false;
    m_listens.clear(); // the runner's join() ends them
    m_runner->join();
    m_runner.reset();
}

NodeStats DhtNode::statsOf(dht::DhtRunner& runner)
{
    NodeStats s;
    const auto store = runner.getStoreSize();
    s.ipv4 = peerCounts(runner.getNodesStats(AF_INET));
    s.ipv6 = peerCounts(runner.getNodesStats(AF_INET6));
    s.bytes = store.first;
    s.values = store.second;
    return s;
}

NodeStats DhtNode::freshStats() const
{
    if (!m_runner)
        return {};
    const NodeStats s = statsOf(*m_runner);
    m_joined = m_joined || s.goodPeers() > 0;
    m_stats = s;
    return s;
}

void DhtNode::refreshStats()
{
    if (!m_runner || std::exchange(m_statsPending, true))
        return;
    // The runner and this node outlive the task: stop() waits for it.
    dht::DhtRunner* runner = m_runner.get();
    m_runnerCalls.start([this, runner] {
        const NodeStats s = statsOf(*runner);
        onQtThread(this, [this, s] {
            if (!std::exchange(m_statsPending, false) || !m_runner)
                return; // stopped meanwhile
            m_joined = m_joined || s.goodPeers() > 0;
            m_stats = s;
            pingBootstrap(m_rebootstrap.check(s, FamilyRebootstrap::Clock::now()));
        });
    });
}

void DhtNode::pingBootstrap(FamilyRebootstrap::Due due)
{
    if (!due.ipv4 && !due.ipv6)
        return;
    // On the worker: resolving a name may take a while. The runner outlives it (stop() waits).
    dht::DhtRunner* runner = m_runner.get();
    m_runnerCalls.start([runner, due, nodes = m_options.bootstrap] {
        for (const BootstrapAddress& b : nodes) {
            try {
                for (const dht::SockAddr& a :
                     dht::SockAddr::resolve(b.host.toStdString(), b.port.toStdString()))
                    if ((a.getFamily() == AF_INET && due.ipv4) || (a.getFamily() == AF_INET6 && due.ipv6))
                        runner->bootstrap(a);
            } catch (const std::exception&) {
                // not resolvable now: asked again at the family's next interval
            }
        }
    });
}

void DhtNode::keep(const QByteArray& key20, const StoredValue& stored, std::function<void(bool)> announced)
{
    if (!m_runner)
        return;
    auto value = std::make_shared<dht::Value>(
        stored.type, dht::Blob(stored.data.cbegin(), stored.data.cend()), dht::Value::Id(stored.id));
    // Created now (never back-dated: stock nodes refuse a value whose lifetime has passed), and
    // permanent: libopendht refreshes it about 10 s before each storing node would drop it.
    dht::DoneCallback done;
    if (announced) {
        QPointer<DhtNode> self(this);
        done = [self, announced](bool ok, const std::vector<std::shared_ptr<dht::Node>>&) {
            if (self)
                onQtThread(self, [announced, ok] { announced(ok); });
        };
    }
    notePut(key20, value->id);
    countPut(key20, value->id, true);
    m_runner->put(toInfoHash(key20), value, done, dht::time_point::max(), true);
}

void DhtNode::putValue(const QByteArray& key20, const std::shared_ptr<dht::Value>& value, bool permanent)
{
    // Created now, as a proxy's put is; a permanent one is refreshed until release().
    if (!m_runner)
        return;
    notePut(key20, value->id);
    countPut(key20, value->id, permanent);
    m_runner->put(toInfoHash(key20), value, dht::DoneCallback{}, dht::time_point::max(), permanent);
}

SearchBudget::Verdict DhtNode::admitSearch(const QByteArray& key20, quint32 account)
{
    return m_searches.admit(key20, account, SearchBudget::Clock::now());
}

void DhtNode::countPut(const QByteArray& key20, quint64 valueId, bool permanent)
{
    const auto now = SearchBudget::Clock::now();
    // A permanent put is announced until release(); put again (a refresh), it is held once.
    if (permanent && m_held.insert(valueRef(key20, valueId)).second) {
        m_searches.hold(key20, now);
    } else {
        m_searches.use(key20, now);
    }
}

void DhtNode::notePut(const QByteArray& key20, quint64 valueId)
{
    m_unseen.append({key20, valueId, ++m_putCount});
    // Long since stored, if an export never came to check them: not kept without end.
    if (m_unseen.size() > maxUnseenPuts)
        m_unseen.remove(0, m_unseen.size() - maxUnseenPuts);
}

void DhtNode::forgetSeenPuts(quint64 upTo)
{
    // In the order of their seq: the seen ones first. Only the later ones are copied (the list
    // is shared with the export's task: a removal in place would first copy all, up to 100 000
    // puts, on the Qt thread), and the old list is let go on the export's worker.
    const auto later = std::partition_point(m_unseen.cbegin(), m_unseen.cend(),
                                            [upTo](const StoreExport::Put& p) { return p.seq <= upTo; });
    QVector<StoreExport::Put> rest = m_unseen.mid(later - m_unseen.cbegin());
    releaseOnWorker(std::exchange(m_unseen, std::move(rest)));
}

StoredValue DhtNode::stored(const dht::Value& value)
{
    return storedOf(value);
}

void DhtNode::release(const QByteArray& key20, quint64 valueId)
{
    if (!m_runner)
        return;
    if (m_held.erase(valueRef(key20, valueId)) > 0)
        m_searches.unhold(key20, SearchBudget::Clock::now());
    m_runner->cancelPut(toInfoHash(key20), dht::Value::Id(valueId));
}

void DhtNode::setOwnBytes(qint64 bytes)
{
    // libopendht never evicts what this node put itself; it evicts other nodes' values, the
    // biggest sender first, once everything together passes the limit.
    if (!m_runner || bytes == m_ownBytes)
        return;
    m_ownBytes = bytes;
    m_wantedLimit = m_options.storageLimitBytes + bytes;
    if (!m_limitTimer.isActive())
        m_limitTimer.start();
}

void DhtNode::applyLimit()
{
    if (!m_runner || m_limitPending.exchange(true))
        return; // the task under way sets the latest
    dht::DhtRunner* runner = m_runner.get();
    m_runnerCalls.start([this, runner] {
        for (;;) {
            const qint64 applied = m_wantedLimit;
            runner->setStorageLimit(size_t(applied));
            if (m_wantedLimit != applied)
                continue;
            m_limitPending = false;
            // Changed just before the flag went down, the Qt thread queued no task: this one goes on.
            if (m_wantedLimit == applied || m_limitPending.exchange(true))
                break;
        }
    });
}

void DhtNode::exportKeys(std::function<void(QVector<StoredKey>)> done,
                         std::function<void(QVector<StoredKey>&)> onWorker)
{
    if (!m_runner) {
        done({});
        return;
    }
    // libopendht stores a put on its own thread, later: the export waits (a little) until this
    // node's own puts made so far are in, so that a client lists what it just put.
    const QVector<StoreExport::Put> unseen = m_unseen;
    const quint64 upTo = m_putCount;
    // The runner and this node outlive the task: stop() (and so the destructor) waits for it.
    dht::DhtRunner* runner = m_runner.get();
    m_exports.start([this, runner, unseen, upTo, done = std::move(done), onWorker = std::move(onWorker)] {
        QVector<StoredKey> keys = StoreExport::read(*runner, unseen);
        if (onWorker)
            onWorker(keys);
        onQtThread(this, [this, upTo, done, keys = std::move(keys)]() mutable {
            forgetSeenPuts(upTo);
            done(std::move(keys));
        });
    });
}

void DhtNode::get(const QByteArray& key20, std::function<void(QVector<StoredValue>)> done)
{
    if (!m_runner) {
        done({});
        return;
    }
    auto found = std::make_shared<QVector<StoredValue>>();
    QPointer<DhtNode> self(this);
    m_searches.use(key20, SearchBudget::Clock::now());
    m_runner->get(
        toInfoHash(key20),
        [found](const std::vector<std::shared_ptr<dht::Value>>& values) {
            *found += toStored(values);
            return true;
        },
        [self, found, done = std::move(done)](bool, const std::vector<std::shared_ptr<dht::Node>>&) {
            if (self)
                onQtThread(self, [found, done] { done(std::move(*found)); });
        });
}

void DhtNode::putSigned(const QByteArray& key20, const StoredValue& stored, const KeeperIdentity& identity,
                        bool permanent)
{
    if (!m_runner || !identity.isReady())
        return;
    auto value = std::make_shared<dht::Value>(
        stored.type, dht::Blob(stored.data.cbegin(), stored.data.cend()), dht::Value::Id(stored.id));
    value->sign(*identity.key());
    notePut(key20, value->id);
    countPut(key20, value->id, permanent);
    m_runner->put(toInfoHash(key20), value, dht::DoneCallback{}, dht::time_point::max(), permanent);
}

quint64
DhtNode::addListen(const QByteArray& key20,
                   std::function<void(const std::vector<std::shared_ptr<dht::Value>>&, bool)> onDhtThread)
{
    if (!m_runner)
        return 0;
    const quint64 handle = m_nextListen++;
    auto l = std::make_shared<Listen>();
    l->key20 = key20;
    l->key = toInfoHash(key20);
    m_searches.hold(key20, SearchBudget::Clock::now());
    l->token =
        m_runner
            ->listen(l->key,
                     [onDhtThread](const std::vector<std::shared_ptr<dht::Value>>& values, bool expired) {
                         onDhtThread(values, expired);
                         return true;
                     })
            .share();
    m_listens.insert(handle, l);
    return handle;
}

quint64 DhtNode::listen(const QByteArray& key20, ListenCallback callback)
{
    QPointer<DhtNode> self(this);
    return addListen(key20, [self, callback](const std::vector<std::shared_ptr<dht::Value>>& values,
                                             bool expired) {
        if (self)
            onQtThread(self, [callback, stored = toStored(values), expired] { callback(stored, expired); });
    });
}

quint64 DhtNode::listenSigned(const QByteArray& key20, SignedCallback callback)
{
    QPointer<DhtNode> self(this);
    return addListen(key20,
                     [self, callback](const std::vector<std::shared_ptr<dht::Value>>& values, bool expired) {
                         QVector<Signed> out;
                         for (const auto& v : values) {
                             // Expiry notices carry the value as it was stored; the check is the same.
                             if (v->owner && v->checkSignature())
                                 out.append({toStored({v}).first(), idBytes(v->owner->getId())});
                         }
                         if (self && !out.isEmpty())
                             onQtThread(self, [callback, out, expired] { callback(out, expired); });
                     });
}

void DhtNode::cancelListen(quint64 handle)
{
    const auto l = m_listens.take(handle);
    if (l && m_runner) {
        m_searches.unhold(l->key20, SearchBudget::Clock::now());
        m_runner->cancelListen(l->key, l->token);
    }
}
