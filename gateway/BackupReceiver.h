#pragma once

#include "DhtNode.h"
#include "FairShare.h"

#include <QObject>

class ItemKeeper;
class KeeperIdentity;

// Keeps, for other gateways, the items they ask this one to keep (see BackupSender), read from
// this gateway's inbox in the DHT. Only what a request proves is kept: signed by a gateway, each
// envelope authentic and not ended, at most each sender's fair share of this gateway's capacity
// (the classic fair share, with gateways for clients), so nobody can make it keep more than
// that by sending requests.
class BackupReceiver : public QObject
{
    Q_OBJECT
public:
    BackupReceiver(DhtNode* node, ItemKeeper* keeper, const KeeperIdentity* identity, qint64 capacityBytes,
                   QObject* parent = nullptr);

    // Once the identity is ready.
    void start();
    void stop();

private:
    void receive(const QVector<DhtNode::Signed>& requests);
    void keep(const QByteArray& origin, const QByteArray& key20, const QByteArray& envelope);
    // Whose share an item kept for another gateway counts against.
    static quint32 account(const QByteArray& origin);

    DhtNode* m_node;
    ItemKeeper* m_keeper;
    const KeeperIdentity* m_identity;
    FairShare m_share;
    quint64 m_listen = 0;
};
