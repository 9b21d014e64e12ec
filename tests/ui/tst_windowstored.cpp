// The "Stored here" panel in the window (issue 20), over a real gateway as a user meets it:
// hidden until View > Stored here; shown, it lists the gateway's keys, the key the user
// fetched and put to shown by its text first; a click opens that key in a new tab; a put made while
// it is shown lists the keys again.
#include "WindowTestSupport.h"

#include <put/PutPanel.h>
#include <storedkeys/StoredKeysDock.h>
#include <storedkeys/StoredKeysFilter.h>
#include <storedkeys/StoredKeysModel.h>

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>

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
        QSettings().clear();
    }

    void listsOpensAndFollowsPuts()
    {
        WindowOnGateway w;
        QString error;
        QVERIFY2(w.open(&error), qPrintable(error));
        MainWindow& window = *w.window;
        StoredKeysDock* dock = window.storedKeysDock();
        QVERIFY(dock);
        QVERIFY(!dock->isVisible()); // until asked for
        QCOMPARE(dock->toggleViewAction()->text(), QStringLiteral("Stored here"));

        const QString key = QStringLiteral("tst_windowstored key");
        QVERIFY(fetchKey(window, key));
        QVERIFY(putThroughThePanel(window, QStringLiteral("a value")));

        QSignalSpy listed(dock, &StoredKeysDock::listingFinished);
        dock->toggleViewAction()->trigger(); // View > Stored here
        QVERIFY(dock->isVisible());
        QVERIFY(listed.wait(eventDeadlineMs));
        QVERIFY2(dock->status()->text().contains(QLatin1String("stored on")),
                 qPrintable(dock->status()->text()));
        // The key typed is known to the browser (its history): shown by its text, first.
        QCOMPARE(dock->model()->index(0, StoredKeysModel::KeyColumn).data().toString(), key);
        QCOMPARE(dock->model()->index(0, StoredKeysModel::ValuesColumn).data().toInt(), 1);

        // With another key in the current tab, a click opens it in a new tab.
        QVERIFY(fetchKey(window, QStringLiteral("tst_windowstored another key")));
        const int tabs = window.tabs()->count();
        const QRect cell = dock->view()->visualRect(dock->filter()->index(0, 0));
        QTest::mouseClick(dock->view()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(window.tabs()->count(), tabs + 1);
        QCOMPARE(window.currentTab()->key().input(), key);
        QCOMPARE(window.currentTab()->key().mode(), KnownKeys::Key::Mode::Text);

        // A put while the panel is shown lists again: the key now holds two values.
        QVERIFY(QTest::qWaitFor([&] { return window.currentTab()->hasFetched(); }, eventDeadlineMs));
        listed.clear();
        QVERIFY(putThroughThePanel(window, QStringLiteral("another value")));
        QVERIFY(listed.wait(eventDeadlineMs));
        QCOMPARE(dock->model()->index(0, StoredKeysModel::ValuesColumn).data().toInt(), 2);
    }
};

QTEST_MAIN(TestWindowStored)
#include "tst_windowstored.moc"
