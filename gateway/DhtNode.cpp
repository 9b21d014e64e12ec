#include "DhtNode.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QPointer>
#include <QSaveFile>
#include <QtEndian>

#include <opendht/dhtrunner.h>

#include <chrono>

namespace {

constexpr auto classicLifetime = std::chrono::hours(24 * 7);
constexpr char stateMagic[] = "ODGS1\n";

dht::InfoHash toInfoHash(const QByteArray& key20)
{
    return dht::InfoHash(reinterpret_cast<const uint8_t*>(key20.constData()), size_t(key20.size()));
}

QVector<StoredValue> toStored(const std::vector<std::shared_ptr<dht::Value>>& values)
{
    QVector<StoredValue> out;
    out.reserve(qsizetype(values.size()));
    for (const auto& v : values) {
        out.append({v->id, v->type,
                    QByteArray(reinterpret_cast<const char*>(v->data.data()), qsizetype(v->data.size())),
                    classic::typeLifetimeSeconds(v->type)});
    }
    return out;
}

template <typename F> void onQtThread(QObject* context, F&& f)
{
    QMetaObject::invokeMethod(context, std::forward<F>(f), Qt::QueuedConnection);
}

} // namespace

struct DhtNode::Listen
{
    dht::InfoHash key;
    std::shared_future<size_t> token;
};

DhtNode::DhtNode(QObject* parent)
    : QObject(parent)
{
    connect(&m_statsTimer, &QTimer::timeout, this, &DhtNode::refreshStats);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] { saveState(); });
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
    if (QHostAddress(options.address).isLoopback()) {
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
    const auto addresses =
        dht::SockAddr::resolve(options.address.toStdString(), std::to_string(options.port));
    if (addresses.empty()) {
        *error = tr("cannot resolve DHT address %1").arg(options.address);
        return false;
    }
    config.bind4 = addresses.front();
    m_runner = std::make_unique<dht::DhtRunner>();
    try {
        m_runner->run(config, {});
    } catch (const std::exception& e) {
        *error = tr("cannot start the DHT node on %1:%2: %3")
                     .arg(options.address)
                     .arg(options.port)
                     .arg(QString::fromStdString(e.what()));
        m_runner.reset();
        return false;
    }
    m_runner->registerType(dht::ValueType(classicType, "opendht-gateway classic item", classicLifetime));
    for (const QString& b : options.bootstrap) {
        const qsizetype colon = b.lastIndexOf(u':');
        const QString host = colon > 0 ? b.left(colon) : b;
        const QString port = colon > 0 ? b.mid(colon + 1) : QStringLiteral("4222");
        m_runner->bootstrap(host.toStdString(), port.toStdString());
    }
    m_boundPort = m_runner->getBoundPort(AF_INET);
    m_nodeId = QString::fromStdString(m_runner->getNodeId().toString());
    if (!options.stateDir.isEmpty()) {
        QSaveFile idFile(statePath("node-id"));
        if (idFile.open(QIODevice::WriteOnly)) {
            idFile.write(m_nodeId.toLatin1() + '\n');
            idFile.commit();
        }
        loadState();
        m_saveTimer.start(std::chrono::seconds(10));
    }
    refreshStats();
    m_statsTimer.start(std::chrono::seconds(1));
    return true;
}

void DhtNode::stop()
{
    if (!m_runner)
        return;
    m_statsTimer.stop();
    m_saveTimer.stop();
    m_listens.clear(); // the runner's join() ends them
    if (!m_options.stateDir.isEmpty())
        saveState();
    m_runner->join();
    m_runner.reset();
}

void DhtNode::refreshStats()
{
    if (!m_runner)
        return;
    const auto ns = m_runner->getNodesStats(AF_INET);
    const auto store = m_runner->getStoreSize();
    m_stats.goodPeers = ns.good_nodes;
    m_stats.dubiousPeers = ns.dubious_nodes;
    m_stats.bytes = store.first;
    m_stats.values = store.second;
}

void DhtNode::put(const QByteArray& key20, quint64 valueId, const QByteArray& envelope, qint64 expiryUs,
                  std::function<void(bool)> done)
{
    const qint64 leftUs = expiryUs - QDateTime::currentMSecsSinceEpoch() * 1000;
    if (!m_runner || leftUs <= 0) {
        done(m_runner != nullptr);
        return;
    }
    auto value = std::make_shared<dht::Value>(classicType, dht::Blob(envelope.cbegin(), envelope.cend()),
                                              dht::Value::Id(valueId));
    // Back-date the creation so that creation + the type's week ends exactly at the expiry.
    const auto created = dht::clock::now() + std::chrono::microseconds(leftUs) - classicLifetime;
    ++m_changes;
    QPointer<DhtNode> self(this);
    m_runner->put(
        toInfoHash(key20), value,
        [self, done = std::move(done)](bool, const std::vector<std::shared_ptr<dht::Node>>&) {
            // A node without peers reports every put as failed, yet it has stored the value
            // and serves it: the value is held here either way.
            if (self)
                onQtThread(self, [done] { done(true); });
        },
        created, false);
}

void DhtNode::get(const QByteArray& key20, std::function<void(QVector<StoredValue>)> done)
{
    if (!m_runner) {
        done({});
        return;
    }
    auto found = std::make_shared<QVector<StoredValue>>();
    QPointer<DhtNode> self(this);
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

quint64 DhtNode::listen(const QByteArray& key20, ListenCallback callback)
{
    if (!m_runner)
        return 0;
    const quint64 handle = m_nextListen++;
    auto l = std::make_shared<Listen>();
    l->key = toInfoHash(key20);
    QPointer<DhtNode> self(this);
    l->token =
        m_runner
            ->listen(l->key,
                     [self, callback](const std::vector<std::shared_ptr<dht::Value>>& values, bool expired) {
                         if (self) {
                             onQtThread(self, [callback, stored = toStored(values), expired] {
                                 callback(stored, expired);
                             });
                         }
                         return true;
                     })
            .share();
    m_listens.insert(handle, l);
    return handle;
}

void DhtNode::cancelListen(quint64 handle)
{
    const auto l = m_listens.take(handle);
    if (l && m_runner)
        m_runner->cancelListen(l->key, l->token);
}

bool DhtNode::saveState(QString* error)
{
    if (!m_runner || m_options.stateDir.isEmpty())
        return false;
    const auto size = m_runner->getStoreSize();
    if (m_changes == 0 && size == m_savedStoreSize)
        return true;
    QByteArray out(stateMagic);
    for (const auto& [hash, blob] : m_runner->exportValues()) {
        out.append(reinterpret_cast<const char*>(hash.data()), qsizetype(hash.size()));
        char len[4];
        qToBigEndian(quint32(blob.size()), len);
        out.append(len, 4);
        out.append(reinterpret_cast<const char*>(blob.data()), qsizetype(blob.size()));
    }
    QSaveFile file(statePath("values"));
    if (!file.open(QIODevice::WriteOnly) || file.write(out) != out.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    m_changes = 0;
    m_savedStoreSize = size;
    return true;
}

void DhtNode::loadState()
{
    QFile file(statePath("values"));
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray in = file.readAll();
    if (!in.startsWith(stateMagic))
        return;
    std::vector<dht::ValuesExport> values;
    qsizetype at = qsizetype(sizeof(stateMagic) - 1);
    while (at + 24 <= in.size()) {
        dht::ValuesExport v;
        v.first = dht::InfoHash(reinterpret_cast<const uint8_t*>(in.constData() + at), 20);
        const quint32 len = qFromBigEndian<quint32>(in.constData() + at + 20);
        at += 24;
        if (len > quint32(in.size() - at))
            break; // a truncated file: keep what was whole
        v.second.assign(in.constData() + at, in.constData() + at + len);
        at += len;
        values.push_back(std::move(v));
    }
    m_runner->importValues(values);
    m_savedStoreSize = m_runner->getStoreSize();
}
