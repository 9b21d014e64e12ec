// ValuesModel and ValueFilterProxy: pages of a fetch, merges of a watch, the live TTL countdown
// with an injected clock, expiry, highlights, untrusted text, filtering and sorting.
#include "core/proxy/ProxyValue.h"
#include "ui/values/ValueFilterProxy.h"
#include "ui/values/ValueFormat.h"
#include "ui/values/ValuesModel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QSignalSpy>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTest>
#include <QTextDocument>

namespace {

DhtValue value(const QByteArray& data, int ttl = 3600, const QByteArray& secretHash = {})
{
    DhtValue v;
    v.data = data;
    v.ttlLeft = ttl;
    v.secretHash = secretHash;
    return v;
}

// A value of other software as a proxy lists it: an id, a type, "at most" its type's lifetime.
DhtValue dhtValue(quint64 id, const QByteArray& data, quint16 type = 0)
{
    DhtValue v = value(data, 600);
    v.hasId = true;
    v.id = id;
    v.type = type;
    v.ttlIsUpperBound = true;
    return v;
}

DhtValue encrypted(quint64 id, int cypherBytes)
{
    DhtValue v = dhtValue(id, {});
    auto meta = std::make_shared<DhtValueMeta>();
    meta->cypher = QByteArray(cypherBytes, '\x5a');
    v.meta = meta;
    return v;
}

DhtValue signedValue(quint64 id, const QByteArray& data, qint32 seq,
                     const QByteArray& userType = "text/plain")
{
    DhtValue v = dhtValue(id, data);
    auto meta = std::make_shared<DhtValueMeta>();
    meta->signature = QByteArray(512, 's');
    meta->ownerPem = "-----BEGIN PUBLIC KEY-----\n...";
    meta->ownerId = "918d91360e4f1b3a2c5d6e7f8091a2b3c4d5e6f7";
    meta->seq = seq;
    meta->userType = userType;
    v.meta = meta;
    return v;
}

} // namespace

class TestValuesModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void pagesAppendInOrder();
    void tenThousandValuesInPages();
    void columns();
    void countdown();
    void countdownChangesTtlColumnOnly();
    void expiredValuesGreyThenGo();
    void unknownTtlNeverExpires();
    void mergeAppendsAndRemoves();
    void mergeCountsDuplicates();
    void mergeTakesFreshTtl();
    void highlightEndsAfterHighlightMs();
    void untrustedTextStaysText();
    void filterByText();
    void filterByHex();
    void sortByRawNumbers();
    void metadataColumns();
    void twoEncryptedValuesAreTwoRows();
    void sameIdIsOneRowAndHigherSeqWins();
    void upperBoundCountsFromFirstSight();
    void upperBoundPassedStaysUntilGone();
    void filterByTypeAndOwner();
    void encryptedAndDecryptedRowsInTheTable();
    void permanentFlagWhereKnown();

private:
    QString text(int row, int column, int role = Qt::DisplayRole) const
    {
        return m_model->data(m_model->index(row, column), role).toString();
    }
    void advance(int seconds)
    {
        m_now = m_now.addSecs(seconds);
        m_model->tick();
    }

    QDateTime m_now;
    ValuesModel* m_model = nullptr;
    ValueFilterProxy* m_proxy = nullptr;
};

void TestValuesModel::init()
{
    m_now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    m_model = new ValuesModel(this);
    m_model->setClock([this] { return m_now; });
    m_model->setTimerEnabled(false); // the test moves time itself
    m_proxy = new ValueFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->sort(ValuesModel::Index);
    // The testers re-check every row at each change: left out where the point is 10 000 rows.
    if (qstrcmp(QTest::currentTestFunction(), "tenThousandValuesInPages") != 0) {
        new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_model);
        new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_proxy);
    }
}

void TestValuesModel::cleanup()
{
    delete m_proxy;
    delete m_model;
}

void TestValuesModel::pagesAppendInOrder()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    for (int page = 0; page < 20; ++page) {
        QList<DhtValue> values;
        for (int i = 0; i < 100; ++i)
            values << value(QByteArray::number(page * 100 + i));
        m_model->appendValues(values);
    }
    QCOMPARE(m_model->count(), 2000);
    QCOMPARE(inserted.size(), 20);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(text(0, ValuesModel::Index), QStringLiteral("1"));
    QCOMPARE(text(1999, ValuesModel::Index), QStringLiteral("2000"));
    QCOMPARE(text(1234, ValuesModel::Preview), QStringLiteral("1234"));
    QCOMPARE(m_model->valueAt(1234).data, QByteArray("1234"));
    QCOMPARE(m_proxy->rowCount(), 2000);
    m_model->clear();
    QCOMPARE(m_model->count(), 0);
}

void TestValuesModel::tenThousandValuesInPages()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    for (int page = 0; page < 100; ++page) {
        QList<DhtValue> values;
        for (int i = 0; i < 100; ++i)
            values << value(QByteArray::number(page * 100 + i), page % 2 == 0 ? 60 : 3600);
        m_model->appendValues(values);
    }
    QCOMPARE(m_model->count(), 10000);
    QCOMPARE(inserted.size(), 100); // one insertion per page, no resets, nothing else
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(text(9999, ValuesModel::Index), QStringLiteral("10000"));
    QCOMPARE(m_proxy->rowCount(), 10000);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy expired(m_model, &ValuesModel::expired);
    advance(62); // every other page has gone past its grace: 50 runs of rows removed
    QCOMPARE(m_model->count(), 5000);
    QCOMPARE(removed.size(), 50);
    QCOMPARE(expired.size(), 1);
    QCOMPARE(expired.first().first().toInt(), 5000);
    QCOMPARE(m_model->valueAt(0).data, QByteArray("100"));
    QCOMPARE(m_model->valueAt(100).data, QByteArray("300"));
    QCOMPARE(m_proxy->rowCount(), 5000);
}

void TestValuesModel::columns()
{
    DhtValue removable = value("twelve bytes", 60, QByteArray(20, '\x01'));
    removable.application = QStringLiteral("put.py");
    m_model->setValues({removable, value("x", 60, QByteArray(20, '\0'))});
    QCOMPARE(m_model->columnCount(), int(ValuesModel::ColumnCount));
    QCOMPARE(text(0, ValuesModel::Size), QStringLiteral("12 B"));
    QCOMPARE(text(0, ValuesModel::Flags), QStringLiteral("removable"));
    QCOMPARE(text(1, ValuesModel::Flags), QString());
    QVERIFY(text(1, ValuesModel::Flags, Qt::ToolTipRole).contains(QStringLiteral("nobody can remove it")));
    QCOMPARE(text(0, ValuesModel::Application), QStringLiteral("put.py"));
    QCOMPARE(text(1, ValuesModel::Application), QString());
    QCOMPARE(m_model->headerData(ValuesModel::Ttl, Qt::Horizontal).toString(), QStringLiteral("TTL"));
    QCOMPARE(m_model->data(m_model->index(0, 0), ValuesModel::BytesRole).toByteArray(),
             QByteArray("twelve bytes"));
}

void TestValuesModel::countdown()
{
    const int days = 2 * 86400 + 3 * 3600 + 14 * 60 + 15;
    m_model->setValues({value("hour", 3600), value("days", days), value("bound", 600)});
    DhtValue bound = value("bound", 600);
    bound.ttlIsUpperBound = true;
    m_model->mergeValues({value("hour", 3600), value("days", days), bound}, false);
    for (int i = 0; i < 10; ++i)
        advance(1);
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("59:50"));
    QCOMPARE(m_model->data(m_model->index(0, ValuesModel::Ttl), ValuesModel::SortRole).toLongLong(), 3590);
    QCOMPARE(text(1, ValuesModel::Ttl), QStringLiteral("2 d 03:14:05"));
    QCOMPARE(text(2, ValuesModel::Ttl), QStringLiteral("≤ 09:50"));

    // The tooltip gives the absolute local expiry time.
    const QDateTime expiry = m_now.addSecs(3590);
    QCOMPARE(m_model->expiresAt(0), expiry);
    QCOMPARE(m_model->data(m_model->index(0, 0), ValuesModel::ExpiresAtRole).toDateTime(), expiry);
    const QString when = QLocale().toString(expiry.toLocalTime(), QLocale::LongFormat);
    QVERIFY2(text(0, ValuesModel::Ttl, Qt::ToolTipRole).contains(when.toHtmlEscaped()),
             qPrintable(text(0, ValuesModel::Ttl, Qt::ToolTipRole)));
}

void TestValuesModel::countdownChangesTtlColumnOnly()
{
    m_model->setValues({value("a", 3600), value("b", 7200)});
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    advance(1);
    QCOMPARE(changed.size(), 1);
    const auto topLeft = changed.first().at(0).value<QModelIndex>();
    const auto bottomRight = changed.first().at(1).value<QModelIndex>();
    QCOMPARE(topLeft.column(), int(ValuesModel::Ttl));
    QCOMPARE(bottomRight.column(), int(ValuesModel::Ttl));
    QCOMPARE(topLeft.row(), 0);
    QCOMPARE(bottomRight.row(), 1);
    QCOMPARE(reset.size(), 0);
}

void TestValuesModel::expiredValuesGreyThenGo()
{
    m_model->setValues({value("short", 5), value("long", 3600)});
    QSignalSpy expired(m_model, &ValuesModel::expired);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    advance(4);
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("00:01"));
    QVERIFY(!m_model->data(m_model->index(0, 0), Qt::ForegroundRole).isValid());
    advance(1);
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("expired"));
    const QBrush greyed = QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    QCOMPARE(m_model->data(m_model->index(0, ValuesModel::Preview), Qt::ForegroundRole).value<QBrush>(),
             greyed);
    QCOMPARE(m_model->count(), 2);
    advance(1); // still within the grace
    QCOMPARE(m_model->count(), 2);
    QCOMPARE(expired.size(), 0);
    advance(1);
    QCOMPARE(m_model->count(), 1);
    QCOMPARE(m_model->valueAt(0).data, QByteArray("long"));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(expired.size(), 1);
    QCOMPARE(expired.first().first().toInt(), 1);
    QCOMPARE(m_proxy->rowCount(), 1);
}

void TestValuesModel::unknownTtlNeverExpires()
{
    m_model->setValues({value("unknown", -1)});
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("unknown"));
    QVERIFY(!m_model->expiresAt(0).isValid());
    advance(365 * 86400);
    QCOMPARE(m_model->count(), 1);
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("unknown"));
}

void TestValuesModel::mergeAppendsAndRemoves()
{
    m_model->setValues({value("a"), value("b"), value("c")});
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->mergeValues({value("c"), value("a"), value("d")}, false);
    QCOMPARE(m_model->count(), 3);
    QCOMPARE(m_model->valueAt(0).data, QByteArray("a")); // rows keep their place
    QCOMPARE(m_model->valueAt(1).data, QByteArray("c"));
    QCOMPARE(m_model->valueAt(2).data, QByteArray("d"));
    QCOMPARE(text(2, ValuesModel::Index), QStringLiteral("4"));
    QCOMPARE(m_model->data(m_model->index(2, 0), ValuesModel::IsNewRole).toBool(), false);
    QCOMPARE(reset.size(), 0);
    // Same bytes with another secret is another value.
    m_model->mergeValues({value("c"), value("a"), value("d"), value("a", 3600, QByteArray(20, 's'))}, false);
    QCOMPARE(m_model->count(), 4);
    m_model->mergeValues({}, false);
    QCOMPARE(m_model->count(), 0);
}

void TestValuesModel::mergeCountsDuplicates()
{
    m_model->setValues({value("same"), value("other")});
    m_model->mergeValues({value("same"), value("other"), value("same"), value("same")}, true);
    QCOMPARE(m_model->count(), 4);
    QCOMPARE(m_model->valueAt(2).data, QByteArray("same"));
    QCOMPARE(m_model->valueAt(3).data, QByteArray("same"));
    QVERIFY(!m_model->data(m_model->index(0, 0), ValuesModel::IsNewRole).toBool());
    QVERIFY(m_model->data(m_model->index(3, 0), ValuesModel::IsNewRole).toBool());
    m_model->mergeValues({value("other"), value("same")}, true);
    QCOMPARE(m_model->count(), 2);
}

void TestValuesModel::mergeTakesFreshTtl()
{
    m_model->setValues({value("a", 100)});
    advance(50);
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("00:50"));
    m_model->mergeValues({value("a", 3000)}, true);
    QCOMPARE(m_model->count(), 1);
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("50:00"));
    QVERIFY(!m_model->data(m_model->index(0, 0), ValuesModel::IsNewRole).toBool());
    m_model->mergeValues({value("a", -1)}, true); // a watch that says nothing about TTLs
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("50:00"));
    // The model's own values merged back (as a put adds one) keep counting down where they were.
    advance(30);
    QCOMPARE(m_model->valueAt(0).ttlLeft, 2970);
    for (int i = 0; i < 3; ++i) {
        m_now = m_now.addMSecs(400);
        m_model->mergeValues({m_model->valueAt(0), value("b")}, true);
        m_model->tick();
    }
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("49:29"));
}

void TestValuesModel::highlightEndsAfterHighlightMs()
{
    m_model->setValues({value("old")});
    m_model->mergeValues({value("old"), value("new")}, true);
    const QModelIndex fresh = m_model->index(1, ValuesModel::Preview);
    QVERIFY(m_model->data(fresh, ValuesModel::IsNewRole).toBool());
    QVERIFY(m_model->data(fresh, Qt::FontRole).value<QFont>().bold());
    QVERIFY(m_model->data(fresh, Qt::BackgroundRole).isValid());
    QVERIFY(!m_model->data(m_model->index(0, 0), Qt::BackgroundRole).isValid());
    // Not like a selection: another hue than the palette's Highlight, and a mark in the # column.
    const QColor tint = m_model->data(fresh, Qt::BackgroundRole).value<QBrush>().color();
    const QColor selection = QGuiApplication::palette().color(QPalette::Highlight);
    QVERIFY2(std::abs(tint.hslHue() - selection.hslHue()) > 60,
             qPrintable(tint.name() + u' ' + selection.name()));
    QCOMPARE(text(1, ValuesModel::Index), QStringLiteral("● 2"));
    QCOMPARE(m_model->highlightMs(), 10000);
    advance(9);
    QVERIFY(m_model->data(fresh, ValuesModel::IsNewRole).toBool());
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    advance(1);
    QVERIFY(!m_model->data(fresh, ValuesModel::IsNewRole).toBool());
    QVERIFY(!m_model->data(fresh, Qt::BackgroundRole).isValid());
    QVERIFY(!m_model->data(fresh, Qt::FontRole).isValid());
    QCOMPARE(text(1, ValuesModel::Index), QStringLiteral("2"));
    bool wholeRow = false; // the view is told to repaint the row
    for (const auto& args : changed) {
        const auto topLeft = args.at(0).value<QModelIndex>(), bottomRight = args.at(1).value<QModelIndex>();
        wholeRow = wholeRow || (topLeft.row() <= 1 && bottomRight.row() >= 1 && topLeft.column() == 0 &&
                                bottomRight.column() == ValuesModel::ColumnCount - 1);
    }
    QVERIFY(wholeRow);

    m_model->setHighlightMs(2000);
    m_model->mergeValues({value("old"), value("new"), value("newer")}, true);
    advance(2);
    QVERIFY(!m_model->data(m_model->index(2, 0), ValuesModel::IsNewRole).toBool());
}

void TestValuesModel::untrustedTextStaysText()
{
    const QByteArray html = "<b>x</b><img src=http://x>";
    DhtValue v = value(html);
    v.application = QStringLiteral("<i>app</i>");
    m_model->setValues({v, value("a\nb\x07\x1b[31m")});
    QCOMPARE(text(0, ValuesModel::Preview), QString::fromUtf8(html));
    const QString tip = text(0, ValuesModel::Preview, Qt::ToolTipRole);
    QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;x&lt;/b&gt;&lt;img src=http://x&gt;")), qPrintable(tip));
    QVERIFY(!tip.contains(QStringLiteral("<b>")) && !tip.contains(QStringLiteral("<img")));
    QVERIFY(Qt::mightBeRichText(tip)); // so that the escapes are read as such, not shown
    QCOMPARE(text(0, ValuesModel::Application), QStringLiteral("<i>app</i>"));
    QVERIFY(!text(0, ValuesModel::Application, Qt::ToolTipRole).contains(QStringLiteral("<i>")));
    QCOMPARE(text(1, ValuesModel::Preview), QStringLiteral("a␊b␇␛[31m"));
    QCOMPARE(text(1, ValuesModel::Preview, Qt::ToolTipRole).count(QStringLiteral("a␊b␇␛[31m")), 1);
}

void TestValuesModel::filterByText()
{
    m_model->setValues({value("Hello there"), value("world"), value("say HELLO"), value("line\nbreak")});
    m_proxy->setFilterText(QStringLiteral("hello"));
    QCOMPARE(m_proxy->rowCount(), 2);
    m_model->appendValues({value("hello again"), value("nope")}); // arriving pages are filtered too
    QCOMPARE(m_proxy->rowCount(), 3);
    m_proxy->setFilterText(QStringLiteral("␊")); // as the table shows a newline
    QCOMPARE(m_proxy->rowCount(), 1);
    m_proxy->setFilterText(QStringLiteral("e\nb"));
    QCOMPARE(m_proxy->rowCount(), 1);
    m_proxy->setFilterText(QString());
    QCOMPARE(m_proxy->rowCount(), 6);
}

void TestValuesModel::filterByHex()
{
    m_model->setValues({value(QByteArray("\x00\xff\x10", 3)), value("ABC"), value("plain")});
    m_proxy->setFilterText(QStringLiteral("00ff"));
    QCOMPARE(m_proxy->rowCount(), 1);
    m_proxy->setFilterText(QStringLiteral("0x41 42"));
    QCOMPARE(m_proxy->rowCount(), 1);
    QCOMPARE(m_proxy->data(m_proxy->index(0, ValuesModel::Preview)).toString(), QStringLiteral("ABC"));
    m_proxy->setFilterText(QStringLiteral("ff1")); // odd number of digits: only text
    QCOMPARE(m_proxy->rowCount(), 0);
}

void TestValuesModel::sortByRawNumbers()
{
    m_model->setValues({value("0123456789", 50), value("012345678", 7200), value("0", -1), value("01", 600)});
    m_proxy->sort(ValuesModel::Size);
    QStringList sizes;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        sizes << m_proxy->data(m_proxy->index(r, ValuesModel::Size)).toString();
    QCOMPARE(sizes, QStringList({QStringLiteral("1 B"), QStringLiteral("2 B"), QStringLiteral("9 B"),
                                 QStringLiteral("10 B")}));
    m_proxy->sort(ValuesModel::Ttl);
    QStringList ttls;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        ttls << m_proxy->data(m_proxy->index(r, ValuesModel::Ttl)).toString();
    QCOMPARE(ttls, QStringList({QStringLiteral("00:50"), QStringLiteral("10:00"), QStringLiteral("02:00:00"),
                                QStringLiteral("unknown")}));
    advance(60); // the first one expires; sorted views stay consistent while it goes
    advance(2);
    QCOMPARE(m_proxy->rowCount(), 3);
}

void TestValuesModel::metadataColumns()
{
    m_model->setValues({signedValue(11303125354130687849ull, "signed-from-B", 3),
                        encrypted(7726679596830946775ull, 1700), dhtValue(1, "cert", 8)});
    QCOMPARE(text(0, ValuesModel::Id), QStringLiteral("11303125354130687849")); // exact, not a double
    QCOMPARE(text(0, ValuesModel::Type), QStringLiteral("0 user data · text/plain"));
    QCOMPARE(text(0, ValuesModel::Flags), QStringLiteral("signed"));
    QCOMPARE(text(0, ValuesModel::Owner), QStringLiteral("918d91360e4f1b3a…"));
    QVERIFY(text(0, ValuesModel::Owner, Qt::ToolTipRole)
                .contains(QStringLiteral("918d91360e4f1b3a2c5d6e7f8091a2b3c4d5e6f7")));
    QCOMPARE(text(0, ValuesModel::Seq), QStringLiteral("3"));
    QCOMPARE(text(1, ValuesModel::Type), QStringLiteral("encrypted"));
    QCOMPARE(text(1, ValuesModel::Flags), QStringLiteral("encrypted"));
    QCOMPARE(text(1, ValuesModel::Size), QStringLiteral("1,700 B")); // the ciphertext's size
    QCOMPARE(text(1, ValuesModel::Seq), QString());
    QCOMPARE(text(2, ValuesModel::Type), QStringLiteral("8 certificate"));
    QCOMPARE(text(2, ValuesModel::Ttl), QStringLiteral("≤ 7 d 00:00:00"));
}

void TestValuesModel::twoEncryptedValuesAreTwoRows()
{
    // Neither has data: they differ only by id, and must not merge into one empty row.
    m_model->setValues({encrypted(1, 1700), encrypted(2, 1700)});
    QCOMPARE(m_model->count(), 2);
    m_model->mergeValues({encrypted(1, 1700), encrypted(2, 1700)}, false);
    QCOMPARE(m_model->count(), 2);
}

void TestValuesModel::sameIdIsOneRowAndHigherSeqWins()
{
    m_model->setValues({signedValue(42, "first", 0)});
    m_model->mergeValues({signedValue(42, "second", 1)}, true);
    QCOMPARE(m_model->count(), 1);
    QCOMPARE(m_model->valueAt(0).data, QByteArray("second"));
    QCOMPARE(text(0, ValuesModel::Seq), QStringLiteral("1"));
    m_model->mergeValues({signedValue(42, "stale", 0)}, true); // a lower seq changes nothing
    QCOMPARE(m_model->valueAt(0).data, QByteArray("second"));
}

void TestValuesModel::upperBoundCountsFromFirstSight()
{
    m_model->setValues({dhtValue(7, "plain")});
    advance(420); // seven minutes later a refetch says "at most 600" again
    m_model->mergeValues({dhtValue(7, "plain")}, false);
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("≤ 03:00"));
    m_model->setValues({dhtValue(7, "plain")}); // a fetch again of the same key, too
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("≤ 03:00"));
}

void TestValuesModel::upperBoundPassedStaysUntilGone()
{
    m_model->setValues({dhtValue(7, "permanent"), dhtValue(8, "other")});
    advance(601);
    advance(5);
    QCOMPARE(m_model->count(), 2); // refreshed by its owner, maybe: not dropped on a guess
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("refreshed?"));
    QVERIFY(text(0, ValuesModel::Ttl, Qt::ToolTipRole).contains(QStringLiteral("Fetch again")));
    // A refetch that lists it starts a new bound; one that does not list it removes it.
    m_model->mergeValues({dhtValue(7, "permanent")}, false);
    QCOMPARE(m_model->count(), 1);
    QCOMPARE(text(0, ValuesModel::Ttl), QStringLiteral("≤ 10:00"));
}

void TestValuesModel::filterByTypeAndOwner()
{
    m_model->setValues({signedValue(1, "a", 0, "urfd-config-1"), dhtValue(2, "b", 8), dhtValue(3, "c")});
    m_proxy->setFilterText(QStringLiteral("urfd-config"));
    QCOMPARE(m_proxy->rowCount(), 1);
    m_proxy->setFilterText(QStringLiteral("certificate"));
    QCOMPARE(m_proxy->rowCount(), 1);
    QCOMPARE(m_proxy->data(m_proxy->index(0, ValuesModel::Preview)).toString(), QStringLiteral("b"));
    m_proxy->setFilterText(QStringLiteral("918D9136")); // an owner's key id, any case
    QCOMPARE(m_proxy->rowCount(), 1);
}

void TestValuesModel::encryptedAndDecryptedRowsInTheTable()
{
    const QByteArray recipient = "918d91360e4f1b3a2c5d6e7f8091a2b3c4d5e6f7";
    DhtValue forSomeone = encrypted(1, 1700);
    auto meta = std::make_shared<DhtValueMeta>(*forSomeone.meta);
    meta->recipientHex = recipient;
    forSomeone.meta = meta;
    DhtValue opened = signedValue(3, "opened by the proxy", 0);
    meta = std::make_shared<DhtValueMeta>(*opened.meta);
    meta->recipientHex = recipient;
    opened.meta = meta;
    m_model->setValues({forSomeone, encrypted(2, 900), opened, dhtValue(4, QByteArray(1200, 'p'))});
    QTableView view;
    view.setModel(m_proxy);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // What the table draws: the delegate's text for each cell of the Value column.
    const auto shown = [&view](int row, int column) {
        const QModelIndex index = view.model()->index(row, column);
        auto* delegate = qobject_cast<QStyledItemDelegate*>(view.itemDelegateForIndex(index));
        return delegate ? delegate->displayText(index.data(), QLocale()) : QStringLiteral("(no delegate)");
    };
    QCOMPARE(shown(0, ValuesModel::Preview),
             QStringLiteral("encrypted for %1 (%2 of ciphertext)")
                 .arg(QString::fromLatin1(recipient), ValueFormat::byteCount(1700)));
    QCOMPARE(
        shown(1, ValuesModel::Preview),
        QStringLiteral("encrypted, recipient unknown (%1 of ciphertext)").arg(ValueFormat::byteCount(900)));
    QCOMPARE(shown(2, ValuesModel::Preview),
             QStringLiteral("decrypted by the gateway (encrypted for %1): opened by the proxy")
                 .arg(QString::fromLatin1(recipient)));
    QCOMPARE(shown(2, ValuesModel::Flags), QStringLiteral("signed, decrypted"));
    QCOMPARE(shown(3, ValuesModel::Preview).left(3), QStringLiteral("ppp"));
    // Sorted by size, the encrypted values count their ciphertext: 19, 900, 1200, 1700 bytes.
    view.sortByColumn(ValuesModel::Size, Qt::AscendingOrder);
    QStringList ids;
    for (int r = 0; r < view.model()->rowCount(); ++r)
        ids << shown(r, ValuesModel::Id);
    QCOMPARE(ids, QStringList(
                      {QStringLiteral("3"), QStringLiteral("2"), QStringLiteral("4"), QStringLiteral("1")}));
}

void TestValuesModel::permanentFlagWhereKnown()
{
    // A gateway that says it keeps a value alive; a stock proxy's line, which never says; a
    // classic item, which lives its exact TTL.
    const auto told = ProxyValue::decode(R"({"data":"aGk=","id":"5","permanent":true,"type":0})");
    QVERIFY2(told.error.isEmpty(), qPrintable(told.error));
    DhtValue kept = dhtValue(5, told.value.data);
    kept.meta = told.value.meta;
    DhtValue classic = value("classic");
    classic.classicItem = true;
    m_model->setValues({kept, dhtValue(6, "unknown"), classic});
    QCOMPARE(text(0, ValuesModel::Flags), QStringLiteral("permanent"));
    QVERIFY(text(0, ValuesModel::Flags, Qt::ToolTipRole).contains(QStringLiteral("Permanent")));
    QCOMPARE(text(1, ValuesModel::Flags), QString());
    QVERIFY(m_model->valueAt(0).permanent() == std::optional(true));
    QVERIFY(!m_model->valueAt(1).permanent()); // unknown, not "no"
    QVERIFY(m_model->valueAt(2).permanent() == std::optional(false));
    QVERIFY(!ProxyValue::decode(R"({"data":"aGk=","id":"5","permanent":1,"type":0})").error.isEmpty());
}

QTEST_MAIN(TestValuesModel)
#include "tst_valuesmodel.moc"
