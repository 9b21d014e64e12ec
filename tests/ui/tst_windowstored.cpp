// The side panel of keys in the window (issues 16 and 20), over a real gateway as a user meets
// it: shown from the first start beside the values with "Stored here" in front, which says how
// to put a first value while the gateway stores nothing; a value put with the real opendht-cli
// is listed (by hash) after Refresh, found by the filter and opened by a click; the key the user
// typed and put to through the window is listed by its text, first, and listed again after the
// put; the history and bookmarks pages open their keys, in the tab already open when there is one;
// the gateway's presence record is shown as its own; a dock not on screen pauses its listing; the
// key bar's bookmark buttons lead to the Bookmarks page.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"
#include "support/GatewaySeed.h"

#include "ui/keys/BookmarksModel.h"
#include "ui/keys/BookmarksPanel.h"
#include "ui/keys/HistoryPanel.h"
#include "ui/put/PutPanel.h"
#include "ui/storedkeys/StoredKeysFilter.h"
#include "ui/storedkeys/StoredKeysModel.h"
#include "ui/storedkeys/StoredKeysPanel.h"
#include "ui/values/ValuesModel.h"
#include "ui/window/DockArrangement.h"
#include "ui/window/KeysDock.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBrush>
#include <QCryptographicHash>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>

#include <functional>

using namespace windowtest;

namespace {
constexpr int eventDeadlineMs = 30000;

bool putThroughThePanel(MainWindow& window, const QString& value)
{
    KeyTab* tab = window.currentTab();
    QSignalSpy done(tab, &KeyTab::putFinished);
    window.putPanel()->valueEdit()->setPlainText(value);
    QTest::mouseClick(window.putPanel()->putButton(), Qt::LeftButton);
    return done.wait(eventDeadlineMs) && done.first().first().toBool();
}

// A put made elsewhere: the real opendht-cli, a text key.
bool putWithTheCli(const QUrl& gateway, const QString& key, const QString& value, QString* output)
{
    QProcess cli;
    cli.setProcessChannelMode(QProcess::MergedChannels);
    cli.start(qEnvironmentVariable("ODB_CLI", QStringLiteral(ODB_CLI_DEFAULT)),
              {QStringLiteral("put"), QStringLiteral("--gateway"), gateway.toString(),
               QStringLiteral("--ttl"), QStringLiteral("10m"), key, value});
    const bool finished = cli.waitForFinished(eventDeadlineMs);
    if (!finished) {
        cli.kill();
        cli.waitForFinished();
    }
    *output = QString::fromLocal8Bit(cli.readAll());
    return finished && cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0;
}

void clickRow(QTableView* view, int row)
{
    const QRect cell = view->visualRect(view->model()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
}

// Wide enough for the side panel beside the values (DockArrangement::compactWidth).
bool makeWide(MainWindow& window)
{
    window.resize(1400, 900);
    return QTest::qWaitFor(
        [&] { return window.size() == QSize(1400, 900) && window.keysDock()->isVisible(); }, 10000);
}

// A window on a fresh gateway, wide (the tests click the panel beside the values).
bool openWide(WindowOnGateway& w, QString* error)
{
    if (!w.open(error))
        return false;
    if (makeWide(*w.window))
        return true;
    *error = QStringLiteral("the window did not become 1400x900 with the Keys dock shown");
    return false;
}

int tabOf(MainWindow& window, const QString& input)
{
    for (int i = 0; i < window.tabs()->count(); ++i) {
        if (auto* tab = qobject_cast<KeyTab*>(window.tabs()->widget(i)); tab && tab->key().input() == input)
            return i;
    }
    return -1;
}

// One REST value under each of `count` keys named after `prefix`, six at a time.
bool putValues(const QUrl& gateway, const QString& prefix, int count)
{
    return seedGateway(
        gateway, count,
        [&](int i) {
            const QByteArray name = (prefix + QString::number(i)).toUtf8();
            return SeedValue{
                QString::fromLatin1(QCryptographicHash::hash(name, QCryptographicHash::Sha1).toHex()), name};
        },
        eventDeadlineMs);
}

// `count` GET / of the gateway one after the other: time in which a listing that goes on would
// have asked for pages, waited for as events.
bool roundTrips(const QUrl& gateway, int count)
{
    QNetworkAccessManager nam;
    for (int i = 0; i < count; ++i) {
        QNetworkRequest request(gateway);
        request.setTransferTimeout(eventDeadlineMs);
        QNetworkReply* reply = nam.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        const bool ok = finished.wait(eventDeadlineMs) && reply->error() == QNetworkReply::NoError;
        delete reply;
        if (!ok)
            return false;
    }
    return true;
}

int rowOfHash(const QAbstractItemModel* model, const QString& hash)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(StoredKeysModel::HashRole).toString() == hash)
            return row;
    }
    return -1;
}

} // namespace

class TestWindowStored : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolate(QStringLiteral("tst_windowstored")); }
    void init() { uitest::clearSettings(); } // each a first start

    void firstStartShowsTheStoredKeys()
    {
        WindowOnGateway w;
        QString error;
        QVERIFY2(w.open(&error), qPrintable(error));
        MainWindow& window = *w.window;
        KeysDock* dock = window.keysDock();
        StoredKeysPanel* stored = window.storedKeysPanel();
        QAbstractItemModelTester tester(stored->filter(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Shown from the start (in front of the docks tabbed in a small window), "Stored here"
        // in front.
        QVERIFY(dock->isVisible());
        QTRY_VERIFY2(!dock->visibleRegion().isEmpty(),
                     qPrintable(QStringLiteral("%1x%2 at %3")
                                    .arg(dock->width())
                                    .arg(dock->height())
                                    .arg(int(window.dockWidgetArea(dock)))));
        QCOMPARE(dock->toggleViewAction()->text(), QStringLiteral("Keys"));
        QCOMPARE(dock->pages()->currentWidget(), stored);
        QCOMPARE(dock->pages()->tabText(KeysDock::StoredPage), QStringLiteral("Stored here"));
        QVERIFY(stored->isVisible());

        // The gateway stores nothing yet: the panel says how to put a first value.
        QTRY_VERIFY_WITH_TIMEOUT(stored->status()->text().contains(QLatin1String("Nothing is stored")),
                                 eventDeadlineMs);
        const QString empty = stored->status()->text();
        QVERIFY2(empty.contains(w.gateway.url().authority()) && empty.contains(QLatin1String("Put a value")),
                 qPrintable(empty));
        QCOMPARE(stored->status()->textFormat(), Qt::PlainText);
        // At most the gateway's own registry of gateways (its presence, put as it starts).
        const QString registry = QString::fromLatin1(
            QCryptographicHash::hash("opendht-gateway/keepers/v1", QCryptographicHash::Sha1).toHex());
        QVERIFY(stored->model()->rowCount() == 0 ||
                (stored->model()->rowCount() == 1 &&
                 stored->model()->index(0, 0).data(StoredKeysModel::HashRole).toString() == registry));
        QVERIFY(makeWide(window)); // the clicks below are on the panel, beside the values

        // A value put with opendht-cli: listed after Refresh, by its hash (this browser never
        // saw the key's text), found by a hash prefix, opened by a click.
        const QString cliKey = QStringLiteral("tst_windowstored from the cli");
        QString said;
        QVERIFY2(putWithTheCli(w.gateway.url(), cliKey, QStringLiteral("a value from the terminal"), &said),
                 qPrintable(said));
        const QString hash =
            QString::fromLatin1(QCryptographicHash::hash(cliKey.toUtf8(), QCryptographicHash::Sha1).toHex());
        QSignalSpy listed(stored, &StoredKeysPanel::listingFinished);
        QTest::mouseClick(stored->refreshButton(), Qt::LeftButton);
        QVERIFY(listed.wait(eventDeadlineMs));
        QVERIFY2(stored->status()->text().contains(QLatin1String("stored on")),
                 qPrintable(stored->status()->text()));
        QVERIFY(stored->model()->rowCount() >= 1); // the gateway's own presence value may be listed too
        QTest::keyClicks(stored->filterEdit(), hash.left(10));
        QCOMPARE(stored->filter()->rowCount(), 1);
        QCOMPARE(stored->filter()->index(0, StoredKeysModel::KeyColumn).data().toString(), hash);
        QCOMPARE(stored->filter()->index(0, StoredKeysModel::ValuesColumn).data().toInt(), 1);
        QTest::keyClicks(stored->filterEdit(), QStringLiteral("0000000000000000000000")); // no such key
        QCOMPARE(stored->filter()->rowCount(), 0);
        stored->filterEdit()->setText(hash.left(10));
        clickRow(stored->view(), 0);
        QVERIFY(window.currentTab());
        QCOMPARE(window.currentTab()->key().infoHashHex(), hash);
        QTRY_VERIFY_WITH_TIMEOUT(window.currentTab()->hasFetched(), eventDeadlineMs);
        QCOMPARE(window.currentTab()->model()->rowCount(), 1);
        // A second click shows the same tab, not another.
        clickRow(stored->view(), 0);
        QCOMPARE(window.tabs()->count(), 1);
    }

    void keysTypedAndPutAreListedByTheirText()
    {
        WindowOnGateway w;
        QString error;
        QVERIFY2(openWide(w, &error), qPrintable(error));
        MainWindow& window = *w.window;
        StoredKeysPanel* stored = window.storedKeysPanel();
        const QString key = QStringLiteral("tst_windowstored key");
        QVERIFY(fetchKey(window, key));
        QSignalSpy listed(stored, &StoredKeysPanel::listingFinished);
        QVERIFY(putThroughThePanel(window, QStringLiteral("a value")));
        // Listed again after the put, the key known by its text (the history), first.
        QTRY_VERIFY_WITH_TIMEOUT(
            stored->model()->rowCount() >= 1 &&
                stored->model()->index(0, StoredKeysModel::KeyColumn).data().toString() == key,
            eventDeadlineMs);
        QCOMPARE(stored->model()->index(0, StoredKeysModel::ValuesColumn).data().toInt(), 1);
        QTest::keyClicks(stored->filterEdit(), QStringLiteral("WINDOWSTORED"));
        QCOMPARE(stored->filter()->rowCount(), 1); // known text, any case
        stored->filterEdit()->clear();

        // With another key in front, a click opens it in a new tab, by its text.
        QVERIFY(fetchKey(window, QStringLiteral("tst_windowstored another key")));
        const int tabs = window.tabs()->count();
        clickRow(stored->view(), 0);
        QCOMPARE(window.tabs()->count(), tabs + 1);
        QCOMPARE(window.currentTab()->key().input(), key);
        QCOMPARE(window.currentTab()->key().mode(), KnownKeys::Key::Mode::Text);

        // A put while the panel is shown lists again: the key now holds two values.
        QVERIFY(QTest::qWaitFor([&] { return window.currentTab()->hasFetched(); }, eventDeadlineMs));
        listed.clear();
        QVERIFY(putThroughThePanel(window, QStringLiteral("another value")));
        QVERIFY(listed.wait(eventDeadlineMs));
        QCOMPARE(stored->model()->index(0, StoredKeysModel::ValuesColumn).data().toInt(), 2);
    }

    // A put made while another page of the panel is in front is listed when the user brings
    // "Stored here" back.
    void aPutMadeWhileAnotherPageIsInFrontIsListedWhenShown()
    {
        WindowOnGateway w;
        QString error;
        QVERIFY2(openWide(w, &error), qPrintable(error));
        MainWindow& window = *w.window;
        StoredKeysPanel* stored = window.storedKeysPanel();
        QTRY_VERIFY2_WITH_TIMEOUT(stored->status()->text().contains(QLatin1String("Nothing is stored")),
                                  qPrintable(stored->status()->text()), eventDeadlineMs);
        window.keysDock()->showPage(KeysDock::HistoryPage);
        QVERIFY(!stored->isVisible());
        const QString key = QStringLiteral("tst_windowstored behind");
        QVERIFY(fetchKey(window, key));
        QVERIFY(putThroughThePanel(window, QStringLiteral("put while the history is in front")));
        QSignalSpy listed(stored, &StoredKeysPanel::listingFinished);
        window.keysDock()->showPage(KeysDock::StoredPage);
        QVERIFY(listed.wait(eventDeadlineMs));
        QCOMPARE(stored->model()->index(0, StoredKeysModel::KeyColumn).data().toString(), key);
    }

    void historyAndBookmarksOpenTheirKeys()
    {
        WindowOnGateway w;
        QString error;
        QVERIFY2(openWide(w, &error), qPrintable(error));
        MainWindow& window = *w.window;
        KeysDock* dock = window.keysDock();
        const QString first = QStringLiteral("tst_windowstored first");
        const QString second = QStringLiteral("tst_windowstored second");
        QVERIFY(fetchKey(window, first));
        QVERIFY(fetchKey(window, second)); // in the same tab, as a browser's address bar does
        QCOMPARE(window.tabs()->count(), 1);

        // History: the keys typed, the latest first; a click opens the first key in a new tab.
        dock->showPage(KeysDock::HistoryPage);
        HistoryPanel* history = dock->history();
        QVERIFY(history->view()->isVisible());
        QCOMPARE(history->view()->model()->rowCount(), 2);
        QCOMPARE(history->view()->model()->index(0, 0).data().toString(), second);
        clickRow(history->view(), 1);
        QCOMPARE(window.tabs()->count(), 2);
        QCOMPARE(window.currentTab()->key().input(), first);
        QTRY_VERIFY_WITH_TIMEOUT(window.currentTab()->hasFetched(), eventDeadlineMs);
        // The history does not reorder under the mouse: opening is not typing.
        QCOMPARE(history->view()->model()->index(0, 0).data().toString(), second);
        // A key open already: its tab comes in front.
        clickRow(history->view(), 0);
        QCOMPARE(window.tabs()->count(), 2);
        QCOMPARE(window.tabs()->currentIndex(), tabOf(window, second));

        // Bookmarks: Add bookmarks the key in front, named at once; a click opens it.
        dock->showPage(KeysDock::BookmarksPage);
        BookmarksPanel* bookmarks = dock->bookmarks();
        QVERIFY(bookmarks->emptyLabel()->isVisible());
        QTest::mouseClick(bookmarks->addButton(), Qt::LeftButton);
        auto* editor = uitest::cellEditor(bookmarks->view());
        QVERIFY2(editor, "the new bookmark's name is not being edited");
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("The second"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(bookmarks->view()->model()->index(0, BookmarksModel::NameColumn).data().toString(),
                     QStringLiteral("The second"));
        // The key bar's star agrees: this key is bookmarked.
        QVERIFY(window.keyBar()->bookmarkButton()->isChecked());
        window.tabs()->setCurrentIndex(tabOf(window, first));
        QVERIFY(!window.keyBar()->bookmarkButton()->isChecked());
        clickRow(bookmarks->view(), 0);
        QCOMPARE(window.tabs()->currentIndex(), tabOf(window, second));
        QCOMPARE(window.tabs()->count(), 2);
        // Closed, it opens again in a new tab.
        QTest::keySequence(&window, QKeySequence::Close);
        QCOMPARE(window.tabs()->count(), 1);
        clickRow(bookmarks->view(), 0);
        QCOMPARE(window.tabs()->count(), 2);
        QCOMPARE(window.currentTab()->key().input(), second);
    }

    // The gateway's own presence record (put as it starts) is listed as the gateway's, by its
    // text and dimmed, and a store that holds only it still reads as empty.
    void theGatewaysPresenceIsShownAsItsOwn()
    {
        WindowOnGateway w;
        QString error;
        QVERIFY2(openWide(w, &error), qPrintable(error));
        MainWindow& window = *w.window;
        StoredKeysPanel* stored = window.storedKeysPanel();
        const QString registry = QString::fromLatin1(
            QCryptographicHash::hash("opendht-gateway/keepers/v1", QCryptographicHash::Sha1).toHex());
        // The presence is put as the gateway starts: Refresh until it is listed.
        QElapsedTimer clock;
        clock.start();
        int row = -1;
        while (row < 0 && clock.elapsed() < eventDeadlineMs) {
            QSignalSpy listed(stored, &StoredKeysPanel::listingFinished);
            QTest::mouseClick(stored->refreshButton(), Qt::LeftButton);
            QVERIFY(listed.wait(eventDeadlineMs));
            row = rowOfHash(stored->model(), registry);
        }
        QVERIFY2(row >= 0, "the gateway's presence record was never listed");
        QCOMPARE(stored->model()->rowCount(), 1);
        const QModelIndex own = stored->model()->index(row, StoredKeysModel::KeyColumn);
        QCOMPARE(own.data().toString(), QStringLiteral("opendht-gateway/keepers/v1"));
        QVERIFY(own.data(StoredKeysModel::GatewayOwnRole).toBool());
        QCOMPARE(own.data(Qt::ForegroundRole).value<QBrush>().color(),
                 stored->view()->palette().color(QPalette::PlaceholderText));
        QVERIFY2(own.data(Qt::ToolTipRole).toString().contains(QLatin1String("presence record")),
                 qPrintable(own.data(Qt::ToolTipRole).toString()));
        QVERIFY2(stored->status()->text().contains(QLatin1String("Nothing is stored")),
                 qPrintable(stored->status()->text()));
    }

    // A Keys dock that is not on screen lists nothing: closed, or behind the put dock in a
    // compact window, a listing under way waits between pages (while the gateway answers others)
    // and goes on when the dock is shown; a put made meanwhile is listed then.
    void aKeysDockNotOnScreenPausesItsListing()
    {
        WindowOnGateway w;
        QString error;
        QVERIFY2(openWide(w, &error), qPrintable(error));
        MainWindow& window = *w.window;
        KeysDock* dock = window.keysDock();
        StoredKeysPanel* stored = window.storedKeysPanel();
        QTRY_VERIFY_WITH_TIMEOUT(!stored->isListing(), eventDeadlineMs); // the first listing
        const int keys = 150;
        QVERIFY(putValues(w.gateway.url(), QStringLiteral("tst_windowstored paused "), keys));
        stored->setPageSize(20); // 8 pages and more

        // Hidden by `hide` as the first page comes in: the listing stops there.
        const auto hiddenAtFirstPage = [&](const std::function<void()>& hide) {
            int rowsThen = -1;
            const auto c = connect(stored->model(), &QAbstractItemModel::rowsInserted, dock, [&] {
                if (rowsThen < 0) {
                    rowsThen = stored->model()->rowCount();
                    hide();
                }
            });
            QTest::mouseClick(stored->refreshButton(), Qt::LeftButton);
            const bool paged = QTest::qWaitFor([&] { return rowsThen > 0; }, eventDeadlineMs);
            disconnect(c);
            return paged ? rowsThen : -1;
        };

        QVERIFY(hiddenAtFirstPage([&] { dock->close(); }) > 0);
        QVERIFY(!stored->isActive());
        QTRY_VERIFY_WITH_TIMEOUT(stored->isPaused(), eventDeadlineMs); // a page asked for may come
        const int rowsWhenClosed = stored->model()->rowCount();
        QVERIFY(roundTrips(w.gateway.url(), 8));
        QCOMPARE(stored->model()->rowCount(), rowsWhenClosed);
        QVERIFY2(rowsWhenClosed < keys, qPrintable(QString::number(rowsWhenClosed)));
        QVERIFY(stored->isListing());
        QSignalSpy listed(stored, &StoredKeysPanel::listingFinished);
        dock->show();
        QVERIFY(listed.wait(eventDeadlineMs));
        QVERIFY2(stored->model()->rowCount() >= keys,
                 qPrintable(QString::number(stored->model()->rowCount())));

        // A compact window tabs the docks together; the put dock in front hides the Keys dock,
        // which Qt leaves shown (only moved off the window).
        window.resize(900, 800);
        QTRY_VERIFY(window.dockArrangement()->isCompact());
        auto* putDock = window.findChild<QDockWidget*>(QStringLiteral("putDock"));
        QVERIFY(putDock);
        QVERIFY(window.tabifiedDockWidgets(putDock).contains(dock));
        dock->raise();
        QTRY_VERIFY(stored->isActive());
        QTRY_VERIFY_WITH_TIMEOUT(!stored->isListing(), eventDeadlineMs);
        QVERIFY(hiddenAtFirstPage([&] { putDock->raise(); }) > 0);
        QVERIFY(dock->isVisible());               // not hidden as far as widgets go,
        QVERIFY(dock->visibleRegion().isEmpty()); // but not on screen
        QTRY_VERIFY_WITH_TIMEOUT(stored->isPaused(), eventDeadlineMs);
        const int rowsBehind = stored->model()->rowCount();
        QVERIFY(roundTrips(w.gateway.url(), 8));
        QCOMPARE(stored->model()->rowCount(), rowsBehind);
        QVERIFY2(rowsBehind < keys, qPrintable(QString::number(rowsBehind)));
        listed.clear();
        dock->raise(); // its tab clicked
        QVERIFY(listed.wait(eventDeadlineMs));
        QVERIFY(stored->model()->rowCount() >= keys);

        // Behind, a put is not listed for nobody; in front again, it is.
        putDock->raise();
        QTRY_VERIFY(!stored->isActive());
        QVERIFY(putValues(w.gateway.url(), QStringLiteral("tst_windowstored behind the put dock "), 1));
        stored->refreshSoon();
        QVERIFY(!stored->isListing());
        listed.clear();
        dock->raise();
        QVERIFY(listed.wait(eventDeadlineMs));
        QVERIFY(rowOfHash(stored->model(), QString::fromLatin1(QCryptographicHash::hash(
                                                                   "tst_windowstored behind the put dock 0",
                                                                   QCryptographicHash::Sha1)
                                                                   .toHex())) >= 0);
    }

    // The key bar's star and its menu lead to the panel's Bookmarks page, the one place for
    // bookmarks: the star bookmarks the key typed there, its name typed in place; the dock is
    // shown (and brought in front) when it was closed.
    void theKeyBarsBookmarkButtonsUseThePanel()
    {
        WindowOnGateway w;
        QString error;
        QVERIFY2(openWide(w, &error), qPrintable(error));
        MainWindow& window = *w.window;
        KeysDock* dock = window.keysDock();
        const QString key = QStringLiteral("tst_windowstored starred");
        QVERIFY(fetchKey(window, key));
        dock->close();
        QToolButton* star = window.keyBar()->bookmarkButton();
        QTest::mouseClick(star, Qt::LeftButton);
        QVERIFY(dock->isVisible());
        QCOMPARE(dock->pages()->currentIndex(), int(KeysDock::BookmarksPage));
        QVERIFY(!QApplication::activeModalWidget()); // no dialog of its own
        BookmarksPanel* bookmarks = dock->bookmarks();
        QCOMPARE(bookmarks->view()->model()->rowCount(), 1);
        auto* editor = uitest::cellEditor(bookmarks->view());
        QVERIFY2(editor, "the new bookmark's name is not being edited");
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Starred"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(bookmarks->view()->model()->index(0, BookmarksModel::NameColumn).data().toString(),
                     QStringLiteral("Starred"));
        QVERIFY(star->isChecked());

        // The menu's "Show Bookmarks": the page, the dock shown again, in front in a compact window.
        dock->showPage(KeysDock::HistoryPage);
        dock->close();
        QAction* show = uitest::menuAction(window.keyBar()->bookmarksMenuButton()->menu(),
                                           QStringLiteral("Show Bookmarks"));
        QVERIFY(show);
        show->trigger();
        QVERIFY(dock->isVisible());
        QCOMPARE(dock->pages()->currentIndex(), int(KeysDock::BookmarksPage));
        window.resize(900, 800);
        QTRY_VERIFY(window.dockArrangement()->isCompact());
        QTRY_VERIFY(dock->visibleRegion().isEmpty()); // a key is open: the put dock is in front
        show->trigger();
        QTRY_VERIFY(!dock->visibleRegion().isEmpty());
        // ★ again removes the bookmark, as before.
        QTest::mouseClick(star, Qt::LeftButton);
        QCOMPARE(bookmarks->view()->model()->rowCount(), 0);
    }

    void thePageInFrontIsKeptForTheNextRun()
    {
        QString error;
        GatewayProcess gateway;
        QVERIFY2(gateway.start(&error), qPrintable(error));
        MainWindow::Options options = onGateway(gateway.url());
        options.restoreSession = true;
        {
            MainWindow window(options);
            window.show();
            window.keysDock()->showPage(KeysDock::BookmarksPage);
            window.close();
        }
        MainWindow again(options);
        again.show();
        QCOMPARE(again.keysDock()->pages()->currentIndex(), int(KeysDock::BookmarksPage));
        QVERIFY(again.keysDock()->isVisible());
    }
};

QTEST_MAIN(TestWindowStored)
#include "tst_windowstored.moc"
