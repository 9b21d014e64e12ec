#pragma once

#include "core/dht/DhtKey.h"

#include <QWidget>

class BookmarksModel;
class KeyHistory;
class KeyLineEdit;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QModelIndex;
class QPushButton;
class QToolButton;

// The key bar: how a key becomes bytes (mode), the key itself with the history as completion,
// Fetch / New tab, the resulting info hash (copyable), a bookmark toggle and the bookmarks menu.
// Bookmarks are managed in one place, the side panel's Bookmarks page: the star asks for the
// key typed to be bookmarked there (bookmarkRequested()), the menu opens one or shows the page
// (bookmarksRequested()).
// Under the entry, a line says why the input is not a key in that mode; what the user typed is
// never changed or cleared for them.
class KeyBar : public QWidget
{
    Q_OBJECT
public:
    KeyBar(KeyHistory* history, BookmarksModel* bookmarks, QWidget* parent = nullptr);

    // The input parsed in the current mode; may be invalid.
    DhtKey key() const;
    // Shows a tab's key; emits nothing.
    void setKey(const QString& input, DhtKey::Mode mode);
    // For Ctrl+L: focus the entry with its text selected.
    void focusKey();

    // For tests.
    QLineEdit* keyEdit() const;
    QComboBox* modeBox() const { return m_modeBox; }
    QLabel* hashLabel() const { return m_hash; }
    QLabel* errorLabel() const { return m_error; }
    QToolButton* bookmarkButton() const { return m_star; }
    QToolButton* bookmarksMenuButton() const { return m_bookmarksButton; }
    QPushButton* fetchButton() const { return m_fetch; }
    QPushButton* newTabButton() const { return m_newTab; }
    QToolButton* copyButton() const { return m_copy; }

signals:
    // Enter or Fetch (or a bookmark chosen) with a valid key; the key is in the history by then.
    void fetchRequested(const DhtKey& key);
    // Alt+Enter or New tab, with a valid key.
    void openInNewTabRequested(const DhtKey& key);
    // Every edit of the input or change of mode (not setKey()).
    void keyEdited(const DhtKey& key);
    // The star on a key not bookmarked yet: bookmark it where bookmarks are (the side panel),
    // its name typed there.
    void bookmarkRequested(const DhtKey& key);
    // "Show Bookmarks" in the menu: the side panel's Bookmarks page.
    void bookmarksRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildWidgets();
    void buildLayout();
    void connectWidgets();
    void setupCompleter();
    DhtKey::Mode mode() const;
    void setMode(DhtKey::Mode mode);
    void onModeChanged();
    void onTextChanged();
    void refresh();
    void refreshBookmarkButton();
    void rebuildBookmarksMenu();
    void takeModeFrom(const QModelIndex& historyIndex);
    void submit(bool newTab);
    void toggleBookmark();
    void openBookmark(const QString& input, DhtKey::Mode mode);
    void copyHash();
    void applyErrorColour();

    KeyHistory* m_history;
    BookmarksModel* m_bookmarks;
    QComboBox* m_modeBox = nullptr;
    KeyLineEdit* m_edit = nullptr;
    QPushButton* m_fetch = nullptr;
    QPushButton* m_newTab = nullptr;
    QLabel* m_hash = nullptr;
    QToolButton* m_copy = nullptr;
    QToolButton* m_star = nullptr;
    QToolButton* m_bookmarksButton = nullptr;
    QMenu* m_bookmarksMenu = nullptr;
    QLabel* m_error = nullptr;
};
