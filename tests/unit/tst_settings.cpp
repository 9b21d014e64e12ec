// Settings: one typed table of the browser's settings, whose writes are coalesced.
#include "core/settings/Settings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TstSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_file;

    // What the file on disk says, read afresh (another process's view).
    QByteArray onDisk() const
    {
        QFile file(m_file);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + QStringLiteral(".conf"));
    }

    void everyKeyHasItsOwnName()
    {
        QSet<QString> names;
        const QMetaEnum keys = QMetaEnum::fromType<Settings::Key>();
        for (int i = 0; i < keys.keyCount(); ++i) {
            const QString name = Settings::name(Settings::Key(keys.value(i)));
            QVERIFY2(name.contains(u'/'), qPrintable(name)); // a group and a key, as browser.conf has them
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
        }
        QCOMPARE(Settings::name(Settings::Key::PutTtlSeconds), QStringLiteral("put/ttlSeconds"));
    }

    void absentKeysGiveTheirDefault()
    {
        Settings settings(m_file);
        QCOMPARE(settings.value(Settings::Key::PutApplication).toString(), QStringLiteral("opendht-browser"));
        QCOMPARE(settings.value(Settings::Key::SessionCurrent).toInt(), 0);
        QVERIFY(!settings.contains(Settings::Key::PutApplication));
        QVERIFY(!settings.value(Settings::Key::ViewerMode, QStringLiteral("image")).isValid());
    }

    void manyChangesWriteOnceAfterTheDelay()
    {
        Settings settings(m_file);
        for (int seconds = 60; seconds <= 6000; seconds += 60) // a slider dragged over 100 steps
            settings.setValue(Settings::Key::PutTtlSeconds, seconds);
        QCOMPARE(settings.value(Settings::Key::PutTtlSeconds).toInt(), 6000); // seen at once
        QVERIFY(settings.hasPending());
        QVERIFY(!onDisk().contains("ttlSeconds")); // nothing written while the event loop has not run
        QTRY_VERIFY_WITH_TIMEOUT(onDisk().contains("ttlSeconds=6000"), 10000);
        QVERIFY(!settings.hasPending());
    }

    void theLastValueIsWrittenAtTheEnd()
    {
        auto settings = std::make_unique<Settings>(m_file);
        settings->setValue(Settings::Key::PutApplication, QStringLiteral("mine"));
        settings->setValue(Settings::Key::LocalGatewayNetwork, QStringLiteral("ham-dht"));
        settings.reset(); // the application quits before the delay is over
        QVERIFY(onDisk().contains("application=mine"));
        QCOMPARE(
            QSettings(m_file, QSettings::IniFormat).value(QStringLiteral("localGateway/network")).toString(),
            QStringLiteral("ham-dht"));
        Settings again(m_file);
        QCOMPARE(again.value(Settings::Key::PutApplication).toString(), QStringLiteral("mine"));
    }

    void removalAndSubKeys()
    {
        Settings settings(m_file);
        settings.setValue(Settings::Key::ViewerMode, QStringLiteral("text"));
        settings.setValue(Settings::Key::ViewerMode, QStringLiteral("image"), QStringLiteral("hex"));
        settings.flush();
        QCOMPARE(
            QSettings(m_file, QSettings::IniFormat).value(QStringLiteral("viewer/mode/image")).toString(),
            QStringLiteral("hex"));
        settings.remove(Settings::Key::ViewerMode, QStringLiteral("image"));
        QVERIFY(!settings.value(Settings::Key::ViewerMode, QStringLiteral("image")).isValid()); // at once
        QCOMPARE(settings.value(Settings::Key::ViewerMode).toString(), QStringLiteral("text"));
        settings.flush();
        QVERIFY(!QSettings(m_file, QSettings::IniFormat).contains(QStringLiteral("viewer/mode/image")));
        settings.remove(Settings::Key::PutApplication);
        QCOMPARE(settings.value(Settings::Key::PutApplication).toString(), QStringLiteral("opendht-browser"));
    }

    void recordsAreWhatQSettingsArraysWere()
    {
        { // as the bookmarks were written before the table had them
            QSettings old(m_file, QSettings::IniFormat);
            old.beginWriteArray(QStringLiteral("keys/bookmarks"), 3);
            for (int i = 0; i < 3; ++i) {
                old.setArrayIndex(i);
                old.setValue(QStringLiteral("name"), QStringLiteral("n%1").arg(i));
            }
            old.endArray();
        }
        Settings settings(m_file);
        const auto read = settings.records(Settings::Key::KeysBookmarks, {QStringLiteral("name")});
        QCOMPARE(read.size(), 3);
        QCOMPARE(read.at(2).value(QStringLiteral("name")).toString(), QStringLiteral("n2"));
        // Shorter, in one burst with the removal it begins with: the old tail goes, the rest stays.
        settings.setRecords(Settings::Key::KeysBookmarks,
                            {{{QStringLiteral("name"), QStringLiteral("only")}}});
        QCOMPARE(settings.records(Settings::Key::KeysBookmarks, {QStringLiteral("name")}).size(), 1);
        settings.flush();
        QSettings file(m_file, QSettings::IniFormat);
        QCOMPARE(file.beginReadArray(QStringLiteral("keys/bookmarks")), 1);
        file.setArrayIndex(0);
        QCOMPARE(file.value(QStringLiteral("name")).toString(), QStringLiteral("only"));
        file.endArray();
        QVERIFY(!file.contains(QStringLiteral("keys/bookmarks/3/name")));
    }

    void aRemovalTakesWhatIsUnderIt()
    {
        Settings settings(m_file);
        settings.setValue(Settings::Key::ViewerMode, QStringLiteral("image"), QStringLiteral("hex"));
        settings.flush();
        settings.remove(Settings::Key::ViewerMode);
        QVERIFY(!settings.value(Settings::Key::ViewerMode, QStringLiteral("image")).isValid()); // at once
        settings.flush();
        QVERIFY(!QSettings(m_file, QSettings::IniFormat).contains(QStringLiteral("viewer/mode/image")));
    }
};

QTEST_GUILESS_MAIN(TstSettings)
#include "tst_settings.moc"
