// Bookmarks: keys pinned under the user's own names, shown as plain text, kept across restarts.
#include "UiTestSupport.h"
#include "ui/keys/BookmarksModel.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

namespace {
using Bookmark = BookmarksModel::Bookmark;
using Mode = DhtKey::Mode;

} // namespace

class TestBookmarksModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolate(QStringLiteral("tst_bookmarksmodel")); }
    void init() { uitest::forgetKeySettings(); }

    void columnsShowNameKeyModeAndHash()
    {
        BookmarksModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.add({QStringLiteral("Chat room"), QStringLiteral("room/42"), Mode::Text}));
        QVERIFY(model.add({QStringLiteral("Node"), QStringLiteral("00ff"), Mode::Hex}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 4);
        const auto cell = [&model](int row, int column) {
            return model.index(row, column).data().toString();
        };
        QCOMPARE(cell(0, BookmarksModel::NameColumn), QStringLiteral("Chat room"));
        QCOMPARE(cell(0, BookmarksModel::KeyColumn), QStringLiteral("room/42"));
        QCOMPARE(cell(0, BookmarksModel::ModeColumn), QStringLiteral("text"));
        QCOMPARE(cell(0, BookmarksModel::HashColumn),
                 QString::fromLatin1(QCryptographicHash::hash("room/42", QCryptographicHash::Sha1).toHex()));
        QCOMPARE(cell(1, BookmarksModel::ModeColumn), QStringLiteral("hex"));
        QCOMPARE(cell(1, BookmarksModel::HashColumn), QString(36, u'0') + QStringLiteral("00ff"));
        QCOMPARE(model.headerData(BookmarksModel::HashColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Info hash"));
    }

    void theSameKeyIsBookmarkedOnce()
    {
        BookmarksModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QVERIFY(model.add({QStringLiteral("a"), QStringLiteral("key"), Mode::Text}));
        QVERIFY(!model.add({QStringLiteral("b"), QStringLiteral("key"), Mode::Text}));
        QVERIFY(model.add({QStringLiteral("c"), QStringLiteral("key"), Mode::Raw})); // another key
        QVERIFY(!model.add({QStringLiteral("bad"), QStringLiteral("xyz"), Mode::Hex}));
        QVERIFY(!model.add({QStringLiteral("long"), QString(21, u'r'), Mode::Raw}));
        QVERIFY(!model.add({QStringLiteral("empty"), QString(), Mode::Text}));
        QCOMPARE(model.count(), 2);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(model.indexOf(DhtKey::parse(QStringLiteral("key"), Mode::Raw)), 1);
        QCOMPARE(model.indexOf(DhtKey::parse(QStringLiteral("key"), Mode::Hex)), -1);
        QCOMPARE(model.at(1).name, QStringLiteral("c"));
    }

    void aBookmarkWithoutNameIsCalledByItsKey()
    {
        BookmarksModel model;
        QVERIFY(model.add({QStringLiteral("   "), QStringLiteral("beef"), Mode::Hex}));
        QCOMPARE(model.at(0).name, QStringLiteral("beef"));
    }

    void onlyTheNameIsRenamed()
    {
        BookmarksModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.add({QStringLiteral("old"), QStringLiteral("k"), Mode::Text});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const QModelIndex name = model.index(0, BookmarksModel::NameColumn);
        QVERIFY(model.flags(name).testFlag(Qt::ItemIsEditable));
        QVERIFY(!model.flags(model.index(0, BookmarksModel::KeyColumn)).testFlag(Qt::ItemIsEditable));
        QVERIFY(model.setData(name, QStringLiteral("new name")));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(name.data().toString(), QStringLiteral("new name"));
        QVERIFY(!model.setData(name, QStringLiteral("  "))); // a bookmark keeps a name
        QVERIFY(!model.setData(model.index(0, BookmarksModel::KeyColumn), QStringLiteral("other")));
        QCOMPARE(model.at(0).input, QStringLiteral("k"));
        QCOMPARE(changed.size(), 1);
    }

    void markupInANameIsShownLiterally()
    {
        BookmarksModel model;
        const QString name = QStringLiteral("<b>x</b><img src=\"file:///etc/passwd\">");
        const QString input = QStringLiteral("<i>k</i>");
        model.add({name, input, Mode::Text});
        const QModelIndex cell = model.index(0, BookmarksModel::NameColumn);
        QCOMPARE(cell.data(Qt::DisplayRole).toString(), name);
        const QString tip = cell.data(Qt::ToolTipRole).toString();
        QVERIFY2(!tip.contains(QStringLiteral("<b>")) && !tip.contains(QStringLiteral("<img")),
                 qPrintable(tip));
        QCOMPARE(uitest::shownToolTip(tip), name + u'\n' + input);
        QCOMPARE(
            uitest::shownToolTip(model.index(0, BookmarksModel::KeyColumn).data(Qt::ToolTipRole).toString()),
            name + u'\n' + input);
    }

    void removeAt()
    {
        BookmarksModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const char* k : {"a", "b", "c"})
            model.add({{}, QString::fromLatin1(k), Mode::Text});
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.removeAt(1);
        model.removeAt(5);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.count(), 2);
        QCOMPARE(model.at(1).input, QStringLiteral("c"));
    }

    void restoredByTheNextInstance()
    {
        {
            BookmarksModel model;
            model.add({QStringLiteral("one"), QStringLiteral("1"), Mode::Text});
            model.add({QStringLiteral("two"), QStringLiteral("0002"), Mode::Hex});
            model.add({QStringLiteral("three"), QStringLiteral(" 3 "), Mode::Raw});
            model.setData(model.index(1, BookmarksModel::NameColumn), QStringLiteral("<b>2</b>"));
            model.removeAt(0);
        }
        browserSettings().flush();                // as the browser does when it quits
        QFile file(browserSettings().fileName()); // on disk, not only in this process's settings cache
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("hex:0002"));
        BookmarksModel again;
        QAbstractItemModelTester tester(&again, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(again.count(), 2);
        QCOMPARE(again.at(0).name, QStringLiteral("<b>2</b>"));
        QCOMPARE(again.at(0).input, QStringLiteral("0002"));
        QCOMPARE(again.at(0).mode, Mode::Hex);
        QCOMPARE(again.at(1).input, QStringLiteral(" 3 "));
        QCOMPARE(again.at(1).mode, Mode::Raw);
        QCOMPARE(again.keyAt(1).infoHashHex(), DhtKey::parse(QStringLiteral(" 3 "), Mode::Raw).infoHashHex());
    }
};

QTEST_MAIN(TestBookmarksModel)
#include "tst_bookmarksmodel.moc"
