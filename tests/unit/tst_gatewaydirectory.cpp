// The gateways the user knows, kept across restarts, and the automatic choice kept for a day
// in the same store (ChoiceStore).
#include "core/probe/ChoiceStore.h"
#include "core/probe/GatewayDirectory.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestGatewayDirectory : public QObject
{
    Q_OBJECT
private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    // The CLI adds a gateway while the browser runs: the browser's next change keeps it.
    void changesOfAnotherProgramSurviveOurNextSave()
    {
        const QString ini = m_dir.filePath(QStringLiteral("shared.ini"));
        QSettings browserSettings(ini, QSettings::IniFormat);
        GatewayDirectory browser(&browserSettings);
        browser.setLocalGateway(QUrl(QStringLiteral("http://127.0.0.1:40000/")));
        {
            QSettings cliSettings(ini, QSettings::IniFormat);
            GatewayDirectory cli(&cliSettings);
            QVERIFY(cli.add({QUrl(QStringLiteral("http://cli.example:5851/")), QStringLiteral("cli"),
                             std::nullopt, GatewayDirectory::Origin::User}));
        }
        QVERIFY(browser.add({QUrl(QStringLiteral("http://browser.example:5851/")), QStringLiteral("browser"),
                             std::nullopt, GatewayDirectory::Origin::User}));
        QVERIFY(browser.find(QUrl(QStringLiteral("http://cli.example:5851/"))));
        QVERIFY(browser.find(QUrl(QStringLiteral("http://127.0.0.1:40000/")))); // the local one stays

        QSettings again(ini, QSettings::IniFormat);
        GatewayDirectory reread(&again);
        QVERIFY(reread.find(QUrl(QStringLiteral("http://cli.example:5851/"))));
        QVERIFY(reread.find(QUrl(QStringLiteral("http://browser.example:5851/"))));
    }

    void builtInListThenUserEntriesPersist()
    {
        {
            QSettings settings(m_dir.filePath(QStringLiteral("a.ini")), QSettings::IniFormat);
            GatewayDirectory dir(&settings);
            QVERIFY(!dir.entries().isEmpty()); // from resources/gateways.json
            QCOMPARE(dir.entries().first().origin, GatewayDirectory::Origin::BuiltIn);
            QVERIFY(dir.add({QUrl(QStringLiteral("http://127.0.0.1:8000/")), QStringLiteral("my proxy"),
                             GatewayKind::Proxy, GatewayDirectory::Origin::User}));
            QVERIFY(!dir.add(
                {QUrl(QStringLiteral("http://127.0.0.1:8000/")), {}, {}, GatewayDirectory::Origin::User}));
        }
        QSettings settings(m_dir.filePath(QStringLiteral("a.ini")), QSettings::IniFormat);
        GatewayDirectory again(&settings);
        const auto e = again.find(QUrl(QStringLiteral("http://127.0.0.1:8000/")));
        QVERIFY(e);
        QCOMPARE(e->name, QStringLiteral("my proxy"));
        QCOMPARE(e->kind, GatewayKind::Proxy);
        QVERIFY(again.remove(e->url));
        QVERIFY(!again.find(e->url));
    }

    void anEditedEntryKeepsItsPlaceAndIsSaved()
    {
        const QString ini = m_dir.filePath(QStringLiteral("g.ini"));
        const QUrl a(QStringLiteral("http://127.0.0.1:8001/")), b(QStringLiteral("http://127.0.0.1:8002/")),
            edited(QStringLiteral("http://127.0.0.1:8003/"));
        {
            QSettings settings(ini, QSettings::IniFormat);
            GatewayDirectory dir(&settings);
            dir.add({a, QStringLiteral("a"), {}, GatewayDirectory::Origin::User});
            dir.add({b, QStringLiteral("b"), {}, GatewayDirectory::Origin::User});
            const auto at = dir.entries().size() - 2;
            QVERIFY(!dir.replace(a, {b, QStringLiteral("taken"), {}, GatewayDirectory::Origin::User}));
            QVERIFY(!dir.replace(edited, {edited, {}, {}, GatewayDirectory::Origin::User}));
            QVERIFY(dir.replace(
                a, {edited, QStringLiteral("renamed"), GatewayKind::Proxy, GatewayDirectory::Origin::User}));
            QCOMPARE(dir.entries().at(at).url, edited);
            QCOMPARE(dir.entries().at(at + 1).url, b);
        }
        QSettings settings(ini, QSettings::IniFormat);
        GatewayDirectory again(&settings);
        QVERIFY(!again.find(a));
        QCOMPARE(again.find(edited)->name, QStringLiteral("renamed"));
        QCOMPARE(again.find(edited)->kind, GatewayKind::Proxy);
    }

    void discoveredComeAndGo()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("b.ini")), QSettings::IniFormat);
        GatewayDirectory dir(&settings);
        const QUrl a(QStringLiteral("http://127.0.0.2:5851/")), b(QStringLiteral("http://127.0.0.3:5851/"));
        dir.add({b, {}, {}, GatewayDirectory::Origin::User});
        dir.mergeDiscovered({a, b});
        QCOMPARE(dir.find(a)->origin, GatewayDirectory::Origin::Discovered);
        QCOMPARE(dir.find(b)->origin, GatewayDirectory::Origin::User); // the user's stays the user's
        dir.mergeDiscovered({});
        QVERIFY(!dir.find(a)); // no longer announced: forgotten
        QVERIFY(dir.find(b));  // added by the user: kept
    }

    void choiceLastsADay()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("c.ini")), QSettings::IniFormat);
        ChoiceStore store(&settings);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QUrl url(QStringLiteral("http://127.0.0.1:5851/"));
        store.rememberChoice(url, now);
        settings.sync();
        QSettings reread(settings.fileName(), QSettings::IniFormat);
        ChoiceStore afterRestart(&reread);
        QCOMPARE(afterRestart.rememberedChoice(now.addSecs(3600)), url);
        QVERIFY(!afterRestart.rememberedChoice(now.addSecs(86400)));
        afterRestart.forgetChoice();
        QVERIFY(!afterRestart.rememberedChoice(now));
    }

    void oneLocalGatewayNeverSaved()
    {
        const QString ini = m_dir.filePath(QStringLiteral("d.ini"));
        const QUrl first(QStringLiteral("http://127.0.0.1:40001/")),
            second(QStringLiteral("http://127.0.0.1:40002/"));
        {
            QSettings settings(ini, QSettings::IniFormat);
            GatewayDirectory dir(&settings);
            const auto before = dir.entries().size();
            dir.setLocalGateway(first);
            dir.setLocalGateway(second); // the next start of the embedded gateway: a new port
            QCOMPARE(dir.entries().size(), before + 1);
            QVERIFY(!dir.find(first));
            QCOMPARE(dir.find(second)->name, QStringLiteral("Local gateway"));
            QCOMPARE(dir.find(second)->origin, GatewayDirectory::Origin::Local);
            QVERIFY(!dir.whyNotRemovable(second).isEmpty());
            dir.add(
                {QUrl(QStringLiteral("http://127.0.0.1:40003/")), {}, {}, GatewayDirectory::Origin::User});
        }
        QSettings settings(ini, QSettings::IniFormat);
        GatewayDirectory afterRestart(&settings);
        QVERIFY(!afterRestart.find(second)); // its port is gone with the browser that started it
        QVERIFY(afterRestart.find(QUrl(QStringLiteral("http://127.0.0.1:40003/"))));
        afterRestart.setLocalGateway(second);
        afterRestart.setLocalGateway({});
        QVERIFY(!afterRestart.find(second));
    }

    // opendht-browser --gateway URL: listed while the browser runs, never in the shared file,
    // kept through the changes other programs make; Add makes it the user's for good.
    void thisRunEntryNeverSaved()
    {
        const QString ini = m_dir.filePath(QStringLiteral("g.ini"));
        const QUrl once(QStringLiteral("http://127.0.0.1:40006/"));
        const QUrl kept(QStringLiteral("http://127.0.0.1:40007/"));
        QSettings settings(ini, QSettings::IniFormat);
        GatewayDirectory dir(&settings);
        QVERIFY(dir.add({once, {}, {}, GatewayDirectory::Origin::ThisRun}));
        QVERIFY(dir.add({kept, {}, {}, GatewayDirectory::Origin::ThisRun}));
        dir.add({QUrl(QStringLiteral("http://127.0.0.1:40008/")), {}, {}, GatewayDirectory::Origin::User});
        QCOMPARE(dir.find(once)->origin, GatewayDirectory::Origin::ThisRun); // a save keeps it listed
        QVERIFY(!dir.add({once, {}, {}, GatewayDirectory::Origin::ThisRun}));
        QVERIFY(dir.add({kept, QStringLiteral("mine"), {}, GatewayDirectory::Origin::User}));
        QCOMPARE(dir.find(kept)->origin, GatewayDirectory::Origin::User);

        QSettings again(ini, QSettings::IniFormat);
        GatewayDirectory afterRestart(&again);
        QVERIFY(!afterRestart.find(once));
        QCOMPARE(afterRestart.find(kept)->name, QStringLiteral("mine"));
    }

    void builtInRefusedWithAReasonUserEntriesRemovable()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("e.ini")), QSettings::IniFormat);
        GatewayDirectory dir(&settings);
        const QUrl builtIn = dir.entries().first().url;
        QVERIFY(dir.whyNotRemovable(builtIn).contains(QStringLiteral("built in")));
        const QUrl mine(QStringLiteral("http://127.0.0.1:40004/"));
        dir.add({mine, {}, {}, GatewayDirectory::Origin::User});
        QCOMPARE(dir.whyNotRemovable(mine), QString());
        dir.mergeDiscovered({QUrl(QStringLiteral("http://127.0.0.1:40005/"))});
        QCOMPARE(dir.whyNotRemovable(QUrl(QStringLiteral("http://127.0.0.1:40005/"))), QString());
    }

    void expiredChoiceStillHasItsTime()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("f.ini")), QSettings::IniFormat);
        ChoiceStore store(&settings);
        QVERIFY(!store.choiceTime());
        const QDateTime twoDaysAgo = QDateTime::currentDateTimeUtc().addDays(-2);
        store.rememberChoice(QUrl(QStringLiteral("http://127.0.0.1:5851/")), twoDaysAgo);
        QVERIFY(!store.rememberedChoice());
        QVERIFY(!store.rememberedChoice(twoDaysAgo.addSecs(-60))); // from the future: a clock set back
        QCOMPARE(store.choiceTime()->toSecsSinceEpoch(), twoDaysAgo.toSecsSinceEpoch());
    }

    // The mode and the user's gateway live beside the list, and the list does not see them.
    void theChoiceSharesTheListsStore()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("g.ini")), QSettings::IniFormat);
        ChoiceStore store(&settings);
        QVERIFY(store.automatic()); // the default
        const QUrl mine(QStringLiteral("http://127.0.0.1:40006/"));
        GatewayDirectory dir(&settings);
        QVERIFY(dir.add({mine, {}, {}, GatewayDirectory::Origin::User}));
        store.setAutomatic(false);
        store.setManual(mine);
        const int listed = int(dir.entries().size());
        GatewayDirectory reread(&settings);
        QCOMPARE(int(reread.entries().size()), listed);
        QCOMPARE(ChoiceStore(&settings).automatic(), false);
        QCOMPARE(ChoiceStore(&settings).manual(), mine);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestGatewayDirectory)
#include "tst_gatewaydirectory.moc"
