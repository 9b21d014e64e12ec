// DhtValueType against libopendht itself (issue 14): each type a stock node registers has the
// name the issue lists and the lifetime libopendht gives it, which is what the table's "at most"
// TTLs count down from; an unregistered type is user data's 10 minutes, without a name.
#include "core/dht/DhtValueType.h"

#include <opendht/default_types.h>
#include <opendht/securedht.h>

#include <QTest>

#include <chrono>

class TestDhtValueType : public QObject
{
    Q_OBJECT
private slots:
    void registeredTypes_data();
    void registeredTypes();
    void unregisteredType();
};

void TestDhtValueType::registeredTypes_data()
{
    QTest::addColumn<int>("id");
    QTest::addColumn<qint64>("lifetime"); // seconds, from libopendht
    QTest::addColumn<QString>("name");
    const auto row = [](const dht::ValueType& type, const char* name) {
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(type.expiration).count();
        QTest::newRow(type.name.c_str()) << int(type.id) << qint64(seconds) << QString::fromLatin1(name);
    };
    row(dht::ValueType::USER_DATA, "user data");
    row(dht::DhtMessage::TYPE, "DHT message");
    row(dht::IpServiceAnnouncement::TYPE, "IP service announcement");
    row(dht::ImMessage::TYPE, "IM message");
    row(dht::TrustRequest::TYPE, "certificate trust request");
    row(dht::IceCandidates::TYPE, "ICE candidates");
    row(dht::CERTIFICATE_TYPE, "certificate");
}

void TestDhtValueType::registeredTypes()
{
    QFETCH(int, id);
    QFETCH(qint64, lifetime);
    QFETCH(QString, name);
    QCOMPARE(qint64(DhtValueType::lifetimeSeconds(quint16(id))), lifetime);
    QCOMPARE(DhtValueType::name(quint16(id)), name);
    QCOMPARE(DhtValueType::label(quint16(id)), QStringLiteral("%1 %2").arg(id).arg(name));
    QCOMPARE(DhtValueType::parse(name.toUpper()), std::optional<quint16>(quint16(id)));
}

void TestDhtValueType::unregisteredType()
{
    QCOMPARE(DhtValueType::lifetimeSeconds(77), 600);
    QCOMPARE(DhtValueType::name(77), QString());
    QCOMPARE(DhtValueType::label(77), QStringLiteral("77"));
    QCOMPARE(DhtValueType::name(DhtValueType::classicItem), QStringLiteral("classic item"));
}

QTEST_GUILESS_MAIN(TestDhtValueType)
#include "tst_dhtvaluetype.moc"
