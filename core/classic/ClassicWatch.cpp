#include "ClassicWatch.h"

#include "ClassicClient.h"

ClassicWatch::ClassicWatch(ClassicClient* client, const DhtKey& key, int intervalMs, QObject* parent)
    : GatewayWatch(parent)
    , m_client(client)
    , m_key(key)
    , m_intervalMs(intervalMs)
{
    m_next.setSingleShot(true);
    connect(&m_next, &QTimer::timeout, this, &ClassicWatch::fetch);
    fetch();
}

void ClassicWatch::stop()
{
    m_next.stop();
    if (m_reply)
        m_reply->cancel();
}

void ClassicWatch::fetch()
{
    m_reply = m_client->fetchAll(m_key, true);
    connect(m_reply, &GatewayCall::finished, this, [this, reply = m_reply] {
        reply->deleteLater();
        if (reply->error().kind == GatewayError::Kind::Cancelled)
            return;
        if (reply->ok()) {
            m_failures = 0;
            setState(State::Live);
            publish(reply->values());
            m_next.start(m_intervalMs);
            return;
        }
        const int delay = std::min(30, 1 << std::min(m_failures++, 5));
        setState(State::Reconnecting, tr("%1; trying again in %2 s").arg(reply->error().message).arg(delay));
        m_next.start(std::chrono::seconds(delay));
    });
}
