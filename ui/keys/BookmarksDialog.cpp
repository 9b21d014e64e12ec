#include "BookmarksDialog.h"

#include "BookmarksModel.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

BookmarksDialog::BookmarksDialog(BookmarksModel* model, QWidget* parent)
    : QDialog(parent)
    , m_model(model)
    , m_view(new QTableView(this))
    , m_remove(new QPushButton(tr("&Remove"), this))
{
    setWindowTitle(tr("Bookmarks"));

    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(BookmarksModel::KeyColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(BookmarksModel::ModeColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(BookmarksModel::HashColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->setColumnWidth(BookmarksModel::NameColumn, fontMetrics().averageCharWidth() * 24);
    m_view->setAccessibleName(tr("Bookmarks"));

    auto* remove = new QAction(tr("Remove bookmark"), m_view);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(remove);
    connect(remove, &QAction::triggered, this, &BookmarksDialog::removeSelected);
    connect(m_remove, &QPushButton::clicked, this, &BookmarksDialog::removeSelected);
    const auto updateRemove = [this] { m_remove->setEnabled(m_view->selectionModel()->hasSelection()); };
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateRemove);
    updateRemove();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* hint = new QLabel(tr("Double-click a name (or press F2) to rename it."), this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_view);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 110, fontMetrics().height() * 24);
}

void BookmarksDialog::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    // From the bottom up, so that each removal leaves the other rows' numbers valid.
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : rows)
        m_model->removeAt(row);
}
