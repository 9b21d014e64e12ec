#pragma once

#include "core/dht/DhtKey.h"

#include "core/backend/GatewayWatch.h"

#include <QPointer>
#include <QTimer>

class ClassicClient;
class ClassicReply;

// A key kept live on a classic gateway, which cannot push: every value is fetched again every
// intervalMs (on failure after a growing delay, up to 30 s).
class ClassicWatch : public GatewayWatch
{
    Q_OBJECT
public:
    ClassicWatch(ClassicClient* client, const DhtKey& key, int intervalMs, QObject* parent = nullptr);
    void stop() override;

private:
    void fetch();

    ClassicClient* m_client;
    DhtKey m_key;
    int m_intervalMs;
    QPointer<ClassicReply> m_reply;
    QTimer m_next;
    int m_failures = 0;
};
