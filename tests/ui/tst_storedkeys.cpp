// The "Stored here" panel (issue 20): its model under QAbstractItemModelTester while pages come
// in, are merged into another sort order and filtered; the dock against a real opendht-gateway
// (every key listed, known keys shown by their text, filter, click opens) and against a stock
// `dhtnode --proxyserver`, which the panel says cannot list.
#include "UiTestSupport.h"
#include "support/GatewayProcess.h"
#include "support/GatewaySeed.h"
#include "support/LoneStockProxy.h"

#include "ui/keys/BookmarksModel.h"
#include "ui/keys/KeyHistory.h"
#include "ui/storedkeys/StoredKeysFilter.h"
#include "ui/storedkeys/StoredKeysModel.h"
#include "ui/storedkeys/StoredKeysPanel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QUdpSocket>

#include <csignal>
#include <functional>
#include <limits>
#include <sys/prctl.h>

namespace {

constexpr int eventDeadlineMs = 30000;
constexpr int keyCount = 300;

StoredKeyInfo info(int i, int values, qint64 bytes)
{
    const QByteArray name = QByteArray("key ") + QByteArray::number(i);
    return {QCryptographicHash::hash(name, QCryptographicHash::Sha1), values, bytes, 1700000000000 + i, 0};
}

QVector<StoredKeyInfo> byHash(QVector<StoredKeyInfo> keys)
{
    std::sort(keys.begin(), keys.end(),
              [](const StoredKeyInfo& a, const StoredKeyInfo& b) { return a.key20 < b.key20; });
    return keys;
}

QString keyName(int i)
{
    return QStringLiteral("tst_storedkeys %1").arg(i);
}

} // namespace

class TestStoredKeys : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<GatewayProcess> m_gateway;

    // REST puts of one value under each key named keyName(i).
    bool putValues(int count)
    {
        return seedGateway(m_gateway->url(), count, [](int i) {
            return SeedValue{KnownKeys::Key::parse(keyName(i), KnownKeys::Key::Mode::Text).infoHashHex(),
                             QByteArrayLiteral("value")};
        });
    }

    static bool waitListed(StoredKeysPanel& dock)
    {
        QSignalSpy finished(&dock, &StoredKeysPanel::listingFinished);
        return finished.wait(eventDeadlineMs);
    }

private slots:
    void initTestCase()
    {
        uitest::isolate(QStringLiteral("tst_storedkeys"));
        uitest::forgetKeySettings();
        m_gateway = std::make_unique<GatewayProcess>();
        QString error;
        QVERIFY2(m_gateway->start(&error), qPrintable(error));
        QVERIFY(putValues(keyCount));
    }

    void modelMergesPagesIntoAnySortOrder()
    {
        StoredKeysModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        StoredKeysFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(&filter,
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVector<StoredKeyInfo> all;
        for (int i = 0; i < 400; ++i)
            all << info(i, 1 + i % 7, 1000 - i);
        all = byHash(all);
        model.appendKeys(all.mid(0, 100)); // hash order: appended
        QCOMPARE(model.rowCount(), 100);
        const QPersistentModelIndex held = model.index(42, StoredKeysModel::KeyColumn);
        const QString heldHash = held.data(StoredKeysModel::HashRole).toString();
        model.sort(StoredKeysModel::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(held.data(StoredKeysModel::HashRole).toString(), heldHash); // followed its row
        model.appendKeys(all.mid(100, 150));                                 // merged into the size order
        model.appendKeys(all.mid(250));
        QCOMPARE(model.rowCount(), 400);
        QCOMPARE(held.data(StoredKeysModel::HashRole).toString(), heldHash);
        QSet<QString> hashes;
        for (int row = 0; row < model.rowCount(); ++row)
            hashes.insert(model.index(row, 0).data(StoredKeysModel::HashRole).toString());
        QCOMPARE(hashes.size(), 400); // each once
        // Sizes go down, row after row (1000 - i, all different).
        for (int row = 1; row < model.rowCount(); ++row) {
            const QString above = model.index(row - 1, 0).data(StoredKeysModel::HashRole).toString();
            const QString here = model.index(row, 0).data(StoredKeysModel::HashRole).toString();
            qint64 bytesAbove = 0, bytesHere = 0;
            for (const StoredKeyInfo& k : all) {
                if (k.key20.toHex() == above.toLatin1())
                    bytesAbove = k.bytes;
                if (k.key20.toHex() == here.toLatin1())
                    bytesHere = k.bytes;
            }
            QVERIFY2(bytesAbove > bytesHere, qPrintable(QStringLiteral("row %1").arg(row)));
        }
        // A hash prefix filters; a prefix of no key shows nothing; clearing shows all.
        const QString prefix = heldHash.left(3).toUpper();
        filter.setFilterText(prefix);
        QVERIFY(filter.rowCount() >= 1);
        for (int row = 0; row < filter.rowCount(); ++row)
            QVERIFY(
                filter.index(row, 0).data(StoredKeysModel::HashRole).toString().startsWith(prefix.toLower()));
        filter.setFilterText(QStringLiteral("no such text"));
        QCOMPARE(filter.rowCount(), 0);
        filter.setFilterText({});
        QCOMPARE(filter.rowCount(), 400);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    // Every column, both ways, over rows with many equal figures: the order a user reads is the
    // column's, equal figures by hash (the same after any header click), and held rows follow.
    void sortsEveryColumnBothWays()
    {
        StoredKeysModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        KnownKeys known;
        QHash<QString, StoredKeyInfo> byHex;
        QVector<StoredKeyInfo> all;
        for (int i = 0; i < 300; ++i) {
            StoredKeyInfo k = info(i, 1 + i % 5, 100 * (i % 7));
            k.newestMs = 1700000000000 + (i % 3) * 1000;
            all << k;
            byHex.insert(QString::fromLatin1(k.key20.toHex()), k);
        }
        const KnownKeys::Key named =
            KnownKeys::Key::parse(QStringLiteral("zz named"), KnownKeys::Key::Mode::Text);
        known.add(named, named.input());
        const KnownKeys::Key other =
            KnownKeys::Key::parse(QStringLiteral("aa named"), KnownKeys::Key::Mode::Text);
        known.add(other, other.input());
        for (const KnownKeys::Key& k : {named, other}) {
            all << StoredKeyInfo{k.infoHash(), 3, 300, 1700000001000, 0};
            byHex.insert(k.infoHashHex(), all.last());
        }
        model.setKnown(known);
        model.appendKeys(byHash(all));
        const QPersistentModelIndex held = model.index(17, 0);
        const QString heldHash = held.data(StoredKeysModel::HashRole).toString();
        using Figure = std::function<qint64(const StoredKeyInfo&)>;
        const QList<QPair<int, Figure>> columns{
            {StoredKeysModel::ValuesColumn, [](const StoredKeyInfo& k) { return qint64(k.values); }},
            {StoredKeysModel::SizeColumn, [](const StoredKeyInfo& k) { return k.bytes; }},
            {StoredKeysModel::AgeColumn, [](const StoredKeyInfo& k) { return -k.newestMs; }}};
        for (const auto& [column, figure] : columns) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                model.sort(column, order);
                QCOMPARE(held.data(StoredKeysModel::HashRole).toString(), heldHash);
                for (int row = 1; row < model.rowCount(); ++row) {
                    const StoredKeyInfo a =
                        byHex.value(model.index(row - 1, 0).data(StoredKeysModel::HashRole).toString());
                    const StoredKeyInfo b =
                        byHex.value(model.index(row, 0).data(StoredKeysModel::HashRole).toString());
                    const bool up = order == Qt::AscendingOrder;
                    const bool inOrder =
                        figure(a) != figure(b) ? (figure(a) < figure(b)) == up : (a.key20 < b.key20) == up;
                    QVERIFY2(inOrder, qPrintable(QStringLiteral("column %1 row %2").arg(column).arg(row)));
                }
            }
        }
        // The key column: known texts first in their order, then the others by hash.
        model.sort(StoredKeysModel::KeyColumn, Qt::AscendingOrder);
        QCOMPARE(model.index(0, 0).data().toString(), other.input());
        QCOMPARE(model.index(1, 0).data().toString(), named.input());
        for (int row = 3; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1, 0).data(StoredKeysModel::HashRole).toString() <
                    model.index(row, 0).data(StoredKeysModel::HashRole).toString());
        model.sort(StoredKeysModel::KeyColumn, Qt::DescendingOrder);
        QCOMPARE(model.index(model.rowCount() - 1, 0).data().toString(), other.input());
        QCOMPARE(model.index(model.rowCount() - 2, 0).data().toString(), named.input());
        QCOMPARE(held.data(StoredKeysModel::HashRole).toString(), heldHash);
    }

    // From asyncSortRows rows a sort runs in a thread of its own: the rows stay as they were until
    // it is through, pages that come meanwhile are merged into its result, held rows follow.
    void aLargeSortRunsAsideAndMergesPagesThatCameMeanwhile()
    {
        StoredKeysModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QHash<QString, qint64> bytesOf;
        QVector<StoredKeyInfo> all;
        const int count = StoredKeysModel::asyncSortRows + 2000;
        for (int i = 0; i < count; ++i) {
            all << info(i, 1, (i * 7919) % 100003);
            bytesOf.insert(QString::fromLatin1(all.last().key20.toHex()), all.last().bytes);
        }
        all = byHash(all);
        model.appendKeys(all.mid(0, StoredKeysModel::asyncSortRows));
        const QPersistentModelIndex held = model.index(123, 0);
        const QString heldHash = held.data(StoredKeysModel::HashRole).toString();
        QSignalSpy applied(&model, &StoredKeysModel::sortApplied);
        model.sort(StoredKeysModel::SizeColumn, Qt::AscendingOrder);
        if (model.isSorting()) // else through already (a fast thread): nothing came meanwhile
            model.appendKeys(all.mid(StoredKeysModel::asyncSortRows)); // a page while it sorts
        QVERIFY(applied.size() == 1 || applied.wait(eventDeadlineMs));
        // The page that came meanwhile is shown at once, merged in soon after.
        QTRY_VERIFY_WITH_TIMEOUT(!model.isSorting(), eventDeadlineMs);
        if (model.rowCount() < count)
            model.appendKeys(all.mid(StoredKeysModel::asyncSortRows)); // merged into the size order
        QCOMPARE(model.rowCount(), count);
        QCOMPARE(held.data(StoredKeysModel::HashRole).toString(), heldHash);
        QSet<QString> seen;
        qint64 last = -1;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString hash = model.index(row, 0).data(StoredKeysModel::HashRole).toString();
            seen.insert(hash);
            QVERIFY2(bytesOf.value(hash) >= last, qPrintable(QStringLiteral("row %1").arg(row)));
            last = bytesOf.value(hash);
        }
        QCOMPARE(seen.size(), count);
        // A clear while a sort runs drops its result: the rows listed again are in the order of
        // the sort asked after them (the stale result arrives first, then that sort runs).
        model.sort(StoredKeysModel::ValuesColumn, Qt::DescendingOrder);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        model.appendKeys(all.mid(0, StoredKeysModel::asyncSortRows));
        applied.clear();
        model.sort(StoredKeysModel::SizeColumn, Qt::DescendingOrder);
        QVERIFY(applied.size() == 1 || applied.wait(eventDeadlineMs));
        QCOMPARE(model.rowCount(), StoredKeysModel::asyncSortRows);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(bytesOf.value(model.index(row - 1, 0).data(StoredKeysModel::HashRole).toString()) >=
                    bytesOf.value(model.index(row, 0).data(StoredKeysModel::HashRole).toString()));
    }

    // Among many rows sorted by another column than the key, pages (in hash order) are shown at
    // the end at once and merged into the order aside: pages that came together cost one change
    // of layout, not one each, and the rows end in order, each once, held rows followed.
    void pagesOutOfOrderAmongManyAreMergedAside()
    {
        StoredKeysModel model;
        QHash<QString, qint64> bytesOf;
        QVector<StoredKeyInfo> all;
        const int count = StoredKeysModel::asyncSortRows + 10000;
        for (int i = 0; i < count; ++i) {
            all << info(i, 1, (i * 7919) % 100003);
            bytesOf.insert(QString::fromLatin1(all.last().key20.toHex()), all.last().bytes);
        }
        all = byHash(all);
        const int first = StoredKeysModel::asyncSortRows;
        model.appendKeys(all.mid(0, first));
        QSignalSpy applied(&model, &StoredKeysModel::sortApplied);
        model.sort(StoredKeysModel::SizeColumn, Qt::DescendingOrder);
        QVERIFY(applied.size() == 1 || applied.wait(eventDeadlineMs));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isSorting(), eventDeadlineMs);
        const QPersistentModelIndex held = model.index(321, 0);
        const QString heldHash = held.data(StoredKeysModel::HashRole).toString();
        QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
        for (int at = first; at < count; at += 1000) {
            model.appendKeys(all.mid(at, 1000));
            QCOMPARE(model.rowCount(), std::min(count, at + 1000)); // shown at once
        }
        QVERIFY(model.isSorting());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isSorting(), eventDeadlineMs);
        QCOMPARE(layouts.size(), 1);
        QCOMPARE(held.data(StoredKeysModel::HashRole).toString(), heldHash);
        QSet<QString> seen;
        qint64 last = std::numeric_limits<qint64>::max();
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString hash = model.index(row, 0).data(StoredKeysModel::HashRole).toString();
            seen.insert(hash);
            QVERIFY2(bytesOf.value(hash) <= last, qPrintable(QStringLiteral("row %1").arg(row)));
            last = bytesOf.value(hash);
        }
        QCOMPARE(seen.size(), count);
    }

    // The gateway's presence record (every opendht-gateway puts it as it starts) is listed as
    // the gateway's: by its text, dimmed, with a tooltip that says so, after the user's keys in
    // the key column; it is not counted among the user's.
    void theGatewaysPresenceIsShownAsTheGateways()
    {
        StoredKeysModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        KnownKeys known;
        const KnownKeys::Key mine =
            KnownKeys::Key::parse(QStringLiteral("zzz mine"), KnownKeys::Key::Mode::Text);
        const KnownKeys::Key presence =
            KnownKeys::Key::parse(QStringLiteral("opendht-gateway/keepers/v1"), KnownKeys::Key::Mode::Text);
        known.add(mine, mine.input());
        known.addGatewayOwn(presence);
        model.setKnown(known);
        model.appendKeys(byHash({info(1, 1, 10),
                                 {presence.infoHash(), 1, 90, 1700000000000, 0},
                                 {mine.infoHash(), 2, 20, 1700000000000, 0},
                                 info(2, 1, 10)}));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.gatewayOwnRows(), 1);
        QCOMPARE(model.index(0, StoredKeysModel::KeyColumn).data().toString(), mine.input());
        const QModelIndex own = model.index(1, StoredKeysModel::KeyColumn);
        QCOMPARE(own.data().toString(), presence.input());
        QCOMPARE(own.data(StoredKeysModel::HashRole).toString(), presence.infoHashHex());
        QVERIFY(own.data(StoredKeysModel::GatewayOwnRole).toBool());
        QVERIFY(!model.index(0, 0).data(StoredKeysModel::GatewayOwnRole).toBool());
        // Dimmed in every column; the user's rows keep the view's colour.
        for (int column = 0; column < StoredKeysModel::ColumnCount; ++column)
            QCOMPARE(model.index(1, column).data(Qt::ForegroundRole).value<QBrush>().color(),
                     QGuiApplication::palette().color(QPalette::PlaceholderText));
        QVERIFY(!model.index(0, 0).data(Qt::ForegroundRole).isValid());
        const QString tip = own.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("presence record")) && !tip.contains(QLatin1String("Known to")),
                 qPrintable(tip));
        QCOMPARE(model.keyAt(1).input(), presence.input()); // it opens as any key does
        model.clear();
        QCOMPARE(model.gatewayOwnRows(), 0);
    }

    void knownKeysShowTheirTextAndSortFirst()
    {
        StoredKeysModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        KnownKeys known;
        const KnownKeys::Key key =
            KnownKeys::Key::parse(QStringLiteral("<b>bold</b> text"), KnownKeys::Key::Mode::Text);
        known.add(key, key.input());
        model.setKnown(known);
        QVector<StoredKeyInfo> keys{
            info(1, 1, 10), info(2, 1, 10), {key.infoHash(), 2, 20, 1700000000000, 1}};
        model.appendKeys(byHash(keys));
        QCOMPARE(model.index(0, StoredKeysModel::KeyColumn).data().toString(), key.input());
        QCOMPARE(model.keyAt(0).mode(), KnownKeys::Key::Mode::Text);
        QCOMPARE(model.keyAt(0).input(), key.input());
        // Unknown keys open as their hash, in hex mode.
        QCOMPARE(model.keyAt(1).mode(), KnownKeys::Key::Mode::Hex);
        QCOMPARE(model.keyAt(1).infoHashHex(), model.index(1, 0).data(StoredKeysModel::HashRole).toString());
        // Plain text in the tooltip: the markup is shown, not rendered.
        const QString tip = model.index(0, 0).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("&lt;b&gt;bold")), qPrintable(tip));
        model.setNow(1700000000000 + 3 * 3600 * 1000);
        QCOMPARE(model.index(0, StoredKeysModel::AgeColumn).data().toString(), QStringLiteral("3 h"));
    }

    void dockListsEveryKeyOfARealGateway()
    {
        KeyHistory history;
        BookmarksModel bookmarks;
        history.add(KnownKeys::Key::parse(keyName(5), KnownKeys::Key::Mode::Text));
        bookmarks.add({QStringLiteral("my bookmark"), keyName(6), KnownKeys::Key::Mode::Text});
        StoredKeysPanel dock(&history, &bookmarks);
        QAbstractItemModelTester tester(dock.filter(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        dock.resize(700, 400);
        dock.setGateway(m_gateway->url());
        QVERIFY(!dock.isListing()); // hidden: nothing asked of the gateway
        dock.show();
        QVERIFY(waitListed(dock));
        const int rows = dock.model()->rowCount();
        QVERIFY2(rows >= keyCount && rows <= keyCount + 1, qPrintable(QString::number(rows))); // + presence
        QVERIFY2(
            dock.status()->text().contains(QStringLiteral("keys stored on %1").arg(m_gateway->authority())),
            qPrintable(dock.status()->text()));
        // Known keys come first, by their text (the bookmark's name with the key).
        QCOMPARE(dock.model()->index(0, 0).data().toString(),
                 QStringLiteral("my bookmark (%1)").arg(keyName(6)));
        QCOMPARE(dock.model()->index(1, 0).data().toString(), keyName(5));
        QCOMPARE(dock.model()->index(1, StoredKeysModel::ValuesColumn).data().toInt(), 1);

        // Filter by known text, then click: the key opens, by its text.
        QTest::keyClicks(dock.filterEdit(), keyName(5));
        QCOMPARE(dock.filter()->rowCount(), 1);
        QSignalSpy open(&dock, &StoredKeysPanel::openRequested);
        const QRect cell = dock.view()->visualRect(dock.filter()->index(0, 0));
        QTest::mouseClick(dock.view()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(open.size(), 1);
        const KnownKeys::Key opened = open.first().first().value<KnownKeys::Key>();
        QCOMPARE(opened.input(), keyName(5));
        QCOMPARE(opened.mode(), KnownKeys::Key::Mode::Text);

        // A hash prefix finds an unknown key.
        const QString hash = KnownKeys::Key::parse(keyName(9), KnownKeys::Key::Mode::Text).infoHashHex();
        dock.filterEdit()->setText(hash.left(12));
        QCOMPARE(dock.filter()->rowCount(), 1);

        // After a put the panel lists again and shows the new key.
        dock.filterEdit()->clear();
        QVERIFY(putValues(keyCount + 1)); // keys 0..keyCount: one new
        dock.refreshSoon();
        QVERIFY(waitListed(dock));
        dock.filterEdit()->setText(
            KnownKeys::Key::parse(keyName(keyCount), KnownKeys::Key::Mode::Text).infoHashHex());
        QCOMPARE(dock.filter()->rowCount(), 1);
        QVERIFY(dock.model()->rowCount() >= keyCount + 1);
    }

    void aStockProxyIsSaidToNotList()
    {
        lonestock::LoneStockProxy proxy;
        QVERIFY2(proxy.waitAnswering(), "the stock proxy did not answer");
        KeyHistory history;
        BookmarksModel bookmarks;
        StoredKeysPanel dock(&history, &bookmarks);
        dock.show();
        dock.setGateway(proxy.url());
        QVERIFY(waitListed(dock));
        QCOMPARE(dock.model()->rowCount(), 0);
        const QString said = dock.status()->text();
        QVERIFY2(said.contains(QLatin1String("does not show the keys it stores")) &&
                     said.contains(QLatin1String("cannot list")),
                 qPrintable(said));
        QCOMPARE(dock.status()->textFormat(), Qt::PlainText);
    }

    void cleanupTestCase() { m_gateway.reset(); }
};

QTEST_MAIN(TestStoredKeys)
#include "tst_storedkeys.moc"
