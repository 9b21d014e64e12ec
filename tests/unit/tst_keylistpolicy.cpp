// Who may list the keys a gateway stores (GET /keys, --list-keys): the address rule itself,
// for every kind of peer address a socket reports.
#include "gateway/KeyListPolicy.h"

#include <QHostAddress>
#include <QTest>

class TestKeyListPolicy : public QObject
{
    Q_OBJECT
private slots:
    void parse()
    {
        QCOMPARE(KeyListPolicy::parse(QStringLiteral("off"))->who, KeyListPolicy::Who::Nobody);
        QCOMPARE(KeyListPolicy::parse(QStringLiteral("local"))->who, KeyListPolicy::Who::Local);
        QCOMPARE(KeyListPolicy::parse(QStringLiteral("all"))->who, KeyListPolicy::Who::Anyone);
        QVERIFY(!KeyListPolicy::parse(QStringLiteral("yes")));
        QVERIFY(!KeyListPolicy::parse(QString()));
        QCOMPARE(KeyListPolicy().who, KeyListPolicy::Who::Local); // the default
    }

    void loopback_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << "127.0.0.1" << true;
        QTest::newRow("127.255.1.2 (all of 127/8)") << "127.255.1.2" << true;
        QTest::newRow("::1") << "::1" << true;
        QTest::newRow("::ffff:127.0.0.1 (IPv4 on a dual-stack socket)") << "::ffff:127.0.0.1" << true;
        QTest::newRow("128.0.0.1") << "128.0.0.1" << false;
        QTest::newRow("126.255.255.255") << "126.255.255.255" << false;
        QTest::newRow("192.0.2.2") << "192.0.2.2" << false;
        QTest::newRow("0.0.0.0") << "0.0.0.0" << false;
        QTest::newRow("::ffff:192.0.2.2") << "::ffff:192.0.2.2" << false;
        QTest::newRow("::2") << "::2" << false;
        QTest::newRow("fe80::1") << "fe80::1" << false;
        QTest::newRow("2001:db8::1") << "2001:db8::1" << false;
        QTest::newRow("unparsable") << "not an address" << false;
    }

    void loopback()
    {
        QFETCH(QString, address);
        QFETCH(bool, loopback);
        const QHostAddress peer(address);
        QCOMPARE(KeyListPolicy::isLoopback(peer), loopback);
        QCOMPARE(KeyListPolicy{KeyListPolicy::Who::Local}.allows(peer), loopback);
        QVERIFY(KeyListPolicy{KeyListPolicy::Who::Anyone}.allows(peer));
        QVERIFY(!KeyListPolicy{KeyListPolicy::Who::Nobody}.allows(peer));
    }

    void refusalsSayWhy()
    {
        QVERIFY(
            KeyListPolicy{KeyListPolicy::Who::Nobody}.refusal().contains(QLatin1String("--list-keys off")));
        QVERIFY(
            KeyListPolicy{KeyListPolicy::Who::Local}.refusal().contains(QLatin1String("--list-keys local")));
    }
};

QTEST_APPLESS_MAIN(TestKeyListPolicy)
#include "tst_keylistpolicy.moc"
