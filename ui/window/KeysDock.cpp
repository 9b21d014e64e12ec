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
}

void KeysDock::showPage(Page page)
{
    m_pages->setCurrentIndex(int(page));
}
