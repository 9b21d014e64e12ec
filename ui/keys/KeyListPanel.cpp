#include "KeyListPanel.h"

#include <QAbstractItemModel>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

KeyListPanel::KeyListPanel(QAbstractItemModel* model, const QString& emptyText, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTableView(this))
    , m_empty(new QLabel(emptyText, this))
    , m_buttons(new QHBoxLayout)
{
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    // A few rows at least, no more: tabbed below the values in a small window, the panel must
    // not make the window taller than the others do.
    m_view->setMinimumHeight(m_view->fontMetrics().height() * 3);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_empty->setMargin(8);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);
    layout->addLayout(m_buttons);
    m_buttons->addStretch(1);

    // A click opens, as in the key lists of RESP.app or ARDM; activated is Enter (and a
    // double-click), which opens the same tab again rather than a second one.
    connect(m_view, &QAbstractItemView::clicked, this, [this](const QModelIndex& i) { open(i.row()); });
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& i) { open(i.row()); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &KeyListPanel::updateEmpty);
    connect(model, &QAbstractItemModel::modelReset, this, &KeyListPanel::updateEmpty);
    updateEmpty();
}

void KeyListPanel::open(int row)
{
    const DhtKey key = keyAt(row);
    if (key.isValid())
        emit openRequested(key);
}

void KeyListPanel::updateEmpty()
{
    const bool empty = m_model->rowCount() == 0;
    m_view->setVisible(!empty);
    m_empty->setVisible(empty);
}

QList<int> KeyListPanel::selectedRowsDescending() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    return rows;
}

bool KeyListPanel::hasSelection() const
{
    return m_view->selectionModel()->hasSelection();
}
