#pragma once

#include "core/dht/DhtKey.h"

#include <QDockWidget>

class BookmarksModel;
class BookmarksPanel;
class HistoryPanel;
class KeyHistory;
class QTabWidget;
class StoredKeysPanel;

// The side panel beside the values, as the key list of RESP.app or Another Redis Desktop
// Manager: the keys the gateway in use stores ("Stored here"), the key history and the
// bookmarks, one tab each. A click (or Enter) on a key in any of them opens it
// (openRequested()). "Stored here" is in front at the first start: on the local gateway it is
// every key there is. It tells "Stored here" whether it is on screen: a dock tabbed behind
// another is not, though Qt leaves it shown (only moved off the window), so that the panel does
// not list for nobody.
class KeysDock : public QDockWidget
{
    Q_OBJECT
public:
    enum Page
    {
        StoredPage,
        HistoryPage,
        BookmarksPage
    };

    KeysDock(KeyHistory* history, BookmarksModel* bookmarks, QWidget* parent = nullptr);

    StoredKeysPanel* stored() const { return m_stored; }
    HistoryPanel* history() const { return m_history; }
    BookmarksPanel* bookmarks() const { return m_bookmarks; }
    QTabWidget* pages() const { return m_pages; }
    void showPage(Page page);

    // The Bookmarks page in front, the dock shown (and in front of docks tabbed with it).
    void showBookmarks();
    // Also bookmarks the key there, its name ready to be typed.
    void addBookmark(const DhtKey& key);

signals:
    void openRequested(const DhtKey& key);

protected:
    void moveEvent(QMoveEvent* event) override;

private:
    void updateOnScreen();
    void bringToFront();

    QTabWidget* m_pages;
    StoredKeysPanel* m_stored;
    HistoryPanel* m_history;
    BookmarksPanel* m_bookmarks;
    bool m_shown = false; // as visibilityChanged() last said
};
