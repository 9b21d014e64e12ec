// ValuesStatus: the line above the values table always says what the table holds, whatever
// changed the rows (a put, a watch's merge, an expiry, a removal) and across gateway changes.
// A ValuesModel with an injected clock; the whole window is in tst_windowgateway.
#include "ui/values/ValuesModel.h"
#include "ui/values/ValuesStatus.h"

#include <QSignalSpy>
#include <QTest>

namespace {

const QString first = QStringLiteral("http://127.0.0.1:5851/");
const QString second = QStringLiteral("http://127.0.0.1:5852/");

DhtValue value(const QByteArray& data, int ttl = 3600)
{
    DhtValue v;
    v.data = data;
    v.ttlLeft = ttl;
    return v;
}

QList<DhtValue> values(int n)
{
    QList<DhtValue> out;
    for (int i = 0; i < n; ++i)
        out << value("v" + QByteArray::number(i));
    return out;
}

} // namespace

class TestValuesStatus : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void beforeAnyFetch();
    void fetchPagesThenEnd();
    void putIntoAnEmptyKey();
    void putBesideFetchedValues();
    void watchMergeAddsAndRemoves();
    void expiryRemovesRows();
    void gatewayChangeThenWatchOfTheNewOne();
    void gatewayChangeToNone();
    void cancelledAndFailedCountWhatIsShown();
    void textChangedOnlyWhenTheTextChanges();

private:
    void put(const QByteArray& data, int ttl = 3600)
    {
        QList<DhtValue> all;
        for (int row = 0; row < m_model->count(); ++row)
            all << m_model->valueAt(row);
        all << value(data, ttl);
        m_model->mergeValues(all, true); // what KeyTab does once a put is stored
    }

    QDateTime m_now;
    ValuesModel* m_model = nullptr;
    ValuesStatus* m_status = nullptr;
};

void TestValuesStatus::init()
{
    m_now = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);
    m_model = new ValuesModel(this);
    m_model->setClock([this] { return m_now; });
    m_model->setTimerEnabled(false);
    m_status = new ValuesStatus(m_model, this);
}

void TestValuesStatus::cleanup()
{
    delete m_status;
    delete m_model;
}

void TestValuesStatus::beforeAnyFetch()
{
    QCOMPARE(m_status->text(), QStringLiteral("Press Enter or F5 to fetch the values under this key."));
    put("put before any fetch");
    QCOMPARE(m_status->text(), QStringLiteral("1 value shown; press F5 to fetch every value under this key"));
    m_status->setWaitingForGateway();
    QCOMPARE(m_status->text(), QStringLiteral("1 value shown; no gateway yet: waiting for one to answer…"));
}

void TestValuesStatus::fetchPagesThenEnd()
{
    m_status->setFetching(first);
    QCOMPARE(m_status->text(), QStringLiteral("Fetching from %1…").arg(first));
    m_model->appendValues(values(21));
    m_status->setPages(1);
    QCOMPARE(m_status->text(), QStringLiteral("Fetching… 21 values in 1 page"));
    m_model->appendValues(values(3));
    m_status->setPages(2);
    QCOMPARE(m_status->text(), QStringLiteral("Fetching… 24 values in 2 pages"));
    // A watch's list during a fetch does not end it.
    m_status->setWatched(first);
    QVERIFY(m_status->text().startsWith(QStringLiteral("Fetching")));
    m_status->setFetched(first);
    QCOMPARE(m_status->text(), QStringLiteral("24 values at %1").arg(first));
}

void TestValuesStatus::putIntoAnEmptyKey()
{
    m_status->setFetching(first);
    m_status->setFetched(first);
    QCOMPARE(m_status->text(), QStringLiteral("No values under this key at %1.").arg(first));
    put("the first value");
    QCOMPARE(m_status->text(), QStringLiteral("1 value at %1").arg(first));
}

void TestValuesStatus::putBesideFetchedValues()
{
    m_model->setValues(values(12));
    m_status->setFetched(first);
    QCOMPARE(m_status->text(), QStringLiteral("12 values at %1").arg(first));
    put("the thirteenth");
    QCOMPARE(m_model->count(), 13);
    QCOMPARE(m_status->text(), QStringLiteral("13 values at %1").arg(first));
}

void TestValuesStatus::watchMergeAddsAndRemoves()
{
    m_model->setValues(values(3));
    m_status->setFetched(first);
    m_model->mergeValues(values(5), true); // two new
    m_status->setWatched(first);
    QCOMPARE(m_status->text(), QStringLiteral("5 values at %1").arg(first));
    m_model->mergeValues(values(1), false); // four removed (rm, or gone from the DHT)
    QCOMPARE(m_status->text(), QStringLiteral("1 value at %1").arg(first));
    m_model->mergeValues({}, false);
    QCOMPARE(m_status->text(), QStringLiteral("No values under this key at %1.").arg(first));
}

void TestValuesStatus::expiryRemovesRows()
{
    m_model->setValues({value("short", 10), value("long", 3600)});
    m_status->setFetched(first);
    QCOMPARE(m_status->text(), QStringLiteral("2 values at %1").arg(first));
    m_now = m_now.addSecs(10);
    m_model->tick(); // expired, greyed: still a row
    QCOMPARE(m_status->text(), QStringLiteral("2 values at %1").arg(first));
    m_now = m_now.addMSecs(ValuesModel::graceMs);
    m_model->tick(); // gone
    QCOMPARE(m_model->count(), 1);
    QCOMPARE(m_status->text(), QStringLiteral("1 value at %1").arg(first));
}

void TestValuesStatus::gatewayChangeThenWatchOfTheNewOne()
{
    m_model->setValues(values(8));
    m_status->setFetched(first);
    m_status->setGatewayChanged(second);
    QCOMPARE(m_status->text(),
             QStringLiteral("8 values from the previous gateway; press F5 to fetch from %1").arg(second));
    put("put through the new gateway");
    QCOMPARE(m_status->text(),
             QStringLiteral("9 values from the previous gateway; press F5 to fetch from %1").arg(second));
    // The restarted watch brings the new gateway's whole list.
    m_model->mergeValues(values(12), true);
    m_status->setWatched(second);
    QCOMPARE(m_status->text(), QStringLiteral("12 values at %1").arg(second));
}

void TestValuesStatus::gatewayChangeToNone()
{
    m_model->setValues(values(2));
    m_status->setFetched(first);
    m_status->setGatewayChanged({});
    QCOMPARE(m_status->text(), QStringLiteral("2 values from the previous gateway; waiting for a gateway"));
    m_model->clear();
    QCOMPARE(m_status->text(), QStringLiteral("No gateway yet: waiting for one to answer…"));
    m_status->setGatewayChanged(second);
    QCOMPARE(m_status->text(),
             QStringLiteral("Press F5 to fetch the values under this key from %1").arg(second));

    // A tab that never fetched has nothing from any gateway.
    ValuesModel model;
    ValuesStatus fresh(&model);
    fresh.setGatewayChanged(second);
    QCOMPARE(fresh.text(), QStringLiteral("Press Enter or F5 to fetch the values under this key."));
}

void TestValuesStatus::cancelledAndFailedCountWhatIsShown()
{
    m_status->setFetching(first);
    m_status->setCancelled();
    QCOMPARE(m_status->text(), QStringLiteral("Cancelled before any value came; press F5 to fetch again"));
    m_model->appendValues(values(4));
    QCOMPARE(m_status->text(), QStringLiteral("Cancelled: showing 4 values; press F5 to fetch them all"));
    m_status->setFailed(QStringLiteral("127.0.0.1:5851 refused the connection"));
    QCOMPARE(m_status->text(),
             QStringLiteral("Error: 127.0.0.1:5851 refused the connection · showing 4 values"));
    m_model->clear();
    QCOMPARE(m_status->text(), QStringLiteral("Error: 127.0.0.1:5851 refused the connection"));
}

void TestValuesStatus::textChangedOnlyWhenTheTextChanges()
{
    QSignalSpy changed(m_status, &ValuesStatus::textChanged);
    m_model->setValues(values(2));
    m_status->setFetched(first);
    QCOMPARE(changed.size(), 2); // "2 values shown…", then "2 values at…"
    QCOMPARE(changed.last().first().toString(), m_status->text());
    m_model->tick(); // nothing came or went
    m_status->setWatched(first);
    QCOMPARE(changed.size(), 2);
}

QTEST_MAIN(TestValuesStatus)
#include "tst_valuesstatus.moc"
