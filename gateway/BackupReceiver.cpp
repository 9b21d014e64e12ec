#include "BackupReceiver.h"

#include "BackupRequest.h"
#include "ItemKeeper.h"
#include "KeeperIdentity.h"
#include "KeeperRegistry.h"

#include <QDateTime>
#include <QtEndian>

quint32 BackupReceiver::account(const QByteArray& origin)
{
    return qFromBigEndian<quint32>(origin.constData());
}

BackupReceiver::BackupReceiver(DhtNode* node, ItemKeeper* keeper, const KeeperIdentity* identity,
                               qint64 capacityBytes, QObject* parent)
    : QObject(parent)
    , m_node(node)
    , m_keeper(keeper)
    , m_identity(identity)
    , m_share(capacityBytes)
{
}

void BackupReceiver::start()
{
    // What this gateway kept for others before a restart still counts against their shares.
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    m_keeper->forEach([this, now](const ItemKeeper::Kept& k) {
        if (!k.origin.isEmpty())
            m_share.record(account(k.origin), FairShare::costOf(k.value.data.size()),
                           (k.keepUntilUs - now) / DhtLimits::secondUs + 1, now);
    });
    m_listen = m_node->listenSigned(KeeperRegistry::inboxKey(m_identity->id()),
                                    [this](const QVector<DhtNode::Signed>& values, bool expired) {
                                        if (!expired)
                                            receive(values);
                                    });
}

void BackupReceiver::stop()
{
    if (m_listen)
        m_node->cancelListen(std::exchange(m_listen, 0));
}

void BackupReceiver::receive(const QVector<DhtNode::Signed>& requests)
{
    for (const DhtNode::Signed& r : requests) {
        if (r.value.type != DhtNode::backupRequestType || r.signer == m_identity->id())
            continue;
        for (const BackupRequest::Entry& e : BackupRequest::decode(r.value.data))
            keep(r.signer, e.key20, e.envelope);
    }
}

void BackupReceiver::keep(const QByteArray& origin, const QByteArray& key20, const QByteArray& envelope)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000;
    const classic::EnvelopeView view(envelope);
    if (key20.size() != DhtLimits::keyBytes || !view.isValid() || view.keepUntilUs() <= now ||
        view.putTimeUs() > now + classic::Item::maxClockSkewUs || !view.isAuthentic())
        return;
    const classic::Item item = classic::Item::decode(envelope);
    const StoredValue value{item.dhtValueId(key20), DhtNode::classicType, envelope,
                            DhtValueType::lifetimeSeconds(DhtNode::classicType)};
    if (m_keeper->contains(key20, value.id))
        return; // sent again (the sender restarted, or this gateway did)
    const qint64 keepSeconds = (view.keepUntilUs() - now) / DhtLimits::secondUs + 1;
    if (!m_share.admit(account(origin), FairShare::costOf(envelope.size()), keepSeconds, now))
        return;
    m_keeper->keep({key20, value, view.keepUntilUs(), origin});
}
