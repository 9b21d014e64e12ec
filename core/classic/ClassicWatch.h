#pragma once

#include "ClassicKey.h"

#include <backend/GatewayWatch.h>

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
    ClassicWatch(ClassicClient* client, const ClassicKey& key, int intervalMs, QObject* parent = nullptr);
    void stop() override;

private:
    void fetch();

    ClassicClient* m_client;
    ClassicKey m_key;
    int m_intervalMs;
    QPointer<ClassicReply> m_reply;
    QTimer m_next;
    int m_failures = 0;
};
