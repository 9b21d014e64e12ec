#include "BookmarksPanel.h"

#include "BookmarksModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>

BookmarksPanel::BookmarksPanel(BookmarksModel* bookmarks, QWidget* parent)
    : KeyListPanel(bookmarks,
                   tr("No bookmarks yet. Add (or ☆ beside the key field) bookmarks the key open in front "
                      "under a name of yours."),
                   parent)
    , m_bookmarks(bookmarks)
    , m_add(new QPushButton(tr("&Add"), this))
    , m_rename(new QPushButton(tr("Re&name"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
{
    setObjectName(QStringLiteral("bookmarksPanel"));
    view()->setAccessibleName(tr("Bookmarks"));
    // F2 renames; a click opens, so it cannot also start an edit.
    view()->setEditTriggers(QAbstractItemView::EditKeyPressed);
    QHeaderView* header = view()->horizontalHeader();
    header->setSectionResizeMode(BookmarksModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(BookmarksModel::KeyColumn, QHeaderView::Stretch);
    // Narrow: the mode and the hash are in each row's tooltip.
    view()->hideColumn(BookmarksModel::ModeColumn);
    view()->hideColumn(BookmarksModel::HashColumn);
    m_add->setToolTip(tr("Bookmark the key open in front"));
    m_rename->setToolTip(tr("Rename the selected bookmark (F2)"));
    m_remove->setToolTip(tr("Remove the selected bookmarks (Delete)"));
    for (QPushButton* b : {m_add, m_rename, m_remove})
        buttonRow()->addWidget(b);

    auto* remove = new QAction(tr("Remove bookmark"), view());
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    view()->addAction(remove);
    connect(remove, &QAction::triggered, this, &BookmarksPanel::removeSelected);
    connect(m_add, &QPushButton::clicked, this, [this] { addKey(m_current); });
    connect(m_rename, &QPushButton::clicked, this, &BookmarksPanel::renameSelected);
    connect(m_remove, &QPushButton::clicked, this, &BookmarksPanel::removeSelected);
    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BookmarksPanel::updateButtons);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(bookmarks, signal, this, &BookmarksPanel::updateButtons);
    updateButtons();
}

void BookmarksPanel::setCurrentKey(const DhtKey& key)
{
    m_current = key;
    updateButtons();
}

DhtKey BookmarksPanel::keyAt(int row) const
{
    return row >= 0 && row < m_bookmarks->count() ? m_bookmarks->keyAt(row) : DhtKey();
}

// Named after its key at first, the name selected for typing over: no dialog in the way.
void BookmarksPanel::addKey(const DhtKey& key)
{
    if (!key.isValid())
        return;
    if (m_bookmarks->indexOf(key) < 0)
        m_bookmarks->add({key.input(), key.input(), key.mode()});
    const int row = m_bookmarks->indexOf(key);
    if (row < 0)
        return;
    const QModelIndex name = m_bookmarks->index(row, BookmarksModel::NameColumn);
    view()->setCurrentIndex(name);
    view()->setFocus(Qt::OtherFocusReason);
    view()->edit(name);
}

void BookmarksPanel::renameSelected()
{
    const QList<int> rows = selectedRowsDescending();
    if (rows.isEmpty())
        return;
    const QModelIndex name = m_bookmarks->index(rows.last(), BookmarksModel::NameColumn);
    view()->setCurrentIndex(name);
    view()->setFocus(Qt::OtherFocusReason);
    view()->edit(name);
}

void BookmarksPanel::removeSelected()
{
    for (int row : selectedRowsDescending())
        m_bookmarks->removeAt(row);
}

void BookmarksPanel::updateButtons()
{
    const bool selected = hasSelection();
    m_add->setEnabled(m_current.isValid() && m_bookmarks->indexOf(m_current) < 0);
    m_rename->setEnabled(selected);
    m_remove->setEnabled(selected);
}
