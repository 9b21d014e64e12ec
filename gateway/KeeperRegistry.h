#pragma once

#include "DhtNode.h"

#include <QHash>
#include <QObject>
#include <QSet>

class KeeperIdentity;

// The gateways of the DHT that keep items, found in the DHT itself: under one well-known key
// each gateway puts a presence value signed with its keeper identity, kept alive while it runs
// (a permanent put: after a crash it is gone within the 10 minutes a node keeps a value nobody
// refreshes). Every run puts a new value, so the others see a restart and can send the gateway
// what it may have missed meanwhile.
class KeeperRegistry : public QObject
{
    Q_OBJECT
public:
    static constexpr int maxKeepers = 256;

    KeeperRegistry(DhtNode* node, const KeeperIdentity* identity, QObject* parent = nullptr);

    // Once the identity is ready. present: put this gateway's presence, so that others send it
    // their items to keep; without, it only learns who the others are.
    void start(bool present);
    void stop();
    int size() const { return int(m_keepers.size()); }
    // The other keepers whose ids are closest (XOR) to the key, at most count of them.
    QList<QByteArray> closestTo(const QByteArray& key20, int count) const;

    static QByteArray registryKey();
    // Where a keeper receives backup requests.
    static QByteArray inboxKey(const QByteArray& keeperId);

signals:
    // A gateway (re)started; it may lack items it should keep.
    void keeperStarted(const QByteArray& keeperId);

private:
    void onPresence(const QVector<DhtNode::Signed>& values, bool expired);

    DhtNode* m_node;
    const KeeperIdentity* m_identity;
    quint64 m_listen = 0;
    quint64 m_presenceId = 0;
    QHash<QByteArray, QSet<quint64>> m_keepers; // keeper id -> its live presence values
};
