#include "KeeperRegistry.h"

#include "KeeperIdentity.h"

#include <QRandomGenerator>

#include <algorithm>

namespace {

constexpr char presenceMagic[] = "ODKP";

QByteArray xorDistance(const QByteArray& a, const QByteArray& b)
{
    QByteArray d(DhtLimits::keyBytes, '\0');
    for (int i = 0; i < DhtLimits::keyBytes && i < a.size() && i < b.size(); ++i)
        d[i] = char(a[i] ^ b[i]);
    return d;
}

} // namespace

KeeperRegistry::KeeperRegistry(DhtNode* node, const KeeperIdentity* identity, QObject* parent)
    : QObject(parent)
    , m_node(node)
    , m_identity(identity)
{
}

QByteArray KeeperRegistry::registryKey()
{
    return classic::sha1("opendht-gateway/keepers/v1");
}

QByteArray KeeperRegistry::inboxKey(const QByteArray& keeperId)
{
    return classic::sha1("opendht-gateway/inbox/v1/" + keeperId.toHex());
}

void KeeperRegistry::start(bool present)
{
    if (present) {
        m_presenceId = QRandomGenerator::system()->generate64() | 1; // libopendht refuses id 0
        m_node->putSigned(registryKey(),
                          {m_presenceId, DhtNode::presenceType, QByteArray(presenceMagic, 4), 0}, *m_identity,
                          true);
    }
    m_listen = m_node->listenSigned(registryKey(), [this](const QVector<DhtNode::Signed>& values,
                                                          bool expired) { onPresence(values, expired); });
}

void KeeperRegistry::stop()
{
    if (m_listen)
        m_node->cancelListen(std::exchange(m_listen, 0));
    if (m_presenceId)
        m_node->release(registryKey(), std::exchange(m_presenceId, 0));
}

void KeeperRegistry::onPresence(const QVector<DhtNode::Signed>& values, bool expired)
{
    for (const DhtNode::Signed& s : values) {
        if (s.signer == m_identity->id() || s.value.type != DhtNode::presenceType ||
            !s.value.data.startsWith(presenceMagic))
            continue;
        if (expired) {
            auto it = m_keepers.find(s.signer);
            if (it != m_keepers.end() && (it->remove(s.value.id), it->isEmpty()))
                m_keepers.erase(it);
            continue;
        }
        if (!m_keepers.contains(s.signer) && m_keepers.size() >= maxKeepers)
            continue; // bounded: anyone can put presence values
        QSet<quint64>& runs = m_keepers[s.signer];
        if (!runs.contains(s.value.id)) {
            runs.insert(s.value.id);
            emit keeperStarted(s.signer);
        }
    }
}

QList<QByteArray> KeeperRegistry::closestTo(const QByteArray& key20, int count) const
{
    QList<QByteArray> ids = m_keepers.keys();
    std::sort(ids.begin(), ids.end(), [&key20](const QByteArray& a, const QByteArray& b) {
        return xorDistance(a, key20) < xorDistance(b, key20);
    });
    return ids.mid(0, count);
}
