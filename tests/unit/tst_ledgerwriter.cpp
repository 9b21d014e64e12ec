// The ledger's writer thread (gateway/LedgerWriter): a row is answered once it is committed, on
// the thread that asked, and every row answered is in the file for the next connection to read,
// which is what a restarted gateway does.
#include "gateway/LedgerWriter.h"

#include "core/stored/ClassicItem.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {

ItemLedger::Row row(int i)
{
    classic::Item item;
    item.putTimeUs = QDateTime::currentMSecsSinceEpoch() * 1000 + i;
    item.ttl = 3600;
    item.application = "tst_ledgerwriter";
    item.data = "value " + QByteArray::number(i);
    item.valueHash = QCryptographicHash::hash(item.data, QCryptographicHash::Sha1);
    const QByteArray name = "key " + QByteArray::number(i);
    const QByteArray key20 = QCryptographicHash::hash(name, QCryptographicHash::Sha1);
    return {key20, item.dhtValueId(key20), item.encode(), item.keepUntilUs(), {}, 7};
}

// The rows a ledger opened afresh on path keeps, by their data.
QSet<QByteArray> rowsIn(const QString& path)
{
    ItemLedger ledger;
    QString error;
    if (!ledger.open(path, &error))
        qFatal("%s", qPrintable(error));
    QSet<QByteArray> data;
    for (const ItemLedger::Row& r : ledger.live(QDateTime::currentMSecsSinceEpoch() * 1000))
        data.insert(classic::Item::decode(r.envelope).data);
    return data;
}

QSet<QByteArray> dataOf(int from, int to)
{
    QSet<QByteArray> data;
    for (int i = from; i < to; ++i)
        data.insert("value " + QByteArray::number(i));
    return data;
}

} // namespace

class TestLedgerWriter : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("items-%1.sqlite").arg(++m_run));
        QString error;
        QVERIFY2(m_ledger.open(m_path, &error), qPrintable(error));
    }

    void everyRowAnsweredIsInTheFileAlready()
    {
        constexpr int rows = 3000;
        LedgerWriter writer(&m_ledger);
        writer.start(this);
        int answered = 0, written = 0, elsewhere = 0;
        for (int i = 0; i < rows; ++i) {
            writer.add(row(i), [&](bool ok) {
                ++answered;
                written += ok;
                elsewhere += QThread::currentThread() != thread();
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, rows, 120000);
        QCOMPARE(written, rows);
        QCOMPARE(elsewhere, 0); // on this thread, never the writer's
        // Read while the writer still runs, as after a kill: answered means committed.
        QCOMPARE(rowsIn(m_path), dataOf(0, rows));
    }

    void aRemovalAfterItsAddLeavesNoRow()
    {
        LedgerWriter writer(&m_ledger);
        writer.start(this);
        QVector<ItemLedger::Row> rows;
        for (int i = 0; i < 100; ++i)
            rows.append(row(i));
        int answered = 0;
        for (const ItemLedger::Row& r : rows)
            writer.add(r, [&](bool) { ++answered; });
        for (int i = 0; i < 100; i += 2)
            writer.remove(rows[i].key20, rows[i].id); // before their adds were committed, most
        QTRY_COMPARE_WITH_TIMEOUT(answered, 100, 120000);
        writer.stop();
        QSet<QByteArray> odd;
        for (int i = 1; i < 100; i += 2)
            odd.insert("value " + QByteArray::number(i));
        QCOMPARE(rowsIn(m_path), odd);
    }

    void addNowReturnsOnceCommitted()
    {
        LedgerWriter writer(&m_ledger);
        writer.start(this);
        QVERIFY(writer.addNow(row(1)));
        QCOMPARE(rowsIn(m_path), dataOf(1, 2));
    }

    void stopWritesWhatIsQueued()
    {
        LedgerWriter writer(&m_ledger);
        writer.start(this);
        for (int i = 0; i < 2000; ++i)
            writer.add(row(i), [](bool) {});
        writer.stop(); // as the gateway does when it quits
        QVERIFY(!writer.isRunning());
        QCOMPARE(rowsIn(m_path), dataOf(0, 2000));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_run = 0;
    ItemLedger m_ledger;
};

QTEST_GUILESS_MAIN(TestLedgerWriter)
#include "tst_ledgerwriter.moc"
