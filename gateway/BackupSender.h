#pragma once

#include "BackupRequest.h"

#include <QHash>
#include <QObject>
#include <QTimer>

class DhtNode;
class ItemKeeper;
class KeeperIdentity;
class KeeperRegistry;

// Asks other gateways to keep this gateway's items too, so that an item stays in the DHT when
// the gateway that accepted it is gone. Each item goes to the backupCount other gateways whose
// keeper ids are closest to its key (the same choice wherever it is made), as a signed request
// in each one's inbox; a gateway that (re)starts is sent again every item it is a backup for.
// Requests leave in batches, every flushMs at most.
class BackupSender : public QObject
{
    Q_OBJECT
public:
    static constexpr int backupCount = 2;
    static constexpr int flushMs = 100;

    BackupSender(DhtNode* node, ItemKeeper* keeper, KeeperRegistry* registry, const KeeperIdentity* identity,
                 QObject* parent = nullptr);

    // An item this gateway just accepted.
    void send(const QByteArray& key20, const QByteArray& envelope);

private:
    void sendTo(const QByteArray& keeperId, const BackupRequest::Entry& entry);
    void resendTo(const QByteArray& keeperId);
    void flush();
    void flushTo(const QByteArray& keeperId);

    DhtNode* m_node;
    ItemKeeper* m_keeper;
    KeeperRegistry* m_registry;
    const KeeperIdentity* m_identity;
    QHash<QByteArray, QByteArray> m_pending; // keeper id -> request being filled
    QTimer m_flush;
};
