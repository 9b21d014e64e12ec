// InputCheck: the one set of checks of the user's input, field by field and for a whole call.
#include "core/backend/InputCheck.h"
#include "core/backend/PlainValue.h"
#include "core/dht/DhtLimits.h"

#include <QTest>

class TstInputCheck : public QObject
{
    Q_OBJECT

private slots:
    void valueAtTheLimitFitsOneMoreDoesNot()
    {
        QVERIFY(!InputCheck::value(QByteArray(DhtLimits::maxValueBytes, 'v')).isError());
        const GatewayError e = InputCheck::value(QByteArray(DhtLimits::maxValueBytes + 1, 'v'));
        QCOMPARE(e.kind, GatewayError::Kind::ValueTooLong);
        QCOMPARE(e.message, QStringLiteral("the value is 1025 bytes; at most 1024 fit"));
        QCOMPARE(InputCheck::sentence(e), QStringLiteral("The value is 1025 bytes; at most 1024 fit."));
    }

    void secretIsOptionalForAPutRequiredForARemoval()
    {
        QVERIFY(!InputCheck::secret({}, false).isError());
        QCOMPARE(InputCheck::secret({}, true).kind, GatewayError::Kind::BadSecret);
        QVERIFY(!InputCheck::secret(QByteArray(DhtLimits::maxSecretBytes, 's'), true).isError());
        const GatewayError tooLong =
            InputCheck::secret(QByteArray(DhtLimits::maxSecretBytes + 1, 's'), false);
        QCOMPARE(tooLong.message, QStringLiteral("the secret is 41 bytes; it must be 1 to 40"));
    }

    void ttlFromOneSecondToAWeek()
    {
        QVERIFY(!InputCheck::ttl(1).isError());
        QVERIFY(!InputCheck::ttl(DhtLimits::maxTtlSeconds).isError());
        QCOMPARE(InputCheck::ttl(0).kind, GatewayError::Kind::TtlOutOfRange);
        QVERIFY(InputCheck::ttl(DhtLimits::maxTtlSeconds + 1).message.contains(u"604800"));
    }

    void aCallGivesItsFirstProblem()
    {
        const DhtKey key = DhtKey::parse(QStringLiteral("k"), DhtKey::Mode::Text);
        const QByteArray tooLong(DhtLimits::maxValueBytes + 1, 'v');
        QCOMPARE(InputCheck::put(key, tooLong, 0, {}, false).kind, GatewayError::Kind::ValueTooLong);
        QCOMPARE(InputCheck::put(key, "v", 0, {}, false).kind, GatewayError::Kind::TtlOutOfRange);
        QVERIFY(!InputCheck::put(key, "v", 60, {}, false).isError());
        QCOMPARE(InputCheck::remove(key, {}, 60).kind, GatewayError::Kind::BadSecret);
        const DhtKey badHex = DhtKey::parse(QStringLiteral("zz"), DhtKey::Mode::Hex);
        QCOMPARE(InputCheck::put(badHex, tooLong, 0, {}, false).kind, GatewayError::Kind::BadKey);
        // The same words whether the form asks for one field or the backend for the whole put.
        QCOMPARE(InputCheck::put(key, tooLong, 60, {}, false).message, InputCheck::value(tooLong).message);
    }

    void plainValueCountsItsUserType()
    {
        const PlainValue fits{QByteArray(PlainValue::maxBytes - 4, 'v'), 0, QStringLiteral("text")};
        QVERIFY(!InputCheck::plainValue(fits).isError());
        const PlainValue over{QByteArray(PlainValue::maxBytes - 4, 'v'), 0, QStringLiteral("text/plain")};
        QCOMPARE(InputCheck::plainValue(over).kind, GatewayError::Kind::ValueTooLong);
    }
};

QTEST_GUILESS_MAIN(TstInputCheck)
#include "tst_inputcheck.moc"
