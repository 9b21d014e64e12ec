// The side panel of keys in the window (issues 16 and 20), over a real gateway as a user meets
// it: shown from the first start beside the values with "Stored here" in front, which says how
// to put a first value while the gateway stores nothing; a value put with the real opendht-cli
// is listed (by hash) after Refresh, found by the filter and opened by a click; the key the user
// typed and put to through the window is listed by its text, first, and listed again after the
// put; the history and bookmarks pages open their keys, in the tab already open when there is one.
#include "WindowTestSupport.h"

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
#include <QCryptographicHash>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>

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

int tabOf(MainWindow& window, const QString& input)
{
    for (int i = 0; i < window.tabs()->count(); ++i) {
        if (auto* tab = qobject_cast<KeyTab*>(window.tabs()->widget(i)); tab && tab->key().input() == input)
            return i;
    }
    return -1;
}
// The editor a view opened on a cell (its name being renamed), if any.
QLineEdit* cellEditor(QTableView* view)
{
    for (QLineEdit* edit : view->viewport()->findChildren<QLineEdit*>()) {
        if (edit->isVisible())
            return edit;
    }
    return nullptr;
}

} // namespace

class TestWindowStored : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("opendht-browser-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_windowstored"));
    }
    void init() { QSettings().clear(); } // each a first start

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
        QVERIFY2(w.open(&error), qPrintable(error));
        MainWindow& window = *w.window;
        QVERIFY(makeWide(window));
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
        QVERIFY2(w.open(&error), qPrintable(error));
        MainWindow& window = *w.window;
        QVERIFY(makeWide(window));
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
        QVERIFY2(w.open(&error), qPrintable(error));
        MainWindow& window = *w.window;
        QVERIFY(makeWide(window));
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
        auto* editor = cellEditor(bookmarks->view());
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
