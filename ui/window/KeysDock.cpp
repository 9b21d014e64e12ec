#include "KeysDock.h"

#include "ui/keys/BookmarksPanel.h"
#include "ui/keys/HistoryPanel.h"
#include "ui/storedkeys/StoredKeysPanel.h"

#include <QTabWidget>

KeysDock::KeysDock(KeyHistory* history, BookmarksModel* bookmarks, QWidget* parent)
    : QDockWidget(tr("Keys"), parent)
    , m_pages(new QTabWidget(this))
    , m_stored(new StoredKeysPanel(history, bookmarks, m_pages))
    , m_history(new HistoryPanel(history, m_pages))
    , m_bookmarks(new BookmarksPanel(bookmarks, m_pages))
{
    setObjectName(QStringLiteral("keysDock"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_stored, tr("Stored here"));
    m_pages->addTab(m_history, tr("History"));
    m_pages->addTab(m_bookmarks, tr("Bookmarks"));
    setWidget(m_pages);
    connect(m_stored, &StoredKeysPanel::openRequested, this, &KeysDock::openRequested);
    connect(m_history, &HistoryPanel::openRequested, this, &KeysDock::openRequested);
    connect(m_bookmarks, &BookmarksPanel::openRequested, this, &KeysDock::openRequested);
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        m_shown = visible;
        updateOnScreen();
    });
}

// Behind another tab, Qt moves the dock off the window's area (and says visibilityChanged(false));
// a window shown with the dock behind says visibilityChanged(true) from the show alone, hence
// the geometry too. Moved back (at once, or animated) it is on screen again.
void KeysDock::updateOnScreen()
{
    const QRect at = geometry();
    const bool offWindow = !isWindow() && (at.right() < 0 || at.bottom() < 0);
    m_stored->setOnScreen(m_shown && !offWindow);
}

void KeysDock::moveEvent(QMoveEvent* event)
{
    QDockWidget::moveEvent(event);
    updateOnScreen();
}

void KeysDock::bringToFront()
{
    show();
    raise(); // in front of the docks tabbed with it
}

void KeysDock::showBookmarks()
{
    bringToFront();
    showPage(BookmarksPage);
}

void KeysDock::addBookmark(const DhtKey& key)
{
    showBookmarks();
    m_bookmarks->addKey(key);
}

void KeysDock::showPage(Page page)
{
    m_pages->setCurrentIndex(int(page));
}
