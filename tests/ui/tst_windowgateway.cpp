// The window while the gateway under it is given, chosen or replaced, driven as a user would
// with real widgets on the offscreen platform and real opendht-gateway processes on loopback.
#include "GatewayProcess.h"
#include "WindowTestSupport.h"

#include <backend/BackendFactory.h>
#include <probe/GatewayChooser.h>
#include <probe/GatewayDirectory.h>
#include <put/PutPanel.h>
#include <values/ValuesModel.h>
#include <values/ValuesStatus.h>

#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

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
bool putAt(const QUrl& gateway, const QString& key, const QList<QByteArray>& values)
{
    QNetworkAccessManager nam;
    const auto backend = makeGatewayBackend(GatewayKind::Classic, &nam, gateway, QStringLiteral("test"));
    int stored = 0;
    int answered = 0;
    for (const QByteArray& value : values) {
        GatewayCall* call =
            backend->putValue(ClassicKey::parse(key, ClassicKey::Mode::Text), value, 3600, {});
        QObject::connect(call, &GatewayCall::finished, call, [call, &stored, &answered] {
            stored += call->ok();
            ++answered;
        });
    }
    return QTest::qWaitFor([&] { return answered == values.size(); }, 15000) && stored == answered;
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
};

void TestWindowGateway::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("ODB_GATEWAY", GatewayProcess::binary().toLocal8Bit());
}

void TestWindowGateway::init()
{
    // Every test starts from nothing: no settings, no gateway list, no remembered choice.
    QSettings().clear();
    GatewayDirectory::openUserSettings()->clear();
    QFile::remove(GatewayDirectory::userCacheFile());
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
    const GatewayDirectory reread(shared.get(), GatewayDirectory::userCacheFile());
    QVERIFY(!reread.find(dead));
    QVERIFY(reread.find(mine.url()));
    QCOMPARE(QSettings().value(QStringLiteral("gateways/manual")).toUrl(), mine.url());
    QCOMPARE(QSettings().value(QStringLiteral("gateways/automatic")).toBool(), false);

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
    QCOMPARE(QSettings().value(QStringLiteral("gateways/automatic"), true).toBool(), true);
    QVERIFY(QSettings().value(QStringLiteral("gateways/manual")).toUrl() != dead);
    const auto remembered =
        GatewayDirectory(GatewayDirectory::openUserSettings().get(), GatewayDirectory::userCacheFile())
            .rememberedChoice();
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

    // Watching, then another gateway: first the values of the previous one...
    tab->setWatching(true);
    window.chooser()->directory()->add(
        {other.url(), QStringLiteral("other"), std::nullopt, GatewayDirectory::Origin::User});
    window.chooser()->use(other.url());
    QVERIFY(usesGateway(window, other.url()));
    QVERIFY2(statusLine(tab).startsWith(rowsInWords(tab)), qPrintable(statusLine(tab)));
    // ...then the watch's list from the new one, without F5.
    QTRY_COMPARE_WITH_TIMEOUT(tab->model()->rowCount(), 4, 15000);
    QCOMPARE(statusLine(tab), QStringLiteral("4 values at %1").arg(other.url().toString()));

    // A value put elsewhere comes with the watch: the line follows again.
    QVERIFY(putAt(other.url(), key, {"o5"}));
    QTRY_COMPARE_WITH_TIMEOUT(tab->model()->rowCount(), 5, 15000);
    QCOMPARE(statusLine(tab), QStringLiteral("5 values at %1").arg(other.url().toString()));
}

QTEST_MAIN(TestWindowGateway)
#include "tst_windowgateway.moc"
