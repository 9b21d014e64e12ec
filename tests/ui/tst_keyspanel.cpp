// The history and bookmarks pages of the window's side panel (ui/keys HistoryPanel and
// BookmarksPanel), driven as a user does with the mouse and the keyboard: empty, each says in
// words how it fills; a click or Enter opens a key; Delete removes; Clear… asks first; Add
// bookmarks the key in front and lets its name be typed at once, F2 renames.
#include "UiTestSupport.h"
#include "ui/keys/BookmarksModel.h"
#include "ui/keys/BookmarksPanel.h"
#include "ui/keys/HistoryPanel.h"
#include "ui/keys/KeyHistory.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace {

using Mode = DhtKey::Mode;

DhtKey textKey(const QString& text)
{
    return DhtKey::parse(text, Mode::Text);
}

// Clicks the middle of a row's first shown cell, as a user does.
void clickRow(QTableView* view, int row, int column = 0)
{
    const QRect cell = view->visualRect(view->model()->index(row, column));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
}

DhtKey opened(const QSignalSpy& spy, int i = 0)
{
    return spy.at(i).first().value<DhtKey>();
}

// The message box a panel opened without blocking, once it is shown.
QMessageBox* shownBox(QWidget* parent, const QString& name)
{
    QMessageBox* box = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            box = parent->findChild<QMessageBox*>(name);
            return box && box->isVisible();
        },
        5000);
    return shown ? box : nullptr;
}

} // namespace

class TestKeysPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolate(QStringLiteral("tst_keyspanel")); }
    void init() { uitest::forgetKeySettings(); }

    void historyOpensRemovesAndClears()
    {
        KeyHistory history;
        QAbstractItemModelTester tester(history.completionModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        HistoryPanel panel(&history);
        panel.resize(360, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        // Empty: a sentence instead of an empty table.
        QVERIFY(panel.emptyLabel()->isVisible());
        QVERIFY(!panel.view()->isVisible());
        QCOMPARE(panel.emptyLabel()->textFormat(), Qt::PlainText);
        QVERIFY2(panel.emptyLabel()->text().contains(QLatin1String("Each key you open is listed here")),
                 qPrintable(panel.emptyLabel()->text()));
        QVERIFY(!panel.clearButton()->isEnabled());

        history.add(textKey(QStringLiteral("first")));
        history.add(DhtKey::parse(QStringLiteral("00ff"), Mode::Hex));
        history.add(textKey(QStringLiteral("<b>latest</b>")));
        QVERIFY(panel.view()->isVisible());
        QVERIFY(!panel.emptyLabel()->isVisible());
        QCOMPARE(panel.view()->model()->rowCount(), 3);
        QCOMPARE(panel.view()->model()->index(0, 0).data().toString(), QStringLiteral("<b>latest</b>"));

        // A click opens the key of the row, in its mode; Enter too.
        QSignalSpy open(&panel, &KeyListPanel::openRequested);
        clickRow(panel.view(), 1);
        QCOMPARE(open.size(), 1);
        QCOMPARE(opened(open).mode(), Mode::Hex);
        QCOMPARE(opened(open).infoHashHex(), QString(36, u'0') + QStringLiteral("00ff"));
        panel.view()->setFocus();
        panel.view()->setCurrentIndex(panel.view()->model()->index(2, 0));
        QTest::keyClick(panel.view(), Qt::Key_Return);
        QCOMPARE(open.size(), 2);
        QCOMPARE(opened(open, 1).input(), QStringLiteral("first"));

        // Delete forgets the selected entry (and only it), for the next run too.
        panel.view()->selectRow(1);
        QVERIFY(panel.removeButton()->isEnabled());
        QTest::keyClick(panel.view(), Qt::Key_Delete);
        QCOMPARE(history.entries().size(), 2);
        QCOMPARE(history.entries().at(1).input, QStringLiteral("first"));
        QCOMPARE(KeyHistory().entries().size(), 2);

        // Clear… asks; Cancel keeps everything, Yes forgets all and the sentence is back.
        QTest::mouseClick(panel.clearButton(), Qt::LeftButton);
        QMessageBox* box = shownBox(&panel, QStringLiteral("clearHistoryBox"));
        QVERIFY(box);
        QCOMPARE(box->textFormat(), Qt::PlainText);
        QVERIFY2(box->text().contains(QLatin1String("2 keys")), qPrintable(box->text()));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_VERIFY(!panel.findChild<QMessageBox*>(QStringLiteral("clearHistoryBox")));
        QCOMPARE(history.entries().size(), 2);
        QTest::mouseClick(panel.clearButton(), Qt::LeftButton);
        box = shownBox(&panel, QStringLiteral("clearHistoryBox"));
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_VERIFY(history.entries().isEmpty());
        QVERIFY(panel.emptyLabel()->isVisible());
        QVERIFY(KeyHistory().entries().isEmpty());
    }

    void bookmarksAddRenameOpenAndRemove()
    {
        BookmarksModel bookmarks;
        QAbstractItemModelTester tester(&bookmarks, QAbstractItemModelTester::FailureReportingMode::QtTest);
        BookmarksPanel panel(&bookmarks);
        panel.resize(360, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.emptyLabel()->isVisible());
        QCOMPARE(panel.emptyLabel()->textFormat(), Qt::PlainText);
        QVERIFY2(panel.emptyLabel()->text().contains(QLatin1String("No bookmarks yet")),
                 qPrintable(panel.emptyLabel()->text()));
        QVERIFY(!panel.addButton()->isEnabled()); // no key in front

        // Add: the key in front, its name open for typing at once.
        const DhtKey room = textKey(QStringLiteral("room/42"));
        panel.setCurrentKey(room);
        QVERIFY(panel.addButton()->isEnabled());
        QTest::mouseClick(panel.addButton(), Qt::LeftButton);
        QCOMPARE(bookmarks.count(), 1);
        QCOMPARE(bookmarks.at(0).name, QStringLiteral("room/42"));
        QVERIFY(!panel.addButton()->isEnabled()); // bookmarked already
        auto* editor = uitest::cellEditor(panel.view());
        QVERIFY2(editor, "the name is not being edited");
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Chat room"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(bookmarks.at(0).name, QStringLiteral("Chat room"));
        QVERIFY(panel.view()->isVisible());

        // F2 renames the selected one in place (the button does the same).
        QVERIFY(bookmarks.add({QStringLiteral("Node"), QStringLiteral("00ff"), Mode::Hex}));
        panel.view()->setFocus();
        panel.view()->setCurrentIndex(bookmarks.index(1, BookmarksModel::NameColumn));
        QTest::keyClick(panel.view(), Qt::Key_F2);
        editor = uitest::cellEditor(panel.view());
        QVERIFY2(editor, "F2 did not edit the name");
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("My node"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(bookmarks.at(1).name, QStringLiteral("My node"));
        QCOMPARE(BookmarksModel().at(1).name, QStringLiteral("My node")); // kept for the next run

        // A click opens a bookmark's key, not its name; Enter too.
        QSignalSpy open(&panel, &KeyListPanel::openRequested);
        clickRow(panel.view(), 0);
        QCOMPARE(open.size(), 1);
        QCOMPARE(opened(open).input(), QStringLiteral("room/42"));
        QCOMPARE(opened(open).mode(), Mode::Text);
        panel.view()->setFocus();
        panel.view()->setCurrentIndex(bookmarks.index(1, BookmarksModel::NameColumn));
        QTest::keyClick(panel.view(), Qt::Key_Return);
        QCOMPARE(open.size(), 2);
        QCOMPARE(opened(open, 1).mode(), Mode::Hex);

        // Delete removes the selected bookmark; Add is offered again for the key in front.
        panel.view()->selectRow(0);
        QTest::keyClick(panel.view(), Qt::Key_Delete);
        QCOMPARE(bookmarks.count(), 1);
        QCOMPARE(bookmarks.at(0).name, QStringLiteral("My node"));
        QVERIFY(panel.addButton()->isEnabled());
        panel.view()->selectRow(0);
        QTest::mouseClick(panel.removeButton(), Qt::LeftButton);
        QCOMPARE(bookmarks.count(), 0);
        QVERIFY(panel.emptyLabel()->isVisible());
    }
};

QTEST_MAIN(TestKeysPanel)
#include "tst_keyspanel.moc"
