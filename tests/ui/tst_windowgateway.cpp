// The window while the gateway under it is given, chosen or replaced, driven as a user would
// with real widgets on the offscreen platform and real opendht-gateway processes on loopback.
#include "GatewayProcess.h"
#include "WindowTestSupport.h"

#include <probe/GatewayChooser.h>
#include <probe/GatewayDirectory.h>

#include <QFile>
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

QTEST_MAIN(TestWindowGateway)
#include "tst_windowgateway.moc"
