// How people write the DHT nodes a gateway joins, and the named networks.
#include "core/net/DhtNetwork.h"

#include <QTest>

class TestBootstrapAddress : public QObject
{
    Q_OBJECT
private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("port");
        QTest::newRow("host:port") << "bootstrap.jami.net:4222"
                                   << "bootstrap.jami.net"
                                   << "4222";
        QTest::newRow("name alone") << "localhost"
                                    << "localhost"
                                    << "4222";
        QTest::newRow("IPv4") << "127.0.0.1:17171"
                              << "127.0.0.1"
                              << "17171";
        QTest::newRow("[IPv6]:port") << "[::1]:5000"
                                     << "::1"
                                     << "5000";
        QTest::newRow("[IPv6] alone") << "[2001:db8::1]"
                                      << "2001:db8::1"
                                      << "4222";
        QTest::newRow("bare IPv6") << "fe80::1"
                                   << "fe80::1"
                                   << "4222";
        QTest::newRow("spaces around") << " host:1 "
                                       << "host"
                                       << "1";
    }
    void parses()
    {
        QFETCH(QString, text);
        QString error;
        const auto a = BootstrapAddress::parse(text, &error);
        QVERIFY2(a, qPrintable(error));
        QFETCH(QString, host);
        QFETCH(QString, port);
        QCOMPARE(a->host, host);
        QCOMPARE(a->port, port);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("port too big") << "host:99999";
        QTest::newRow("port zero") << "host:0";
        QTest::newRow("port not a number") << "host:abc";
        QTest::newRow("unclosed bracket") << "[::1";
        QTest::newRow("not IPv6 in brackets") << "[host]:1";
        QTest::newRow("junk after bracket") << "[::1]x";
        QTest::newRow("colons, no address") << "a:b:c";
        QTest::newRow("space inside") << "two words:1";
    }
    void refuses()
    {
        QFETCH(QString, text);
        QString error;
        QVERIFY(!BootstrapAddress::parse(text, &error));
        QVERIFY2(error.contains(text.trimmed().left(4)), qPrintable(error));
    }

    void writesBackWhatItReads()
    {
        QString error;
        QCOMPARE(BootstrapAddress::parse(QStringLiteral("[::1]:9"), &error)->text(),
                 QStringLiteral("[::1]:9"));
        QCOMPARE(BootstrapAddress::parse(QStringLiteral("h"), &error)->text(), QStringLiteral("h:4222"));
    }

    void namedNetworks()
    {
        QCOMPARE(DhtNetwork::names(),
                 (QStringList{QStringLiteral("local"), QStringLiteral("public"), QStringLiteral("ham-dht")}));
        QVERIFY(DhtNetwork::byName(QStringLiteral("local"))->bootstrap.isEmpty());
        QCOMPARE(DhtNetwork::byName(QStringLiteral("public"))->id, 0u);
        QCOMPARE(DhtNetwork::byName(QStringLiteral("ham-dht"))->id, 59973u);
        QCOMPARE(DhtNetwork::byName(QStringLiteral("ham-dht"))->bootstrap,
                 QStringList{QStringLiteral("xrf757.openquad.net:17171")});
        QVERIFY(!DhtNetwork::byName(QStringLiteral("Public")));
    }
};

QTEST_APPLESS_MAIN(TestBootstrapAddress)
#include "tst_bootstrapaddress.moc"
