// The browser window driven as a user would: real widgets on the offscreen platform, real
// opendht-gateway processes on loopback, the real opendht-cli for a put made elsewhere.
#include "WindowTestSupport.h"
#include "support/GatewayInfo.h"
#include "support/GatewayProcess.h"

#include "core/backend/GatewayBackend.h"
#include "core/local/ActiveGateway.h"
#include "core/local/LocalGateway.h"
#include "core/net/DhtNetwork.h"
#include "core/probe/GatewayChooser.h"
#include "core/probe/GatewayDirectory.h"
#include "core/probe/LatencyProbe.h"
#include "ui/common/BrowserSettings.h"
#include "ui/gateways/GatewayDock.h"
#include "ui/gateways/GatewayTableModel.h"
#include "ui/keys/KeyBar.h"
#include "ui/put/PutPanel.h"
#include "ui/put/TtlSlider.h"
#include "ui/values/ValueFormat.h"
#include "ui/values/ValueViewer.h"
#include "ui/values/ValuesModel.h"
#include "ui/window/KeyTab.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <algorithm>

#include <QSet>
#include <QTemporaryDir>

#include <csignal>
#include <memory>

using namespace windowtest;

namespace {

// The loopback TCP port a process listens on (its sockets matched against /proc/net/tcp).
quint16 listeningPort(qint64 pid)
{
    QSet<QByteArray> inodes;
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QFileInfo& fd : fds.entryInfoList(QDir::System | QDir::Files | QDir::NoDotAndDotDot)) {
        const QString target = fd.symLinkTarget();
        if (target.contains(QStringLiteral("socket:[")))
            inodes << target.section(u'[', 1).chopped(1).toLatin1();
    }
    QFile tcp(QStringLiteral("/proc/net/tcp"));
    if (!tcp.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : tcp.readAll().split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        // sl local_address rem_address st ... inode (10th field); 0A is LISTEN
        if (f.size() > 9 && f[3] == "0A" && inodes.contains(f[9]))
            return quint16(f[1].split(':').value(1).toUInt(nullptr, 16));
    }
    return 0;
}

QString networkOf(const QUrl& gateway)
{
    return gatewayinfo::nodeInfo(gateway).value(QStringLiteral("network")).toString();
}

// The environment of a browser process of its own: settings and data in home, offscreen.
QProcessEnvironment browserEnvironment(const QTemporaryDir& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("ODB_GATEWAY"), GatewayProcess::binary());
    return env;
}

QString browserProgram()
{
    return qEnvironmentVariable("ODB_BROWSER", QStringLiteral(ODB_BROWSER_DEFAULT));
}

QString cellText(KeyTab* tab, int row, int column)
{
    return tab->model()->index(row, column).data().toString();
}

} // namespace

class TestBrowser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void putWithSliderThenRemove();
    void htmlAndControlCharactersStayLiteral();
    void watchShowsAPutMadeByTheCli();
    void watchBadgesATabBehindAndGoesToTheNewValue();
    void switchGatewayInTheLatencyTable();
    void closingATabDuringAPutFreesThePutPanel();
    void escapeCancelsAFetchAndF5FetchesAgain();
    void deadGatewayGivesAnErrorInWords();
    void oversizeValueRefusedWithMessage();
    void sessionRestoresTabs();
    void embeddedGatewayStartsServesAndStops();
    void embeddedGatewayOutlivesNoKilledBrowser();
    void localGatewayNetworkChosenInTheMenu();
    void localNetworkRememberedWhileAnotherGatewayIsInUse();
    void networkOptionIsForOneRun();
};

void TestBrowser::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // The embedded gateway the window starts is the build's one.
    qputenv("ODB_GATEWAY", GatewayProcess::binary().toLocal8Bit());
}

void TestBrowser::init()
{
    windowtest::startFromNothing();
}

void TestBrowser::putWithSliderThenRemove()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    KeyTab* tab = fetchKey(window, QStringLiteral("shopping list"));
    QVERIFY(tab);
    QCOMPARE(tab->model()->rowCount(), 0);
    QVERIFY2(tab->stateLabel()->text().contains(QStringLiteral("No values")),
             qPrintable(tab->stateLabel()->text()));

    // The TTL is set with the slider, as a user drags it: End is a week, then down a few steps.
    PutPanel* put = window.putPanel();
    QSlider* slider = put->ttlSlider()->slider();
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_End);
    QCOMPARE(put->ttlSeconds(), 7 * 86400);
    QTest::keyClick(slider, Qt::Key_PageDown);
    const int ttl = put->ttlSeconds();
    QVERIFY(ttl < 7 * 86400 && ttl >= 60);
    put->valueEdit()->setFocus();
    QTest::keyClicks(put->valueEdit(), QStringLiteral("milk, eggs"));
    QTest::keyClicks(put->secretEdit(), QStringLiteral("s3cret"));
    QTest::mouseClick(put->putButton(), Qt::LeftButton);

    QTRY_COMPARE(tab->model()->rowCount(), 1);
    QTRY_VERIFY(put->resultLabel()->text().contains(QStringLiteral("Stored")));
    QCOMPARE(tab->model()->valueAt(0).data, QByteArray("milk, eggs"));
    QCOMPARE(cellText(tab, 0, ValuesModel::Flags), tr("removable"));

    // What the gateway holds is what the table shows: fetch again and compare the TTL.
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_VERIFY(!tab->isBusy() && tab->model()->rowCount() == 1);
    const int left = tab->model()->valueAt(0).ttlLeft;
    QVERIFY2(left <= ttl && left >= ttl - 5, qPrintable(QString::number(left)));
    QCOMPARE(cellText(tab, 0, ValuesModel::Ttl), ValueFormat::ttlText(left, false));

    // Remove it: the secret typed for the put is remembered for this session, and the tab asks
    // before it removes (there is no undo); Cancel leaves the value.
    tab->view()->selectRow(0);
    tab->removeSelected();
    QMessageBox* confirm = nullptr;
    QTRY_VERIFY((confirm = tab->findChild<QMessageBox*>(QStringLiteral("confirmRemove"))) &&
                confirm->isVisible());
    QCOMPARE(confirm->textFormat(), Qt::PlainText);
    confirm->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!tab->findChild<QMessageBox*>(QStringLiteral("confirmRemove")));
    QCOMPARE(tab->model()->rowCount(), 1);
    QVERIFY(!tab->isBusy());
    tab->removeSelected();
    QTRY_VERIFY((confirm = tab->findChild<QMessageBox*>(QStringLiteral("confirmRemove"))) &&
                confirm->isVisible());
    confirm->button(QMessageBox::Yes)->click();
    QTRY_COMPARE_WITH_TIMEOUT(tab->model()->rowCount(), 0, 10000);
    QTRY_VERIFY(window.operationStatus()->text().contains(QStringLiteral("removed")));
}

void TestBrowser::htmlAndControlCharactersStayLiteral()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    KeyTab* tab = fetchKey(window, QStringLiteral("<i>key</i>"));
    QVERIFY(tab);

    const QString hostile = QStringLiteral("<b>x</b><img src=http://127.0.0.1:1/y>\a\tz");
    window.putPanel()->valueEdit()->insertPlainText(hostile); // pasted: keyClicks cannot type \a
    QTest::mouseClick(window.putPanel()->putButton(), Qt::LeftButton);
    QTRY_COMPARE(tab->model()->rowCount(), 1);
    const QString preview = cellText(tab, 0, ValuesModel::Preview);
    QVERIFY2(preview.startsWith(QStringLiteral("<b>x</b><img src=")), qPrintable(preview));
    const QString tooltip = tab->model()->index(0, ValuesModel::Preview).data(Qt::ToolTipRole).toString();
    QVERIFY2(tooltip.contains(QStringLiteral("&lt;b&gt;")), qPrintable(tooltip));

    tab->view()->selectRow(0);
    QTRY_VERIFY(window.findChild<ValueViewer*>()->shownText().contains(QStringLiteral("<b>x</b>")));
    for (QLabel* label : window.findChildren<QLabel*>()) {
        if (label->text().contains(QStringLiteral("<b>")) || label->text().contains(QStringLiteral("<i>")))
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));
    }
}

void TestBrowser::watchShowsAPutMadeByTheCli()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    KeyTab* tab = fetchKey(window, QStringLiteral("news"));
    QVERIFY(tab);
    tab->setWatching(true);
    // The put must come after the watch is live, so that only the watch can bring it.
    QTRY_COMPARE_WITH_TIMEOUT(tab->watchStateLabel()->text(), QStringLiteral("live"), 15000);
    QSignalSpy announced(tab, &KeyTab::newValuesArrived);

    QProcess cli;
    cli.start(qEnvironmentVariable("ODB_CLI", QStringLiteral(ODB_CLI_DEFAULT)),
              {QStringLiteral("put"), QStringLiteral("--gateway"), on.gateway.url().toString(),
               QStringLiteral("--ttl"), QStringLiteral("10m"), QStringLiteral("news"),
               QStringLiteral("from the terminal")});
    QVERIFY(cli.waitForFinished(15000));
    QCOMPARE(cli.exitCode(), 0);

    QTRY_COMPARE_WITH_TIMEOUT(tab->model()->rowCount(), 1, 15000);
    QCOMPARE(tab->model()->valueAt(0).data, QByteArray("from the terminal"));
    QVERIFY(tab->model()->index(0, 0).data(ValuesModel::IsNewRole).toBool());
    // The watch announced it (a refetch would have brought the row without a word).
    QTRY_VERIFY_WITH_TIMEOUT(!announced.isEmpty(), 15000);
    QCOMPARE(announced.first().first().toInt(), 1);
}

// Only the watch can say "new": a refetch would not badge the tab behind.
void TestBrowser::watchBadgesATabBehindAndGoesToTheNewValue()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    KeyTab* watched = fetchKey(window, QStringLiteral("watched"));
    QVERIFY(watched);
    watched->setWatching(true);
    // Values put before the watch is live come with its first listing, not as news.
    QTRY_COMPARE_WITH_TIMEOUT(watched->watchStateLabel()->text(), QStringLiteral("live"), 15000);
    KeyTab* front = window.openKey(DhtKey::parse(QStringLiteral("in front"), DhtKey::Mode::Text), true);
    QVERIFY(front && front != watched);
    QCOMPARE(window.currentTab(), front);
    const int index = window.tabs()->indexOf(watched);
    QCOMPARE(window.tabs()->tabText(index), watched->title());

    for (const char* value : {"first news", "second news"}) {
        QProcess cli;
        cli.start(qEnvironmentVariable("ODB_CLI", QStringLiteral(ODB_CLI_DEFAULT)),
                  {QStringLiteral("put"), QStringLiteral("--gateway"), on.gateway.url().toString(),
                   QStringLiteral("--ttl"), QStringLiteral("10m"), QStringLiteral("watched"),
                   QString::fromUtf8(value)});
        QVERIFY(cli.waitForFinished(15000));
        QCOMPARE(cli.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(watched->model()->rowCount(), value[0] == 'f' ? 1 : 2, 15000);
    }
    QTRY_COMPARE(window.tabs()->tabText(index), watched->title() + QStringLiteral(" (2 new)"));
    QCOMPARE(window.currentTab(), front); // nothing jumps by itself

    QAction* goToNew = window.findChild<QAction*>(QStringLiteral("goToNewAction"));
    QVERIFY(goToNew);
    QCOMPARE(goToNew->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_J));
    goToNew->trigger();
    QCOMPARE(window.currentTab(), watched);
    QCOMPARE(window.tabs()->tabText(index), watched->title()); // seen now
    const QModelIndexList selected = watched->view()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(ValuesModel::BytesRole).toByteArray(), QByteArray("second news"));
}

void TestBrowser::switchGatewayInTheLatencyTable()
{
    GatewayProcess first;
    GatewayProcess second;
    QString error;
    QVERIFY2(first.start(&error), qPrintable(error));
    QVERIFY2(second.start(&error), qPrintable(error));
    MainWindow window(onGateway(first.url()));
    window.chooser()->directory()->add(
        {second.url(), QStringLiteral("second"), std::nullopt, GatewayDirectory::Origin::User});
    window.show();
    QVERIFY(usesGateway(window, first.url()));
    // Something typed but not yet sent must survive the switch.
    QTest::keyClicks(window.keyBar()->keyEdit(), QStringLiteral("half-typed"));
    QTest::keyClicks(window.putPanel()->valueEdit(), QStringLiteral("a draft"));

    QTableView* table = window.gatewayDock()->view();
    QModelIndex row;
    QTRY_VERIFY(([&] {
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            const QModelIndex url = table->model()->index(r, GatewayTableModel::Url);
            if (url.data().toString() == second.url().toString())
                row = url;
        }
        return row.isValid();
    }()));
    table->scrollTo(row);
    const QRect cell = table->visualRect(row);
    // What a double-click delivers: a click, then the double-click event.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QVERIFY(usesGateway(window, second.url()));
    QVERIFY(!window.chooser()->isAutomatic());
    QTRY_VERIFY(window.gatewayStatus()->text().contains(second.url().toString()));
    QCOMPARE(window.keyBar()->keyEdit()->text(), QStringLiteral("half-typed"));
    QCOMPARE(window.putPanel()->valueEdit()->toPlainText(), QStringLiteral("a draft"));
}

void TestBrowser::closingATabDuringAPutFreesThePutPanel()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    QVERIFY(fetchKey(window, QStringLiteral("closing")));
    window.openKey(DhtKey::parse(QStringLiteral("other"), DhtKey::Mode::Text), true);
    QTest::keyClicks(window.putPanel()->valueEdit(), QStringLiteral("in flight"));
    QTest::mouseClick(window.putPanel()->putButton(), Qt::LeftButton);
    QVERIFY(!window.putPanel()->putButton()->isEnabled()); // busy: the answer has not come yet
    QTest::keySequence(&window, QKeySequence::Close);      // the tab goes before the answer
    QCOMPARE(window.tabs()->count(), 1);
    QVERIFY2(window.putPanel()->resultLabel()->text().contains(QStringLiteral("cancelled")),
             qPrintable(window.putPanel()->resultLabel()->text()));
    QTRY_VERIFY(window.putPanel()->putButton()->isEnabled());
    QCOMPARE(window.putPanel()->valueEdit()->toPlainText(), QStringLiteral("in flight"));
}

void TestBrowser::escapeCancelsAFetchAndF5FetchesAgain()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    // A key holding enough values for a fetch of many pages (about 21 values a page).
    const DhtKey key = DhtKey::parse(QStringLiteral("many"), DhtKey::Mode::Text);
    const int count = 1500;
    int stored = 0;
    for (int i = 0; i < count; ++i) {
        GatewayCall* put =
            window.activeGateway()->backend()->putValue(key, "v" + QByteArray::number(i), 600, {});
        connect(put, &GatewayCall::finished, put, [put, &stored] {
            stored += put->ok();
            put->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(stored, count, 30000);

    typeKey(window, key.input());
    QTest::keyClick(&window, Qt::Key_Escape);
    KeyTab* tab = window.currentTab();
    QTRY_VERIFY(tab->hasFetched() && !tab->isBusy());
    QVERIFY2(tab->stateLabel()->text().startsWith(QStringLiteral("Cancelled")),
             qPrintable(tab->stateLabel()->text()));
    QVERIFY(tab->model()->rowCount() < count);

    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy() && tab->model()->rowCount() == count, 20000);
    QVERIFY2(tab->stateLabel()->text().startsWith(QStringLiteral("1500 values")),
             qPrintable(tab->stateLabel()->text()));
}

void TestBrowser::deadGatewayGivesAnErrorInWords()
{
    // A port nobody listens on: take one, then let it go.
    GatewayProcess gone;
    QString error;
    QVERIFY2(gone.start(&error), qPrintable(error));
    const QUrl dead = gone.url();
    gone.stop();
    MainWindow window(onGateway(dead));
    window.show();
    QVERIFY(usesGateway(window, dead));
    typeKey(window, QStringLiteral("anything"));
    QTRY_VERIFY_WITH_TIMEOUT(window.currentTab() && window.currentTab()->hasFetched(), 20000);
    const QString state = window.currentTab()->stateLabel()->text();
    QVERIFY2(state.contains(QStringLiteral("refused")), qPrintable(state));
    QVERIFY2(state.contains(dead.authority()), qPrintable(state));
    // The window still takes input.
    QTest::keyClicks(window.keyBar()->keyEdit(), QStringLiteral("more"));
    QVERIFY(window.keyBar()->keyEdit()->text().endsWith(QStringLiteral("more")));
}

void TestBrowser::oversizeValueRefusedWithMessage()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    KeyTab* tab = fetchKey(window, QStringLiteral("big"));
    QVERIFY(tab);
    const QString big(1025, QLatin1Char('x'));
    window.putPanel()->valueEdit()->setPlainText(big);
    QVERIFY(!window.putPanel()->putButton()->isEnabled());
    QVERIFY2(window.putPanel()->byteCounter()->text().contains(QStringLiteral("1025")),
             qPrintable(window.putPanel()->byteCounter()->text()));
    QCOMPARE(window.putPanel()->valueEdit()->toPlainText(), big);

    // An over-long hex key: refused in words, the text kept.
    window.keyBar()->modeBox()->setCurrentIndex(int(DhtKey::Mode::Hex));
    QLineEdit* edit = window.keyBar()->keyEdit();
    edit->clear();
    const QString longHex(42, QLatin1Char('a'));
    QTest::keyClicks(edit, longHex);
    QSignalSpy fetches(window.keyBar(), &KeyBar::fetchRequested);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(fetches.size(), 0);
    QVERIFY(!window.keyBar()->errorLabel()->text().isEmpty());
    QCOMPARE(edit->text(), longHex);
}

void TestBrowser::sessionRestoresTabs()
{
    GatewayProcess gateway;
    QString error;
    QVERIFY2(gateway.start(&error), qPrintable(error));
    MainWindow::Options options = onGateway(gateway.url());
    {
        MainWindow window(options);
        window.show();
        typeKey(window, QStringLiteral("first"));
        window.openKey(DhtKey::parse(QStringLiteral("00ff"), DhtKey::Mode::Hex), true);
        QCOMPARE(window.tabs()->count(), 2);
        window.close();
    }
    options.restoreSession = true;
    MainWindow again(options);
    QCOMPARE(again.tabs()->count(), 2);
    QCOMPARE(qobject_cast<KeyTab*>(again.tabs()->widget(0))->key().input(), QStringLiteral("first"));
    const DhtKey second = qobject_cast<KeyTab*>(again.tabs()->widget(1))->key();
    QCOMPARE(second.mode(), DhtKey::Mode::Hex);
    QCOMPARE(second.input(), QStringLiteral("00ff"));
    QCOMPARE(again.tabs()->currentIndex(), 1);
}

void TestBrowser::embeddedGatewayStartsServesAndStops()
{
    // No gateway answers (the built-in 127.0.0.1:5851 is not running in a test), so the window
    // starts its own.
    MainWindow::Options options;
    options.restoreSession = false;
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    LocalGateway* local = window->activeGateway()->localGateway();
    QTRY_VERIFY_WITH_TIMEOUT(local->isReady(), 20000);
    QVERIFY(usesGateway(*window, local->url()));
    QTRY_VERIFY(window->gatewayStatus()->text().contains(QStringLiteral("Local gateway")));
    const qint64 pid = local->processId();
    QVERIFY(processAlive(pid));

    typeKey(*window, QStringLiteral("kept locally"));
    QTRY_VERIFY(window->currentTab() && window->currentTab()->hasFetched());
    QTest::keyClicks(window->putPanel()->valueEdit(), QStringLiteral("hello"));
    QTest::mouseClick(window->putPanel()->putButton(), Qt::LeftButton);
    QTRY_VERIFY(window->putPanel()->resultLabel()->text().contains(QStringLiteral("Stored")));

    window->close();
    window.reset();
    QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 5000);
}

void TestBrowser::embeddedGatewayOutlivesNoKilledBrowser()
{
    // The real program, killed with SIGKILL: its local gateway must go too, saving its values.
    QTemporaryDir home;
    QProcess browser;
    browser.setProcessEnvironment(browserEnvironment(home));
    browser.start(browserProgram(),
                  {QStringLiteral("--local"), QStringLiteral("--no-local"), QStringLiteral("--fresh")});
    QVERIFY(browser.waitForStarted());
    // Its child: the only process whose parent is the browser.
    qint64 child = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(browser.processId()));
            if (children.open(QIODevice::ReadOnly))
                child = children.readAll().trimmed().split(' ').value(0).toLongLong();
            return child > 0;
        },
        10000));
    quint16 port = 0;
    QVERIFY(QTest::qWaitFor([&] { return (port = listeningPort(child)) != 0; }, 10000));

    // A value put through the local gateway just before the browser dies.
    QProcess cli;
    cli.start(qEnvironmentVariable("ODB_CLI", QStringLiteral(ODB_CLI_DEFAULT)),
              {QStringLiteral("put"), QStringLiteral("--gateway"),
               QStringLiteral("http://127.0.0.1:%1/").arg(port), QStringLiteral("--ttl"),
               QStringLiteral("1h"), QStringLiteral("survivor"), QStringLiteral("value-saved-at-exit")});
    QVERIFY(cli.waitForFinished(15000));
    QCOMPARE(cli.exitCode(), 0);

    ::kill(pid_t(browser.processId()), SIGKILL);
    QVERIFY(browser.waitForFinished(5000));
    QTRY_VERIFY_WITH_TIMEOUT(!processAlive(child), 5000);
    // The next local gateway on the same state directory still has the value.
    GatewayProcess again({QStringLiteral("--state-dir"),
                          home.filePath(QStringLiteral("data/opendht-browser/browser/gateway"))});
    QString error;
    QVERIFY2(again.start(&error), qPrintable(error));
    cli.start(qEnvironmentVariable("ODB_CLI", QStringLiteral(ODB_CLI_DEFAULT)),
              {QStringLiteral("get"), QStringLiteral("--gateway"), again.url().toString(),
               QStringLiteral("survivor")});
    QVERIFY(cli.waitForFinished(15000));
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY2(cli.readAllStandardOutput().contains("value-saved-at-exit"), "the local gateway lost the value");
}

void TestBrowser::localGatewayNetworkChosenInTheMenu()
{
    // Earlier runs' state directories (test mode's data location) hold items of their own.
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    for (const QString& name : DhtNetwork::names())
        QDir(data + u'/' + LocalGateway::stateDirName(name)).removeRecursively();
    MainWindow::Options options;
    options.restoreSession = false;
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    LocalGateway* local = window->activeGateway()->localGateway();
    QTRY_VERIFY_WITH_TIMEOUT(local->isReady(), 20000);
    QVERIFY(usesGateway(*window, local->url()));
    QVERIFY(networkAction(*window, QStringLiteral("local"))->isChecked());
    QCOMPARE(window->localGatewayStatus()->text(), QStringLiteral("Local gateway without a network"));
    const QString localState = local->stateDir();
    QCOMPARE(localState, data + QStringLiteral("/gateway"));

    // A value the local gateway keeps, to be found again after a round trip through Ham-DHT.
    KeyTab* tab = fetchKey(*window, QStringLiteral("across networks"));
    QVERIFY(tab);
    QTest::keyClicks(window->putPanel()->valueEdit(), QStringLiteral("stays local"));
    QTest::mouseClick(window->putPanel()->putButton(), Qt::LeftButton);
    QTRY_VERIFY(window->putPanel()->resultLabel()->text().contains(QStringLiteral("Stored")));

    // Ham-DHT, chosen while the local gateway is in use (automatic mode): it restarts on it.
    const QUrl first = local->url();
    QSignalSpy said(window.get(), &MainWindow::messageShown);
    networkAction(*window, QStringLiteral("ham-dht"))->trigger();
    QVERIFY2(window->operationStatus()->text().startsWith(
                 QStringLiteral("Restarting the local gateway on Ham-DHT")),
             qPrintable(window->operationStatus()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(local->isReady() && local->url() != first, 20000);
    const QJsonObject info = gatewayinfo::nodeInfo(local->url());
    QCOMPARE(info.value(QStringLiteral("network")).toString(), QStringLiteral("ham-dht"));
    QCOMPARE(info.value(QStringLiteral("network_id")).toInteger(), 59973);
    QCOMPARE(local->stateDir(), data + QStringLiteral("/gateway-ham-dht"));
    QVERIFY(usesGateway(*window, local->url()));
    QVERIFY(networkAction(*window, QStringLiteral("ham-dht"))->isChecked());
    QVERIFY(!networkAction(*window, QStringLiteral("local"))->isChecked());
    // Said (the tab's fetch through the restarted gateway may write its own line after it).
    QTRY_VERIFY(std::any_of(said.begin(), said.end(), [](const QList<QVariant>& m) {
        return m.first().toString().startsWith(QStringLiteral("Local gateway started on Ham-DHT"));
    }));
    // Its health, as the gateway tells it: none of Ham-DHT's hosts can be reached from here.
    QTRY_VERIFY_WITH_TIMEOUT(
        window->localGatewayStatus()->text().startsWith(QStringLiteral("Local gateway on Ham-DHT · ")),
        10000);
    // Probing paused (the gateway dock's action): the health is what the gateway said last,
    // marked as such with its time; resumed, the mark goes.
    auto* pause = window->findChild<QAction*>(QStringLiteral("pauseProbing"));
    QVERIFY(pause);
    pause->trigger();
    QTRY_VERIFY2(window->localGatewayStatus()->text().endsWith(QStringLiteral("; probing paused)")),
                 qPrintable(window->localGatewayStatus()->text()));
    QVERIFY(window->localGatewayStatus()->text().startsWith(QStringLiteral("Local gateway on Ham-DHT · ")));
    pause->trigger();
    QTRY_VERIFY2(!window->localGatewayStatus()->text().contains(QStringLiteral("paused")),
                 qPrintable(window->localGatewayStatus()->text()));
    browserSettings().flush(); // remembered on disk, for the next start
    QCOMPARE(QSettings().value(Settings::name(Settings::Key::LocalGatewayNetwork)).toString(),
             QStringLiteral("ham-dht"));
    // A network of its own: the local network's value is not there.
    QTest::keyClick(window.get(), Qt::Key_F5);
    QVERIFY(tab->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 20000);
    QCOMPARE(tab->model()->rowCount(), 0);
    QVERIFY2(tab->stateLabel()->text().contains(QStringLiteral("No values")),
             qPrintable(tab->stateLabel()->text()));

    // The choice outlives the window: the next one starts its local gateway on Ham-DHT.
    window->close();
    window.reset();
    window = std::make_unique<MainWindow>(options);
    window->show();
    local = window->activeGateway()->localGateway();
    QCOMPARE(local->network(), QStringLiteral("ham-dht"));
    QVERIFY(networkAction(*window, QStringLiteral("ham-dht"))->isChecked());
    QVERIFY2(window->localGatewayStatus()->text().startsWith(QStringLiteral("Local gateway on Ham-DHT")),
             qPrintable(window->localGatewayStatus()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(local->isReady(), 20000);
    QCOMPARE(networkOf(local->url()), QStringLiteral("ham-dht"));
    QVERIFY(usesGateway(*window, local->url()));

    // Back to Local while it is the gateway the user chose by hand: it restarts on the old
    // state directory, stays the one in use and the user's choice, and the value is there.
    window->chooser()->use(local->url());
    const QUrl ham = local->url();
    networkAction(*window, QStringLiteral("local"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(local->isReady() && local->url() != ham, 20000);
    QCOMPARE(networkOf(local->url()), QStringLiteral("local"));
    QCOMPARE(local->stateDir(), localState);
    QVERIFY(usesGateway(*window, local->url()));
    QVERIFY(!window->chooser()->isAutomatic());
    tab = fetchKey(*window, QStringLiteral("across networks"));
    QVERIFY(tab);
    QTRY_COMPARE(tab->model()->rowCount(), 1);
    QCOMPARE(tab->model()->valueAt(0).data, QByteArray("stays local"));
    QCOMPARE(window->localGatewayStatus()->text(), QStringLiteral("Local gateway without a network"));

    const qint64 pid = local->processId();
    window->close();
    window.reset();
    QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 5000);
}

void TestBrowser::localNetworkRememberedWhileAnotherGatewayIsInUse()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    LocalGateway* local = window.activeGateway()->localGateway();
    networkAction(window, QStringLiteral("public"))->trigger();
    QVERIFY(!local->isRunning()); // nothing starts: another gateway is in use
    QCOMPARE(local->network(), QStringLiteral("public"));
    browserSettings().flush();
    QCOMPARE(QSettings().value(Settings::name(Settings::Key::LocalGatewayNetwork)).toString(),
             QStringLiteral("public"));
    QVERIFY2(window.operationStatus()->text().contains(QStringLiteral("stays in use")),
             qPrintable(window.operationStatus()->text()));
    QCOMPARE(window.localGatewayStatus()->text(),
             QStringLiteral("Local gateway on Public OpenDHT (Jami) (not running)"));
    QVERIFY(usesGateway(window, on.gateway.url()));
}

void TestBrowser::networkOptionIsForOneRun()
{
    QSettings().setValue(Settings::name(Settings::Key::LocalGatewayNetwork), QStringLiteral("ham-dht"));
    MainWindow::Options options;
    options.localFallback = false;
    options.restoreSession = false;
    options.network = QStringLiteral("public");
    {
        MainWindow window(options);
        QCOMPARE(window.activeGateway()->localNetwork(), QStringLiteral("public"));
        QVERIFY(networkAction(window, QStringLiteral("public"))->isChecked());
        window.close();
    }
    QCOMPARE(QSettings().value(Settings::name(Settings::Key::LocalGatewayNetwork)).toString(),
             QStringLiteral("ham-dht"));

    // The real program: an unknown name is refused before any window or gateway, in words.
    QTemporaryDir home;
    QProcess browser;
    browser.setProcessEnvironment(browserEnvironment(home));
    browser.start(browserProgram(), {QStringLiteral("--network"), QStringLiteral("nowhere")});
    QVERIFY(browser.waitForFinished(15000));
    QCOMPARE(browser.exitCode(), 2);
    const QByteArray said = browser.readAllStandardError();
    QVERIFY2(said.contains("--network wants one of local, public, ham-dht, not \"nowhere\""),
             said.constData());
    browser.start(browserProgram(), {QStringLiteral("--help")});
    QVERIFY(browser.waitForFinished(15000));
    QVERIFY(browser.readAllStandardOutput().contains("--network <NAME>"));
}

QTEST_MAIN(TestBrowser)
#include "tst_browser.moc"
