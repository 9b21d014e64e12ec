// The key bar as a user drives it: type a key in a mode, see its info hash or why it is not a
// key, Enter to fetch, recent keys offered back, bookmarks (kept in the side panel) from the star
// and the menu.
#include "UiTestSupport.h"
#include "ui/keys/BookmarksModel.h"
#include "ui/keys/KeyBar.h"
#include "ui/keys/KeyHistory.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QCryptographicHash>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include <memory>

Q_DECLARE_METATYPE(DhtKey::Mode)

namespace {
using Mode = DhtKey::Mode;

QString sha1Hex(const QString& text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex());
}

// Types as a user would: key by key for ASCII; QTest cannot press other characters, so those
// arrive the way an input method or a paste delivers them.
void type(QLineEdit* edit, const QString& text)
{
    for (QChar c : text) {
        if (c.unicode() < 128)
            QTest::keyClick(edit, c.toLatin1());
        else
            edit->insert(QString(c));
    }
}

DhtKey keyOf(const QSignalSpy& spy, int i = 0)
{
    return spy.at(i).at(0).value<DhtKey>();
}

} // namespace

class TestKeyBar : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolate(QStringLiteral("tst_keybar")); }

    void init()
    {
        uitest::forgetKeySettings();
        m_history = std::make_unique<KeyHistory>();
        m_bookmarks = std::make_unique<BookmarksModel>();
        m_bar = std::make_unique<KeyBar>(m_history.get(), m_bookmarks.get());
        m_bar->resize(1100, m_bar->sizeHint().height());
        m_bar->show();
        QVERIFY(QTest::qWaitForWindowActive(m_bar.get()));
        m_bar->keyEdit()->setFocus();
        QTRY_VERIFY(m_bar->keyEdit()->hasFocus());
    }

    void cleanup()
    {
        m_bar.reset();
        m_bookmarks.reset();
        m_history.reset();
    }

    void hashFollowsTheTyping_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("hash");
        QTest::newRow("text") << Mode::Text << QStringLiteral("hello world")
                              << sha1Hex(QStringLiteral("hello world"));
        QTest::newRow("text markup") << Mode::Text << QStringLiteral("<b>x</b>")
                                     << sha1Hex(QStringLiteral("<b>x</b>"));
        QTest::newRow("hex padded") << Mode::Hex << QStringLiteral("abcd")
                                    << QString(36, u'0') + QStringLiteral("abcd");
        QTest::newRow("hex 20 bytes") << Mode::Hex << QString(40, u'f') << QString(40, u'f');
        QTest::newRow("hex with 0x") << Mode::Hex << QStringLiteral("0xABcd")
                                     << QString(36, u'0') + QStringLiteral("abcd");
        QTest::newRow("hex in spaced groups")
            << Mode::Hex << QStringLiteral("de ad:be ef") << QString(32, u'0') + QStringLiteral("deadbeef");
        QTest::newRow("raw padded") << Mode::Raw << QStringLiteral("abc")
                                    << QString(34, u'0') + QStringLiteral("616263");
    }
    void hashFollowsTheTyping()
    {
        QFETCH(Mode, mode);
        QFETCH(QString, typed);
        QFETCH(QString, hash);
        m_bar->modeBox()->setCurrentIndex(m_bar->modeBox()->findData(int(mode)));
        type(m_bar->keyEdit(), typed);
        QCOMPARE(m_bar->keyEdit()->text(), typed);
        QCOMPARE(m_bar->hashLabel()->text(), hash);
        QCOMPARE(m_bar->hashLabel()->textFormat(), Qt::PlainText);
        QVERIFY(m_bar->errorLabel()->text().isEmpty());
        QCOMPARE(m_bar->key().infoHashHex(), hash);
        // Changing the mode re-reads the same text as another key, live.
        m_bar->modeBox()->setCurrentIndex(m_bar->modeBox()->findData(int(Mode::Text)));
        QCOMPARE(m_bar->hashLabel()->text(), sha1Hex(typed));
    }

    void hashOfNonAsciiTextIsSha1OfUtf8()
    {
        const QString typed = QStringLiteral("ключ ✓");
        m_bar->keyEdit()->insert(typed); // as a paste or an input method would
        QCOMPARE(m_bar->hashLabel()->text(), sha1Hex(typed));
    }

    void invalidKeyIsExplainedAndNotFetched_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("bad hex digit") << Mode::Hex << QStringLiteral("abzz") << QStringLiteral("'z'");
        QTest::newRow("odd hex") << Mode::Hex << QStringLiteral("abc") << QStringLiteral("even");
        QTest::newRow("21-byte hex") << Mode::Hex << QString(42, u'a') << QStringLiteral("21 bytes");
        QTest::newRow("21-byte raw") << Mode::Raw << QString(21, u'r') << QStringLiteral("21 bytes");
        QTest::newRow("raw multibyte") << Mode::Raw << QString(11, QChar(0xe9)) << QStringLiteral("22 bytes");
    }
    void invalidKeyIsExplainedAndNotFetched()
    {
        QFETCH(Mode, mode);
        QFETCH(QString, typed);
        QFETCH(QString, mentions);
        m_bar->modeBox()->setCurrentIndex(m_bar->modeBox()->findData(int(mode)));
        QSignalSpy fetch(m_bar.get(), &KeyBar::fetchRequested);
        QSignalSpy newTab(m_bar.get(), &KeyBar::openInNewTabRequested);
        type(m_bar->keyEdit(), typed);
        const QString error = m_bar->errorLabel()->text();
        QCOMPARE(error, DhtKey::parse(typed, mode).error());
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QCOMPARE(m_bar->errorLabel()->textFormat(), Qt::PlainText);
        QVERIFY(m_bar->hashLabel()->text().isEmpty());
        QVERIFY(!m_bar->fetchButton()->isEnabled());

        QTest::keyClick(m_bar->keyEdit(), Qt::Key_Return);
        QTest::keyClick(m_bar->keyEdit(), Qt::Key_Return, Qt::AltModifier);
        QCOMPARE(fetch.size(), 0);
        QCOMPARE(newTab.size(), 0);
        QCOMPARE(m_bar->keyEdit()->text(), typed); // never changed or cleared for the user
        QCOMPARE(m_bar->errorLabel()->text(), error);
        QVERIFY(m_history->entries().isEmpty());
    }

    void fixingTheInputClearsTheError()
    {
        m_bar->modeBox()->setCurrentIndex(m_bar->modeBox()->findData(int(Mode::Hex)));
        QTest::keyClicks(m_bar->keyEdit(), QString(42, u'1'));
        QVERIFY(!m_bar->errorLabel()->text().isEmpty());
        QTest::keyClick(m_bar->keyEdit(), Qt::Key_Backspace);
        QVERIFY(!m_bar->errorLabel()->text().isEmpty()); // 41 digits: odd
        QTest::keyClick(m_bar->keyEdit(), Qt::Key_Backspace);
        QVERIFY(m_bar->errorLabel()->text().isEmpty());
        QCOMPARE(m_bar->hashLabel()->text(), QString(40, u'1'));
    }

    void enterOnNothingSaysSo()
    {
        QSignalSpy fetch(m_bar.get(), &KeyBar::fetchRequested);
        QTest::keyClick(m_bar->keyEdit(), Qt::Key_Return);
        QCOMPARE(fetch.size(), 0);
        QVERIFY(!m_bar->errorLabel()->text().isEmpty());
    }

    void enterFetchesOnceAndRemembers()
    {
        QSignalSpy fetch(m_bar.get(), &KeyBar::fetchRequested);
        QSignalSpy newTab(m_bar.get(), &KeyBar::openInNewTabRequested);
        QTest::keyClicks(m_bar->keyEdit(), QStringLiteral("alpha"));
        QTest::keyClick(m_bar->keyEdit(), Qt::Key_Return);
        QCOMPARE(fetch.size(), 1);
        QCOMPARE(newTab.size(), 0);
        QCOMPARE(keyOf(fetch).input(), QStringLiteral("alpha"));
        QCOMPARE(keyOf(fetch).mode(), Mode::Text);
        QCOMPARE(m_bar->keyEdit()->text(), QStringLiteral("alpha")); // still there to edit

        for (const char* k : {"beta", "alpha"}) {
            m_bar->keyEdit()->selectAll();
            QTest::keyClicks(m_bar->keyEdit(), QString::fromLatin1(k));
            QTest::keyClick(m_bar->keyEdit(), Qt::Key_Enter);
        }
        QCOMPARE(fetch.size(), 3);
        const QList<KeyHistory::Entry> entries = m_history->entries();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).input, QStringLiteral("alpha"));
        QCOMPARE(entries.at(1).input, QStringLiteral("beta"));
    }

    void fetchButtonAndNewTab()
    {
        QSignalSpy fetch(m_bar.get(), &KeyBar::fetchRequested);
        QSignalSpy newTab(m_bar.get(), &KeyBar::openInNewTabRequested);
        QTest::keyClicks(m_bar->keyEdit(), QStringLiteral("gamma"));
        QTest::mouseClick(m_bar->fetchButton(), Qt::LeftButton);
        QCOMPARE(fetch.size(), 1);
        QTest::keyClick(m_bar->keyEdit(), Qt::Key_Return, Qt::AltModifier);
        QCOMPARE(newTab.size(), 1);
        QCOMPARE(keyOf(newTab).input(), QStringLiteral("gamma"));
        QTest::mouseClick(m_bar->newTabButton(), Qt::LeftButton);
        QCOMPARE(newTab.size(), 2);
        QCOMPARE(fetch.size(), 1);
        QCOMPARE(m_history->entries().size(), 1);
    }

    void keyEditedOnEditsNotOnSetKey()
    {
        QSignalSpy edited(m_bar.get(), &KeyBar::keyEdited);
        QTest::keyClicks(m_bar->keyEdit(), QStringLiteral("ab"));
        QCOMPARE(edited.size(), 2);
        QCOMPARE(keyOf(edited, 1).input(), QStringLiteral("ab"));
        m_bar->modeBox()->setCurrentIndex(m_bar->modeBox()->findData(int(Mode::Hex)));
        QCOMPARE(edited.size(), 3);
        QCOMPARE(keyOf(edited, 2).mode(), Mode::Hex);

        QSignalSpy fetch(m_bar.get(), &KeyBar::fetchRequested);
        m_bar->setKey(QStringLiteral("tab key"), Mode::Raw);
        QCOMPARE(edited.size(), 3);
        QCOMPARE(fetch.size(), 0);
        QCOMPARE(m_bar->keyEdit()->text(), QStringLiteral("tab key"));
        QCOMPARE(m_bar->modeBox()->currentData().toInt(), int(Mode::Raw));
        QCOMPARE(m_bar->hashLabel()->text(),
                 DhtKey::parse(QStringLiteral("tab key"), Mode::Raw).infoHashHex());
    }

    void lastModeIsRemembered()
    {
        m_bar->modeBox()->setCurrentIndex(m_bar->modeBox()->findData(int(Mode::Hex)));
        KeyBar next(m_history.get(), m_bookmarks.get());
        QCOMPARE(next.modeBox()->currentData().toInt(), int(Mode::Hex));
        QCOMPARE(next.key().mode(), Mode::Hex);
    }

    void modesExplainThemselves()
    {
        QCOMPARE(m_bar->modeBox()->count(), 3);
        QCOMPARE(m_bar->modeBox()->itemText(0), QStringLiteral("Text → SHA-1"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(!m_bar->modeBox()->itemData(i, Qt::ToolTipRole).toString().isEmpty());
    }

    void focusKeySelectsTheInput()
    {
        QTest::keyClicks(m_bar->keyEdit(), QStringLiteral("some key"));
        m_bar->copyButton()->setFocus();
        m_bar->keyEdit()->deselect();
        m_bar->focusKey();
        QTRY_VERIFY(m_bar->keyEdit()->hasFocus());
        QCOMPARE(m_bar->keyEdit()->selectedText(), QStringLiteral("some key"));
    }

    void copyPutsTheHashOnTheClipboard()
    {
        QTest::keyClicks(m_bar->keyEdit(), QStringLiteral("copy me"));
        QVERIFY(m_bar->copyButton()->isEnabled());
        QTest::mouseClick(m_bar->copyButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), sha1Hex(QStringLiteral("copy me")));
    }

    void completerProposesHistoryWithItsMode()
    {
        m_history->add(DhtKey::parse(QStringLiteral("beef"), Mode::Hex));
        m_history->add(DhtKey::parse(QStringLiteral("beefy stew"), Mode::Text));
        m_history->add(DhtKey::parse(QStringLiteral("other"), Mode::Text));
        QCompleter* completer = m_bar->keyEdit()->completer();
        QVERIFY(completer);
        QTest::keyClicks(m_bar->keyEdit(), QStringLiteral("eef"));
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->completionCount(), 2);
        QStringList offered;
        for (int i = 0; completer->setCurrentRow(i); ++i)
            offered << completer->currentCompletion();
        QCOMPARE(offered,
                 (QStringList{QStringLiteral("beefy stew"), QStringLiteral("beef")})); // newest first

        // Case-sensitive: "EEF" offers nothing.
        m_bar->keyEdit()->selectAll();
        QTest::keyClicks(m_bar->keyEdit(), QStringLiteral("EEF"));
        QTRY_VERIFY(!completer->popup()->isVisible());

        // Choosing the hex entry brings its mode back, so Enter fetches the key that was used.
        m_bar->keyEdit()->selectAll();
        QTest::keyClicks(m_bar->keyEdit(), QStringLiteral("bee"));
        QTRY_VERIFY(completer->popup()->isVisible());
        QSignalSpy fetch(m_bar.get(), &KeyBar::fetchRequested);
        QTest::keyClick(completer->popup(), Qt::Key_Down);
        QTest::keyClick(completer->popup(), Qt::Key_Down);
        QCOMPARE(m_bar->keyEdit()->text(), QStringLiteral("beef"));
        QCOMPARE(m_bar->modeBox()->currentData().toInt(), int(Mode::Hex));
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(fetch.size(), 1);
        QCOMPARE(keyOf(fetch).mode(), Mode::Hex);
        QCOMPARE(keyOf(fetch).input(), QStringLiteral("beef"));
        QTRY_VERIFY(!completer->popup()->isVisible());
        QCOMPARE(m_history->entries().first().input, QStringLiteral("beef"));
    }

    void downListsAllRecentKeys()
    {
        m_history->add(DhtKey::parse(QStringLiteral("one"), Mode::Text));
        m_history->add(DhtKey::parse(QStringLiteral("two"), Mode::Text));
        QTest::keyClick(m_bar->keyEdit(), Qt::Key_Down);
        QCompleter* completer = m_bar->keyEdit()->completer();
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->completionCount(), 2);
    }

    void shiftDeleteForgetsTheHighlightedEntry()
    {
        m_history->add(DhtKey::parse(QStringLiteral("keep"), Mode::Text));
        m_history->add(DhtKey::parse(QStringLiteral("typo"), Mode::Text));
        QTest::keyClick(m_bar->keyEdit(), Qt::Key_Down);
        QCompleter* completer = m_bar->keyEdit()->completer();
        QTRY_VERIFY(completer->popup()->isVisible());
        QTest::keyClick(completer->popup(), Qt::Key_Down); // highlights "typo", the newest
        QCOMPARE(m_bar->keyEdit()->text(), QStringLiteral("typo"));
        QTest::keyClick(completer->popup(), Qt::Key_Delete, Qt::ShiftModifier);
        QCOMPARE(m_history->entries().size(), 1);
        QCOMPARE(m_history->entries().first().input, QStringLiteral("keep"));
    }

    // The star asks for the key typed to be bookmarked where bookmarks are (the side panel,
    // tst_windowstored): no dialog of its own; once bookmarked, the star shows it and removes it.
    void starAsksForABookmarkAndRemovesOne()
    {
        QTest::keyClicks(m_bar->keyEdit(), QStringLiteral("my key"));
        QToolButton* star = m_bar->bookmarkButton();
        QVERIFY(!star->isChecked());
        QSignalSpy asked(m_bar.get(), &KeyBar::bookmarkRequested);
        QTest::mouseClick(star, Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(keyOf(asked).input(), QStringLiteral("my key"));
        QCOMPARE(keyOf(asked).mode(), Mode::Text);
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(m_bookmarks->count(), 0); // the panel adds it, under the name typed there
        QVERIFY(!star->isChecked());

        m_bookmarks->add({QStringLiteral("<b>x</b>"), QStringLiteral("my key"), Mode::Text});
        QVERIFY(star->isChecked());
        QVERIFY(uitest::menuAction(m_bar->bookmarksMenuButton()->menu(), QStringLiteral("<b>x</b>")));
        // Another key is not bookmarked; back to the first, it is.
        m_bar->keyEdit()->selectAll();
        QTest::keyClicks(m_bar->keyEdit(), QStringLiteral("other"));
        QVERIFY(!star->isChecked());
        m_bar->setKey(QStringLiteral("my key"), Mode::Text);
        QVERIFY(star->isChecked());

        QTest::mouseClick(star, Qt::LeftButton); // toggling off removes it
        QCOMPARE(asked.size(), 1);
        QCOMPARE(m_bookmarks->count(), 0);
        QVERIFY(!star->isChecked());
        QVERIFY(!uitest::menuAction(m_bar->bookmarksMenuButton()->menu(), QStringLiteral("<b>x</b>")));
    }

    void theMenuShowsTheBookmarksPage()
    {
        QAction* show =
            uitest::menuAction(m_bar->bookmarksMenuButton()->menu(), QStringLiteral("Show Bookmarks"));
        QVERIFY(show);
        QVERIFY(
            !uitest::menuAction(m_bar->bookmarksMenuButton()->menu(), QStringLiteral("Manage bookmarks…")));
        QSignalSpy shown(m_bar.get(), &KeyBar::bookmarksRequested);
        show->trigger();
        QCOMPARE(shown.size(), 1);
        QVERIFY(!QApplication::activeModalWidget());
    }

    void choosingABookmarkFetchesIt()
    {
        m_bookmarks->add({QStringLiteral("Node & co"), QStringLiteral("00ff"), Mode::Hex});
        QTest::keyClicks(m_bar->keyEdit(), QStringLiteral("typed"));
        QSignalSpy fetch(m_bar.get(), &KeyBar::fetchRequested);
        QAction* action =
            uitest::menuAction(m_bar->bookmarksMenuButton()->menu(), QStringLiteral("Node && co"));
        QVERIFY(action);
        action->trigger();
        QCOMPARE(fetch.size(), 1);
        QCOMPARE(keyOf(fetch).input(), QStringLiteral("00ff"));
        QCOMPARE(keyOf(fetch).mode(), Mode::Hex);
        QCOMPARE(m_bar->keyEdit()->text(), QStringLiteral("00ff"));
        QCOMPARE(m_bar->modeBox()->currentData().toInt(), int(Mode::Hex));
        QVERIFY(m_bar->bookmarkButton()->isChecked());
        QCOMPARE(m_history->entries().first().input, QStringLiteral("00ff"));
    }

private:
    std::unique_ptr<KeyHistory> m_history;
    std::unique_ptr<BookmarksModel> m_bookmarks;
    std::unique_ptr<KeyBar> m_bar;
};

QTEST_MAIN(TestKeyBar)
#include "tst_keybar.moc"
