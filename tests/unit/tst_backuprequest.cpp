// What one gateway asks another to keep: the request's bytes survive the trip, damage is bounded.
#include "gateway/BackupRequest.h"

#include <QTest>

class TestBackupRequest : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip()
    {
        QByteArray r = BackupRequest::begin();
        QVERIFY(BackupRequest::isEmpty(r));
        const BackupRequest::Entry a{QByteArray(20, 'a'), "first envelope"};
        const BackupRequest::Entry b{QByteArray(20, 'b'), QByteArray(1300, 'x')};
        QVERIFY(BackupRequest::append(r, a));
        QVERIFY(BackupRequest::append(r, b));
        QVERIFY(!BackupRequest::isEmpty(r));
        const auto entries = BackupRequest::decode(r);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].key20, a.key20);
        QCOMPARE(entries[0].envelope, a.envelope);
        QCOMPARE(entries[1].envelope, b.envelope);
    }

    void fillsUpToItsBound()
    {
        QByteArray r = BackupRequest::begin();
        int n = 0;
        while (BackupRequest::append(r, {QByteArray(20, 'k'), QByteArray(1341, 'v')}))
            ++n;
        QVERIFY(r.size() <= BackupRequest::maxBytes);
        QCOMPARE(BackupRequest::decode(r).size(), n);
        QVERIFY(n >= 30);
        QVERIFY(!BackupRequest::append(r, {QByteArray(19, 'k'), "bad key"}));
    }

    void damagedRequestsYieldWhatWasWhole()
    {
        QByteArray r = BackupRequest::begin();
        BackupRequest::append(r, {QByteArray(20, 'a'), "whole"});
        BackupRequest::append(r, {QByteArray(20, 'b'), "cut short"});
        QCOMPARE(BackupRequest::decode(r.left(r.size() - 3)).size(), 1);
        QCOMPARE(BackupRequest::decode("ODKX" + r.mid(4)).size(), 0);
        QCOMPARE(BackupRequest::decode({}).size(), 0);
    }
};

QTEST_APPLESS_MAIN(TestBackupRequest)
#include "tst_backuprequest.moc"
