// The key history: the user's index of the keys they fetched, most recent first, kept across
// restarts, and the model a QCompleter offers them from.
#include "UiTestSupport.h"
#include "ui/keys/KeyHistory.h"
#include "ui/keys/KeyHistoryModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(DhtKey::Mode)

namespace {
DhtKey text(const QString& input)
{
    return DhtKey::parse(input, DhtKey::Mode::Text);
}

QStringList inputs(const KeyHistory& history)
{
    QStringList list;
    for (const KeyHistory::Entry& e : history.entries())
        list << e.input;
    return list;
}

} // namespace

class TestKeyHistory : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolate(QStringLiteral("tst_keyhistory")); }
    void init() { uitest::forgetKeySettings(); }

    void mostRecentFirstWithoutRepeats()
    {
        KeyHistory history;
        QAbstractItemModelTester tester(history.completionModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&history, &KeyHistory::changed);
        history.add(text(QStringLiteral("alpha")));
        history.add(text(QStringLiteral("beta")));
        history.add(text(QStringLiteral("alpha")));
        QCOMPARE(inputs(history), (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
        QCOMPARE(changed.size(), 3);

        history.add(text(QStringLiteral("alpha"))); // already first: nothing changes
        QCOMPARE(changed.size(), 3);

        // The same text as raw bytes is another key: both are kept, each with its mode.
        history.add(DhtKey::parse(QStringLiteral("alpha"), DhtKey::Mode::Raw));
        QCOMPARE(history.entries().size(), 3);
        QCOMPARE(history.entries().at(0).mode, DhtKey::Mode::Raw);
        QCOMPARE(history.entries().at(1).mode, DhtKey::Mode::Text);
    }

    void invalidAndEmptyKeysAreNotRemembered()
    {
        KeyHistory history;
        history.add(DhtKey::parse(QStringLiteral("xyz"), DhtKey::Mode::Hex));
        history.add(DhtKey::parse(QString(21, u'a'), DhtKey::Mode::Raw));
        history.add(text(QString()));
        history.add(DhtKey());
        QVERIFY(history.entries().isEmpty());
    }

    void keepsTheNewestUpToTheLimit()
    {
        KeyHistory history;
        QAbstractItemModelTester tester(history.completionModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 0; i < KeyHistory::limit + 5; ++i)
            history.add(text(QStringLiteral("key %1").arg(i)));
        QCOMPARE(history.entries().size(), KeyHistory::limit);
        QCOMPARE(history.entries().first().input, QStringLiteral("key %1").arg(KeyHistory::limit + 4));
        QCOMPARE(history.entries().last().input, QStringLiteral("key 5"));
        // An old entry used again comes back to the top without growing the list.
        history.add(text(QStringLiteral("key 5")));
        QCOMPARE(history.entries().size(), KeyHistory::limit);
        QCOMPARE(history.entries().first().input, QStringLiteral("key 5"));
    }

    void removeAndClear()
    {
        KeyHistory history;
        QAbstractItemModelTester tester(history.completionModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const char* k : {"a", "b", "c"})
            history.add(text(QString::fromLatin1(k)));
        history.remove(1);
        QCOMPARE(inputs(history), (QStringList{QStringLiteral("c"), QStringLiteral("a")}));
        history.remove(7); // out of range: ignored
        QCOMPARE(history.entries().size(), 2);
        history.clear();
        QVERIFY(history.entries().isEmpty());
        QCOMPARE(history.completionModel()->rowCount(), 0);
    }

    void restoredByTheNextInstance()
    {
        {
            KeyHistory history;
            history.add(text(QStringLiteral("first")));
            history.add(DhtKey::parse(QStringLiteral("00ff"), DhtKey::Mode::Hex));
            history.add(DhtKey::parse(QStringLiteral(" raw "), DhtKey::Mode::Raw));
            history.add(text(QStringLiteral("gone")));
            history.remove(0);
        }
        browserSettings().flush(); // as the browser does when it quits
        // On disk, not only in this process's settings cache.
        QFile file(browserSettings().fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("hex:00ff"));
        KeyHistory again;
        const QList<KeyHistory::Entry> e = again.entries();
        QCOMPARE(e.size(), 3);
        QCOMPARE(e.at(0).input, QStringLiteral(" raw ")); // exactly as typed, spaces included
        QCOMPARE(e.at(0).mode, DhtKey::Mode::Raw);
        QCOMPARE(e.at(1).input, QStringLiteral("00ff"));
        QCOMPARE(e.at(1).mode, DhtKey::Mode::Hex);
        QCOMPARE(e.at(2).input, QStringLiteral("first"));
        again.clear();
        QVERIFY(KeyHistory().entries().isEmpty());
    }

    void brokenSettingsAreDropped()
    {
        browserSettings().setValue(Settings::Key::KeysHistory,
                                   QStringList{QStringLiteral("text:ok"), QStringLiteral("hex:zz"),
                                               QStringLiteral("text:ok"), QStringLiteral("base64:x"),
                                               QStringLiteral("junk"),
                                               QStringLiteral("raw:abcdefghijklmnopqrstu"),
                                               QStringLiteral("raw:ok"), QStringLiteral("text:a:b")});
        KeyHistory history;
        QCOMPARE(history.entries().size(), 3);
        QCOMPARE(history.entries().at(0).mode, DhtKey::Mode::Text);
        QCOMPARE(history.entries().at(1).mode, DhtKey::Mode::Raw);
        QCOMPARE(history.entries().at(2).input, QStringLiteral("a:b")); // the first colon separates
    }

    void codecRoundTrip_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<DhtKey::Mode>("mode");
        QTest::newRow("text") << QStringLiteral("my key") << DhtKey::Mode::Text;
        QTest::newRow("text unicode") << QStringLiteral("ключ ✓") << DhtKey::Mode::Text;
        QTest::newRow("text markup") << QStringLiteral("<b>x</b>") << DhtKey::Mode::Text;
        QTest::newRow("hex") << QStringLiteral("0A0b") << DhtKey::Mode::Hex;
        QTest::newRow("raw") << QStringLiteral(" spaced ") << DhtKey::Mode::Raw;
    }
    void codecRoundTrip()
    {
        QFETCH(QString, input);
        QFETCH(DhtKey::Mode, mode);
        const DhtKey key = DhtKey::parse(input, mode);
        // Through a settings file and back, as the window stores its open tabs.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("session.conf"));
        Settings(file).setValue(Settings::Key::SessionTabs, QVariantList{KeyHistory::toVariant(key)});
        const QVariantList tabs = Settings(file).value(Settings::Key::SessionTabs).toList();
        QCOMPARE(tabs.size(), 1);
        const DhtKey back = KeyHistory::fromVariant(tabs.first());
        QVERIFY(back.isValid());
        QCOMPARE(back.input(), input);
        QCOMPARE(back.mode(), mode);
        QCOMPARE(back.infoHashHex(), key.infoHashHex());
    }

    void codecRefusesWhatItDidNotWrite()
    {
        QVERIFY(!KeyHistory::fromVariant(QVariant()).isValid());
        QVERIFY(!KeyHistory::fromVariant(QStringLiteral("abc")).isValid());
        QVERIFY(
            !KeyHistory::fromVariant(QVariantMap{{QStringLiteral("input"), QStringLiteral("a")}}).isValid());
    }

    void completionModelShowsInputsAndModes()
    {
        KeyHistory history;
        history.add(DhtKey::parse(QStringLiteral("beef"), DhtKey::Mode::Hex));
        history.add(text(QStringLiteral("<i>key</i>")));
        const QAbstractItemModel* model = history.completionModel();
        QCOMPARE(model->rowCount(), 2);
        const QModelIndex first = model->index(0, KeyHistoryModel::InputColumn);
        QCOMPARE(first.data().toString(), QStringLiteral("<i>key</i>"));
        QCOMPARE(model->index(1, KeyHistoryModel::InputColumn).data().toString(), QStringLiteral("beef"));
        QCOMPARE(model->index(1, KeyHistoryModel::ModeColumn).data().toString(), QStringLiteral("hex"));
        QCOMPARE(model->index(1, 0).data(KeyHistoryModel::ModeRole).toInt(), int(DhtKey::Mode::Hex));
        // The tooltip shows the key literally, with its info hash.
        const QString shown = uitest::shownToolTip(first.data(Qt::ToolTipRole).toString());
        QVERIFY2(shown.contains(QStringLiteral("<i>key</i>")), qPrintable(shown));
        QVERIFY(shown.contains(text(QStringLiteral("<i>key</i>")).infoHashHex()));
    }
};

QTEST_MAIN(TestKeyHistory)
#include "tst_keyhistory.moc"
