// The browser keeps its proxy puts across a restart, lists them, asks once before a quit
// would let one end early, and stops one on request (issue #21). Real parts: two Debian
// `dhtnode` processes, the second a --proxyserver, behind the TEST-ONLY POST-counting relay
// (tests/support/StockRelay.h); the window's store in a folder of the test's own.
#include "WindowTestSupport.h"
#include "support/StockRelay.h"

#include "core/kept/KeptPutKeeper.h"
#include "core/probe/GatewayChooser.h"
#include "core/probe/GatewayDirectory.h"
#include "ui/kept/KeptPutsDialog.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace keptputs;

namespace {

constexpr qint64 refreshMs = 1500; // 22 hours in real life

// Opens File > Kept Puts, as the user does; the dialog.
KeptPutsDialog* openList(MainWindow& window)
{
    auto* action = window.findChild<QAction*>(QStringLiteral("keptPutsAction"));
    if (!action)
        return nullptr;
    action->trigger();
    return window.findChild<KeptPutsDialog*>();
}

QString cell(KeptPutsDialog* dialog, int column)
{
    return dialog->table()->model()->index(0, column).data().toString();
}

} // namespace

class TestKeptPutsView : public QObject
{
    Q_OBJECT

    std::unique_ptr<StockProxy> m_stock;
    std::unique_ptr<Relay> m_relay;
    QTemporaryDir m_dir;

    std::unique_ptr<MainWindow> startBrowser()
    {
        MainWindow::Options options = windowtest::onGateway(m_relay->url());
        options.keptPuts = m_dir.filePath(QStringLiteral("kept-puts.sqlite"));
        auto window = std::make_unique<MainWindow>(options);
        window->keptPuts()->setRefreshMs(refreshMs);
        window->show();
        return window;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        GatewayDirectory::openUserSettings()->clear();
        QVERIFY(m_dir.isValid());
        m_stock = std::make_unique<StockProxy>();
        m_relay = std::make_unique<Relay>(m_stock->httpPort());
        QVERIFY(m_relay->waitListening());
    }

    void keptAcrossARestartListedAndStopped()
    {
        auto window = startBrowser();
        QVERIFY(windowtest::usesGateway(*window, m_relay->url()));
        KeyTab* tab = window->openKey(DhtKey::parse(QStringLiteral("kept key"), DhtKey::Mode::Text), true);
        // The proxy answers 502 until its node has found its peer: the user tries again.
        bool ok = false;
        for (int attempt = 0; attempt < 60 && !ok; ++attempt) {
            QSignalSpy put(tab, &KeyTab::putFinished);
            tab->put("for two days", 2 * 86400, {});
            QVERIFY(put.wait(eventDeadlineMs));
            ok = put.first().first().toBool();
            if (!ok)
                QTest::qWait(250);
        }
        QVERIFY(ok);
        QCOMPARE(window->keptPuts()->puts().size(), 1);
        // The relay reports a POST after answering it: the first one counted before the restart,
        // so that only a refresh can raise the count later.
        QTRY_VERIFY_WITH_TIMEOUT(m_relay->accepted().count(true) >= 1, eventDeadlineMs);

        KeptPutsDialog* list = openList(*window);
        QVERIFY(list);
        QAbstractItemModelTester tester(list->table()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(list->table()->model()->rowCount(), 1);
        QCOMPARE(cell(list, 0), QStringLiteral("kept key"));
        QCOMPARE(cell(list, 1), QStringLiteral("classic item"));
        QCOMPARE(cell(list, 3), m_relay->url().authority());
        QVERIFY2(cell(list, 4).startsWith(u"refresh due before "), qPrintable(cell(list, 4)));

        // Quitting says, once, that a put would end early; "Quit Anyway" quits.
        window->close();
        QVERIFY(window->isVisible());
        QMessageBox* notice = nullptr;
        QTRY_VERIFY((notice = window->findChild<QMessageBox*>(QStringLiteral("quitNotice"))));
        QVERIFY(notice->text().contains(u"leaves the DHT before its TTL ends"));
        window->close(); // asked again while it is open: still one notice
        QCOMPARE(window->findChildren<QMessageBox*>(QStringLiteral("quitNotice")).size(), 1);
        QAbstractButton* quit = nullptr;
        for (QAbstractButton* b : notice->buttons()) {
            if (notice->buttonRole(b) == QMessageBox::AcceptRole)
                quit = b;
        }
        QVERIFY(quit);
        quit->click();
        QTRY_VERIFY(!window->isVisible());
        const int permanentBefore = int(m_relay->accepted().count(true));
        window.reset(); // the browser has quit

        // Started again: the put is resumed and refreshed at its proxy.
        window = startBrowser();
        QCOMPARE(window->keptPuts()->puts().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_relay->accepted().count(true) > permanentBefore, eventDeadlineMs);

        // Stopped from the list: the downgrade is sent and the list is empty.
        list = openList(*window);
        QVERIFY(list);
        QAbstractItemModelTester again(list->table()->model(),
                                       QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(list->table()->model()->rowCount(), 1);
        QVERIFY(!list->stopButton()->isEnabled()); // nothing selected yet
        list->table()->selectRow(0);
        QVERIFY(list->stopButton()->isEnabled());
        list->stopButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_relay->accepted().endsWith(false), eventDeadlineMs);
        QTRY_COMPARE(list->table()->model()->rowCount(), 0);
        QVERIFY(window->keptPuts()->puts().isEmpty());
        window->close(); // nothing kept: no notice
        QTRY_VERIFY(!window->isVisible());
    }
};

QTEST_MAIN(TestKeptPutsView)
#include "tst_keptputsview.moc"
