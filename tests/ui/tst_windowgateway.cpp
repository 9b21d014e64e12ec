// The window while the gateway under it is given, chosen or replaced, driven as a user would
// with real widgets on the offscreen platform and real opendht-gateway processes on loopback.
#include "WindowTestSupport.h"
#include "hostile/HostileServer.h"
#include "support/GatewayProcess.h"

#include "core/connect/BackendFactory.h"
#include "core/kept/KeptPutKeeper.h"
#include "core/probe/ChoiceStore.h"
#include "core/probe/GatewayChooser.h"
#include "core/probe/GatewayDirectory.h"
#include "core/proxy/ProxyClient.h"
#include "ui/put/PutPanel.h"
#include "ui/values/ValuesModel.h"
#include "ui/values/ValuesStatus.h"

#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <QTimer>
#include <algorithm>

#include <signal.h>

#include <functional>

using namespace windowtest;

namespace {

// A loopback URL nobody listens on: a gateway's port, taken and let go.
QUrl deadUrl()
{
    GatewayProcess gone;
    QString error;
    if (!gone.start(&error))
        return {};
    return gone.url(); // stopped by the destructor
}

// Puts values under key at a gateway, as another program would; false if one was refused.
bool putAt(const QUrl& gateway, const QString& key, const QList<QByteArray>& values,
           const QByteArray& secret = {})
{
    QNetworkAccessManager nam;
    const auto backend = makeGatewayBackend(GatewayKind::Classic, &nam, gateway, QStringLiteral("test"));
    int stored = 0;
    int answered = 0;
    for (const QByteArray& value : values) {
        GatewayCall* call = backend->putValue(DhtKey::parse(key, DhtKey::Mode::Text), value, 3600, secret);
        QObject::connect(call, &GatewayCall::finished, call, [call, &stored, &answered] {
            stored += call->ok();
            ++answered;
        });
    }
    return QTest::qWaitFor([&] { return answered == values.size(); }, 15000) && stored == answered;
}

// How many values a gateway holds under key, asked by another program (-1: no answer).
int countAt(const QUrl& gateway, const QString& key)
{
    QNetworkAccessManager nam;
    const auto backend = makeGatewayBackend(GatewayKind::Classic, &nam, gateway, QStringLiteral("test"));
    GatewayCall* call = backend->fetchValues(DhtKey::parse(key, DhtKey::Mode::Text));
    if (!QTest::qWaitFor([&] { return call->isFinished(); }, 15000) || !call->ok())
        return -1;
    return int(call->values().size());
}

// A value put with a secret the window does not know, shown in a tab of its own and selected.
KeyTab* removableValueShown(MainWindow& window, const QUrl& gateway, const QString& key)
{
    if (!putAt(gateway, key, {"removable"}, "s3cret"))
        return nullptr;
    KeyTab* tab = fetchKey(window, key);
    if (!tab || tab->model()->rowCount() != 1)
        return nullptr;
    tab->view()->selectRow(0);
    return tab;
}

// Once the tab asks for a secret, does meanwhile() (a change of gateway, say), then types the
// secret and presses OK. From a timer, so that it also happens inside a dialog's own event loop.
void answerSecretPrompt(KeyTab* tab, const std::function<void()>& meanwhile, bool* answered)
{
    auto* poll = new QTimer(tab);
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, tab, [tab, poll, meanwhile, answered] {
        auto* prompt = tab->findChild<QInputDialog*>();
        if (!prompt || !prompt->isVisible())
            return;
        poll->deleteLater();
        poll->stop();
        meanwhile();
        prompt->setTextValue(QStringLiteral("s3cret"));
        prompt->accept();
        *answered = true;
    });
    poll->start();
}

// The line above the table, and what it should say of the rows the table has now.
QString statusLine(KeyTab* tab)
{
    return tab->stateLabel()->text();
}

QString rowsInWords(KeyTab* tab)
{
    const int n = tab->model()->rowCount();
    return n == 0 ? QStringLiteral("No values") : ValuesStatus::valueCount(n);
}

MainWindow::Options plainStart()
{
    MainWindow::Options options;
    options.localFallback = false;
    options.restoreSession = false;
    return options;
}

// TEST-ONLY stand-in for a `dhtnode --proxyserver`: answers GET / as a proxy does (node_id) and
// takes every POST, so that a test sees each POST a proxy client makes, and what it carries.
struct RecordingProxy
{
    HostileServer server;

    bool listen()
    {
        server.setAct(HostileServer::send(
            HostileServer::httpOk(R"({"node_id":"0123456789abcdef0123456789abcdef01234567"})")));
        return server.listen();
    }
    QList<QByteArray> posts() const
    {
        QList<QByteArray> out;
        for (const QByteArray& request : server.receivedRequests()) {
            if (request.startsWith("POST /key/"))
                out << request;
        }
        return out;
    }
    int permanentPosts() const
    {
        int n = 0;
        for (const QByteArray& post : posts())
            n += post.contains("\"permanent\":true");
        return n;
    }
};

// A window pinned on the recording proxy, its client refreshing kept puts every 200 ms (22 h in
// real life), and a put there that the client keeps alive (TTL over 10 minutes); the client.
ProxyClient* keepingAPut(MainWindow& window, RecordingProxy& proxy)
{
    window.chooser()->directory()->add(
        {proxy.server.url(), QStringLiteral("proxy"), GatewayKind::Proxy, GatewayDirectory::Origin::User});
    window.chooser()->use(proxy.server.url());
    window.show();
    if (!usesGateway(window, proxy.server.url()))
        return nullptr;
    auto* client = qobject_cast<ProxyClient*>(window.activeGateway()->backend());
    if (!client)
        return nullptr;
    client->options().permanentRefreshMs = 200;
    window.keptPuts()->setRefreshMs(200); // the window's keeper refreshes what its clients kept
    KeyTab* tab = window.openKey(DhtKey::parse(QStringLiteral("kept"), DhtKey::Mode::Text), true);
    QSignalSpy put(tab, &KeyTab::putFinished);
    tab->put("kept for an hour", 3600, {});
    if (!put.wait(10000) || !put.first().first().toBool() || window.keptPuts()->puts().size() != 1)
        return nullptr;
    return client;
}

} // namespace

class TestWindowGateway : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void gatewayOptionIsForOneRunWhenPinned();
    void gatewayOptionIsForOneRunWhenAutomatic();
    void statusLineFollowsPutsWatchesAndGateways();
    void secretAskedThenValueRemoved();
    void removalRefusedWhenTheGatewayGoesDuringThePrompt();
    void removalRefusedWhenTheGatewayChangesDuringThePrompt();
    void applicationNameSetOnTheLiveBackend();
    void keptPutsHandedOverWhenTheGatewayChanges();
    void crashedLocalGatewayRestarted();
    void tabsFetchAgainThroughTheNewGateway();
    void cancelledRefetchKeepsTheList();
};

void TestWindowGateway::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("ODB_GATEWAY", GatewayProcess::binary().toLocal8Bit());
}

void TestWindowGateway::init()
{
    windowtest::startFromNothing();
}

void TestWindowGateway::gatewayOptionIsForOneRunWhenPinned()
{
    GatewayProcess mine;
    QString error;
    QVERIFY2(mine.start(&error), qPrintable(error));
    {
        // The user's own gateway, added and pinned by hand.
        MainWindow window(plainStart());
        window.chooser()->directory()->add(
            {mine.url(), QStringLiteral("mine"), std::nullopt, GatewayDirectory::Origin::User});
        window.chooser()->use(mine.url());
        QVERIFY(usesGateway(window, mine.url()));
        window.close();
    }
    const QUrl dead = deadUrl();
    QVERIFY(dead.isValid());
    {
        // opendht-browser --gateway DEAD: used and pinned in this run, listed as this run's.
        MainWindow window(onGateway(dead));
        window.show();
        QVERIFY(usesGateway(window, dead));
        QVERIFY(!window.chooser()->isAutomatic());
        const auto entry = window.chooser()->directory()->find(dead);
        QVERIFY(entry);
        QCOMPARE(entry->origin, GatewayDirectory::Origin::ThisRun);
        window.close();
    }
    // Neither the shared list (the CLI's too) nor the remembered choice have it.
    const auto shared = GatewayDirectory::openUserSettings();
    const GatewayDirectory reread(shared.get());
    QVERIFY(!reread.find(dead));
    QVERIFY(reread.find(mine.url()));
    QCOMPARE(ChoiceStore(shared.get()).manual(), mine.url());
    QCOMPARE(ChoiceStore(shared.get()).automatic(), false);

    // The next plain start is back on the user's gateway, pinned.
    MainWindow again(plainStart());
    again.show();
    QVERIFY(usesGateway(again, mine.url()));
    QVERIFY(!again.chooser()->isAutomatic());
    QVERIFY(!again.chooser()->directory()->find(dead));
}

void TestWindowGateway::gatewayOptionIsForOneRunWhenAutomatic()
{
    const QUrl dead = deadUrl();
    QVERIFY(dead.isValid());
    {
        MainWindow window(onGateway(dead));
        window.show();
        QVERIFY(usesGateway(window, dead));
        QVERIFY(!window.chooser()->isAutomatic());
        window.close();
    }
    const auto shared = GatewayDirectory::openUserSettings();
    QCOMPARE(ChoiceStore(shared.get()).automatic(), true);
    QVERIFY(ChoiceStore(shared.get()).manual() != dead);
    const auto remembered = ChoiceStore(shared.get()).rememberedChoice();
    QVERIFY(!remembered || *remembered != dead);

    MainWindow again(plainStart());
    again.show();
    QVERIFY(again.chooser()->isAutomatic());
    QVERIFY(!again.chooser()->directory()->find(dead));
    QVERIFY(!again.activeGateway()->backend() || again.activeGateway()->backend()->gateway() != dead);
}

void TestWindowGateway::statusLineFollowsPutsWatchesAndGateways()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    GatewayProcess other;
    QVERIFY2(other.start(&error), qPrintable(error));
    const QString key = QStringLiteral("status line");
    QVERIFY(putAt(other.url(), key, {"o1", "o2", "o3", "o4"}));

    KeyTab* tab = fetchKey(window, key);
    QVERIFY(tab);
    QCOMPARE(statusLine(tab),
             QStringLiteral("No values under this key at %1.").arg(on.gateway.url().toString()));

    // A put into the empty key: the line counts the new row.
    QTest::keyClicks(window.putPanel()->valueEdit(), QStringLiteral("mine"));
    QTest::mouseClick(window.putPanel()->putButton(), Qt::LeftButton);
    QTRY_COMPARE(tab->model()->rowCount(), 1);
    QCOMPARE(statusLine(tab), QStringLiteral("1 value at %1").arg(on.gateway.url().toString()));

    // Watching, then another gateway: the tab fetches again from it (the line says so, or
    // counts the rows still shown)...
    tab->setWatching(true);
    window.chooser()->directory()->add(
        {other.url(), QStringLiteral("other"), std::nullopt, GatewayDirectory::Origin::User});
    window.chooser()->use(other.url());
    QVERIFY(usesGateway(window, other.url()));
    QVERIFY2(statusLine(tab).startsWith(rowsInWords(tab)) ||
                 statusLine(tab).startsWith(QStringLiteral("Fetching from %1").arg(other.url().toString())),
             qPrintable(statusLine(tab)));
    // ...then the list of the new one, without F5 (its rows may come in before the fetch ends,
    // which the line says then).
    QTRY_COMPARE_WITH_TIMEOUT(statusLine(tab), QStringLiteral("4 values at %1").arg(other.url().toString()),
                              15000);
    QCOMPARE(tab->model()->rowCount(), 4);

    // A value put elsewhere comes with the watch: the line follows again.
    QVERIFY(putAt(other.url(), key, {"o5"}));
    QTRY_COMPARE_WITH_TIMEOUT(statusLine(tab), QStringLiteral("5 values at %1").arg(other.url().toString()),
                              15000);
    QCOMPARE(tab->model()->rowCount(), 5);
}

void TestWindowGateway::secretAskedThenValueRemoved()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    const QString key = QStringLiteral("remove with the secret typed");
    KeyTab* tab = removableValueShown(window, on.gateway.url(), key);
    QVERIFY(tab);
    bool answered = false;
    answerSecretPrompt(
        tab, [] {}, &answered);
    tab->removeSelected();
    QTRY_VERIFY(answered);
    QTRY_COMPARE_WITH_TIMEOUT(tab->model()->rowCount(), 0, 10000);
    QTRY_COMPARE(window.operationStatus()->text(), QStringLiteral("Value removed."));
    QCOMPARE(countAt(on.gateway.url(), key), 0);
}

void TestWindowGateway::removalRefusedWhenTheGatewayGoesDuringThePrompt()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    const QString key = QStringLiteral("remove while the gateway goes");
    KeyTab* tab = removableValueShown(window, on.gateway.url(), key);
    QVERIFY(tab);
    bool answered = false;
    // The gateway in use leaves the list while the secret is typed: no backend at all.
    answerSecretPrompt(
        tab, [&] { window.chooser()->directory()->remove(on.gateway.url()); }, &answered);
    tab->removeSelected();
    QTRY_VERIFY(answered);
    QVERIFY(!window.activeGateway()->backend());
    QTRY_VERIFY2(window.operationStatus()->text().contains(QStringLiteral("nothing was removed")),
                 qPrintable(window.operationStatus()->text()));
    QCOMPARE(countAt(on.gateway.url(), key), 1);
}

void TestWindowGateway::removalRefusedWhenTheGatewayChangesDuringThePrompt()
{
    WindowOnGateway on;
    QString error;
    QVERIFY2(on.open(&error), qPrintable(error));
    MainWindow& window = *on.window;
    GatewayProcess other;
    QVERIFY2(other.start(&error), qPrintable(error));
    const QString key = QStringLiteral("remove while the gateway changes");
    KeyTab* tab = removableValueShown(window, on.gateway.url(), key);
    QVERIFY(tab);
    bool answered = false;
    // The secret was asked for a value of the first gateway: it is not sent to another one.
    answerSecretPrompt(
        tab,
        [&] {
            window.chooser()->directory()->add(
                {other.url(), QStringLiteral("other"), std::nullopt, GatewayDirectory::Origin::User});
            window.chooser()->use(other.url());
        },
        &answered);
    // Said, though the tab's fetch through the new gateway may say its own line right after.
    QSignalSpy said(&window, &MainWindow::messageShown);
    tab->removeSelected();
    QTRY_VERIFY(answered);
    QVERIFY(usesGateway(window, other.url()));
    QTRY_VERIFY(std::any_of(said.begin(), said.end(), [](const QList<QVariant>& m) {
        return m.first().toString().contains(QStringLiteral("nothing was removed"));
    }));
    QCOMPARE(countAt(on.gateway.url(), key), 1);
}

void TestWindowGateway::applicationNameSetOnTheLiveBackend()
{
    RecordingProxy proxy;
    QVERIFY(proxy.listen());
    MainWindow window(plainStart());
    ProxyClient* client = keepingAPut(window, proxy);
    QVERIFY(client);
    QSignalSpy replaced(window.activeGateway(), &ActiveGateway::backendChanged);
    window.activeGateway()->setApplication(QStringLiteral("renamed-app"));
    QCOMPARE(replaced.size(), 0);
    QCOMPARE(window.activeGateway()->backend(), client);
    QCOMPARE(window.keptPuts()->puts().size(), 1);
    // The kept put goes on being refreshed...
    const int refreshed = proxy.permanentPosts();
    QTRY_VERIFY_WITH_TIMEOUT(proxy.permanentPosts() >= refreshed + 3, 10000);
    // ...and the next call carries the new name.
    KeyTab* tab = window.currentTab();
    QSignalSpy put(tab, &KeyTab::putFinished);
    tab->put("after the rename", 60, {});
    QVERIFY(put.wait(10000));
    QTRY_VERIFY(proxy.posts().last().contains("renamed-app"));
}

void TestWindowGateway::keptPutsHandedOverWhenTheGatewayChanges()
{
    RecordingProxy proxy;
    QVERIFY(proxy.listen());
    GatewayProcess classic;
    QString error;
    QVERIFY2(classic.start(&error), qPrintable(error));
    MainWindow window(plainStart());
    QVERIFY(keepingAPut(window, proxy));
    window.chooser()->directory()->add(
        {classic.url(), QStringLiteral("classic"), std::nullopt, GatewayDirectory::Origin::User});
    window.chooser()->use(classic.url());
    QVERIFY(usesGateway(window, classic.url()));
    // The put outlives its client: still refreshed at its proxy, never downgraded (which
    // would end it within 10 minutes, long before its hour).
    const int refreshed = proxy.permanentPosts();
    QTRY_VERIFY_WITH_TIMEOUT(proxy.permanentPosts() >= refreshed + 3, 10000);
    QCOMPARE(proxy.posts().size(), proxy.permanentPosts());
}

void TestWindowGateway::crashedLocalGatewayRestarted()
{
    MainWindow::Options options = plainStart();
    options.localFallback = true;
    MainWindow window(options);
    window.show();
    LocalGateway* local = window.activeGateway()->localGateway();
    QTRY_VERIFY_WITH_TIMEOUT(local->isReady(), 20000);
    QVERIFY(usesGateway(window, local->url()));
    QSignalSpy messages(window.activeGateway(), &ActiveGateway::message);
    for (int crash = 1; crash <= ActiveGateway::localRestartsPerWindow + 1; ++crash) {
        const qint64 pid = local->processId();
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 20000);
        const QString said = messages.takeFirst().first().toString();
        // Why, in words, even though it had no time to say anything itself.
        QVERIFY2(said.startsWith(QStringLiteral("the local gateway crashed without a message")),
                 qPrintable(said));
        if (crash > ActiveGateway::localRestartsPerWindow) {
            QVERIFY2(said.contains(QStringLiteral("not restarted")), qPrintable(said));
            QVERIFY(!local->isRunning());
            break;
        }
        QVERIFY2(said.endsWith(QStringLiteral("Restarting it…")), qPrintable(said));
        QTRY_VERIFY_WITH_TIMEOUT(local->isReady() && local->processId() != pid, 20000);
        QVERIFY(usesGateway(window, local->url()));
        messages.clear();
    }
}

void TestWindowGateway::tabsFetchAgainThroughTheNewGateway()
{
    GatewayProcess first;
    GatewayProcess second;
    QString error;
    QVERIFY2(first.start(&error), qPrintable(error));
    QVERIFY2(second.start(&error), qPrintable(error));
    // Two gateways of two separate DHTs: what a tab shows tells which one it came from.
    QVERIFY(putAt(second.url(), QStringLiteral("tab one"), {"one at the second"}));
    QVERIFY(putAt(second.url(), QStringLiteral("tab two"), {"two at the second", "and another"}));
    MainWindow window(plainStart());
    window.chooser()->directory()->add(
        {first.url(), QStringLiteral("first"), std::nullopt, GatewayDirectory::Origin::User});
    window.chooser()->setAutomatic(true);
    window.show();
    QVERIFY(usesGateway(window, first.url()));

    KeyTab* one = fetchKey(window, QStringLiteral("tab one"));
    QVERIFY(one);
    QCOMPARE(one->model()->rowCount(), 0);
    KeyTab* two = window.openKey(DhtKey::parse(QStringLiteral("tab two"), DhtKey::Mode::Text), true);
    two->fetch();
    QTRY_VERIFY_WITH_TIMEOUT(two->hasFetched() && !two->isBusy(), 15000);
    QCOMPARE(two->model()->rowCount(), 0);

    // The first gateway dies, and a second one is found: the window fails over to it, says
    // so, and the tab in front fetches again.
    QSignalSpy said(&window, &MainWindow::messageShown);
    first.stop();
    window.chooser()->directory()->add(
        {second.url(), QStringLiteral("second"), std::nullopt, GatewayDirectory::Origin::User});
    QVERIFY(QTest::qWaitFor([&] { return usesGateway(window, second.url()); }, 60000));
    QTRY_VERIFY(std::any_of(said.begin(), said.end(), [](const QList<QVariant>& m) {
        return m.first().toString().startsWith(QStringLiteral("Now using"));
    }));
    QTRY_COMPARE_WITH_TIMEOUT(two->model()->rowCount(), 2, 15000);
    QVERIFY(!two->isStale());
    // The other tab fetches again when shown, from the gateway now in use.
    QVERIFY(one->isStale());
    window.tabs()->setCurrentWidget(one); // the key tabs (the side panel has tabs too)
    QTRY_COMPARE_WITH_TIMEOUT(one->model()->rowCount(), 1, 15000);
    QVERIFY(!one->isStale());
}

void TestWindowGateway::cancelledRefetchKeepsTheList()
{
    GatewayProcess gateway;
    QString error;
    QVERIFY2(gateway.start(&error), qPrintable(error));
    QList<QByteArray> values;
    for (int i = 0; i < 120; ++i)
        values << QByteArray("value number ") + QByteArray::number(i) + QByteArray(60, 'x');
    const QString key = QStringLiteral("cancelled refetch");
    QVERIFY(putAt(gateway.url(), key, values));
    MainWindow window(onGateway(gateway.url()));
    window.show();
    QVERIFY(usesGateway(window, gateway.url()));
    KeyTab* tab = fetchKey(window, key, 30000);
    QVERIFY(tab);
    QCOMPARE(tab->model()->rowCount(), 120);
    // F5, then Esc before the many pages are in: the full list stays, not the pages so far.
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(tab->isBusy());
    tab->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 15000);
    QCOMPARE(tab->model()->rowCount(), 120);
    // A refetch to its end shows the same list, each value once.
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isBusy(), 30000);
    QCOMPARE(tab->model()->rowCount(), 120);
}

QTEST_MAIN(TestWindowGateway)
#include "tst_windowgateway.moc"
