#include "BackupSender.h"

#include "ItemKeeper.h"
#include "KeeperIdentity.h"
#include "KeeperRegistry.h"

#include <QRandomGenerator>

BackupSender::BackupSender(DhtNode* node, ItemKeeper* keeper, KeeperRegistry* registry,
                           const KeeperIdentity* identity, QObject* parent)
    : QObject(parent)
    , m_node(node)
    , m_keeper(keeper)
    , m_registry(registry)
    , m_identity(identity)
{
    m_flush.setSingleShot(true);
    m_flush.setInterval(flushMs);
    connect(&m_flush, &QTimer::timeout, this, &BackupSender::flush);
    connect(registry, &KeeperRegistry::keeperStarted, this, &BackupSender::resendTo);
}

void BackupSender::send(const QByteArray& key20, const QByteArray& envelope)
{
    for (const QByteArray& keeperId : m_registry->closestTo(key20, backupCount))
        sendTo(keeperId, {key20, envelope});
}

void BackupSender::resendTo(const QByteArray& keeperId)
{
    m_keeper->forEach([this, &keeperId](const ItemKeeper::Kept& k) {
        if (k.origin.isEmpty() && m_registry->closestTo(k.key20, backupCount).contains(keeperId))
            sendTo(keeperId, {k.key20, k.value.data});
    });
}

void BackupSender::sendTo(const QByteArray& keeperId, const BackupRequest::Entry& entry)
{
    auto it = m_pending.find(keeperId);
    if (it == m_pending.end())
        it = m_pending.insert(keeperId, BackupRequest::begin());
    if (!BackupRequest::append(*it, entry)) {
        flushTo(keeperId); // full: this one leaves now, the entry starts the next
        it = m_pending.insert(keeperId, BackupRequest::begin());
        BackupRequest::append(*it, entry);
    }
    if (!m_flush.isActive())
        m_flush.start();
}

void BackupSender::flush()
{
    const QList<QByteArray> keepers = m_pending.keys();
    for (const QByteArray& keeperId : keepers)
        flushTo(keeperId);
}

void BackupSender::flushTo(const QByteArray& keeperId)
{
    const QByteArray request = m_pending.take(keeperId);
    if (BackupRequest::isEmpty(request) || !m_identity->isReady())
        return;
    // A plain put: the request lives in the inbox the 10 minutes of any value, enough for a
    // running keeper to take it; one that restarts later is sent its share again.
    const quint64 id = QRandomGenerator::system()->generate64() | 1;
    m_node->putSigned(KeeperRegistry::inboxKey(keeperId), {id, DhtNode::backupRequestType, request, 0},
                      *m_identity, false);
}
