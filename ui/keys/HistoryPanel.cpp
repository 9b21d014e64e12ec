#include "HistoryPanel.h"

#include "KeyHistory.h"
#include "KeyHistoryModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>

HistoryPanel::HistoryPanel(KeyHistory* history, QWidget* parent)
    : KeyListPanel(history->completionModel(),
                   tr("No keys opened yet. Each key you open is listed here, the latest first, to open "
                      "again with a click."),
                   parent)
    , m_history(history)
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_clear(new QPushButton(tr("C&lear…"), this))
{
    setObjectName(QStringLiteral("historyPanel"));
    view()->setAccessibleName(tr("Key history"));
    view()->horizontalHeader()->setSectionResizeMode(KeyHistoryModel::InputColumn, QHeaderView::Stretch);
    view()->horizontalHeader()->setSectionResizeMode(KeyHistoryModel::ModeColumn,
                                                     QHeaderView::ResizeToContents);
    m_remove->setToolTip(tr("Forget the selected keys (Delete)"));
    m_clear->setToolTip(tr("Forget every key of the history"));
    buttonRow()->addWidget(m_remove);
    buttonRow()->addWidget(m_clear);

    auto* remove = new QAction(tr("Remove from history"), view());
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    view()->addAction(remove);
    connect(remove, &QAction::triggered, this, &HistoryPanel::removeSelected);
    connect(m_remove, &QPushButton::clicked, this, &HistoryPanel::removeSelected);
    connect(m_clear, &QPushButton::clicked, this, &HistoryPanel::askClear);
    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateButtons);
    connect(m_history, &KeyHistory::changed, this, &HistoryPanel::updateButtons);
    updateButtons();
}

DhtKey HistoryPanel::keyAt(int row) const
{
    const auto entries = m_history->entries();
    if (row < 0 || row >= entries.size())
        return {};
    return DhtKey::parse(entries[row].input, entries[row].mode);
}

void HistoryPanel::removeSelected()
{
    for (int row : selectedRowsDescending())
        m_history->remove(row);
}

// Asked without blocking (a window-modal box, answered later): up to 200 keys are gone at once.
void HistoryPanel::askClear()
{
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Clear key history"),
                        tr("Forget all %n keys of the history?", nullptr, int(m_history->entries().size())),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("clearHistoryBox"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box->button(QMessageBox::Yes), &QAbstractButton::clicked, m_history, &KeyHistory::clear);
    box->open();
}

void HistoryPanel::updateButtons()
{
    m_remove->setEnabled(hasSelection());
    m_clear->setEnabled(!m_history->entries().isEmpty());
}
