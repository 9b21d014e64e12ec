#include "KeptPutsDialog.h"

#include "KeptPutsModel.h"

#include "core/kept/KeptPutKeeper.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

KeptPutsDialog::KeptPutsDialog(KeptPutKeeper* keeper, QWidget* parent)
    : QDialog(parent)
    , m_keeper(keeper)
    , m_model(new KeptPutsModel(keeper, this))
    , m_table(new QTableView(this))
    , m_empty(new QLabel(tr("The browser keeps no put alive now. Puts through an OpenDHT proxy with a TTL "
                            "over 10 minutes, and plain OpenDHT values with a TTL over their type's "
                            "lifetime, are listed here while their TTL runs."),
                         this))
    , m_stop(new QPushButton(tr("&Stop Keeping"), this))
{
    setWindowTitle(tr("Kept Puts"));
    m_empty->setWordWrap(true);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_stop->setToolTip(tr("Let the selected put go now: the proxy stops refreshing it and it leaves the DHT "
                          "within one lifetime of its type (10 minutes for classic items)"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_stop, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_stop, &QPushButton::clicked, this, &KeptPutsDialog::stopSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &KeptPutsDialog::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &KeptPutsDialog::updateState);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_empty);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(900, 300);
    updateState();
}

void KeptPutsDialog::stopSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        m_keeper->stop(rows.first().data(KeptPutsModel::IdRole).toLongLong());
}

void KeptPutsDialog::updateState()
{
    const bool any = m_model->rowCount() > 0;
    m_empty->setVisible(!any);
    m_table->setVisible(any);
    m_stop->setEnabled(m_table->selectionModel()->hasSelection());
}
