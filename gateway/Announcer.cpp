#include "Announcer.h"

#include "ClassicService.h"

#include "core/classic/GatewayAnnouncement.h"

#include <QRandomGenerator>

Announcer::Announcer(ClassicService* service, const QUrl& url, const QString& nodeId, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_value(GatewayAnnouncement::encode(url, nodeId, QStringLiteral(ODB_VERSION)))
{
    m_secret.resize(20);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(m_secret.data()), 5);
    connect(&m_refresh, &QTimer::timeout, this, &Announcer::put);
}

void Announcer::start()
{
    put();
    m_refresh.start(std::chrono::seconds(GatewayAnnouncement::refreshSeconds));
}

void Announcer::put()
{
    classic::Item item;
    item.ttl = GatewayAnnouncement::ttlSeconds;
    item.data = m_value;
    item.valueHash = classic::sha1(m_value);
    item.secretHash = classic::sha1(m_secret);
    item.application = "opendht-gateway announce";
    m_service->storeItem(GatewayAnnouncement::key().bytes(), item, [](const ClassicService::Reply&) {});
}

void Announcer::withdraw(std::function<void()> done)
{
    m_refresh.stop();
    classic::Item item;
    item.kind = classic::Item::Kind::Remove;
    item.ttl = GatewayAnnouncement::ttlSeconds; // outlives the announcement it removes
    item.valueHash = classic::sha1(m_value);
    item.secretHash = classic::sha1(m_secret);
    item.data = m_secret; // the proof that this removal is the announcer's
    // Done once the removal reached the DHT (the gateway stops right after); refused: at once.
    m_service->storeItem(
        GatewayAnnouncement::key().bytes(), item,
        [done](const ClassicService::Reply& reply) {
            if (!reply.body.contains("<int>0</int>"))
                done();
        },
        done);
}
