#include "ValueDetails.h"

#include "VisibleText.h"

#include "ui/common/PlainToolTip.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
constexpr int nameRole = Qt::UserRole, fullRole = Qt::UserRole + 1;
}

ValueDetails::ValueDetails(QWidget* parent)
    : QWidget(parent)
{
    auto* title = new QLabel(tr("Details"), this);
    title->setTextFormat(Qt::PlainText);
    m_copyOwner = new QToolButton(this);
    m_copyOwner->setText(tr("Copy Owner Key"));
    m_copyOwner->setToolTip(tr("Copy the signer's public key, in PEM"));
    connect(m_copyOwner, &QToolButton::clicked, this, &ValueDetails::copyOwnerKey);

    m_view = new QTreeWidget(this);
    m_view->setColumnCount(2);
    m_view->setHeaderLabels({tr("Field"), tr("Value")});
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAccessibleName(tr("Value details"));
    m_view->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    auto* copy = new QAction(tr("&Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ValueDetails::copySelected);
    m_view->addAction(copy);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto* bar = new QHBoxLayout;
    bar->addWidget(title);
    bar->addStretch(1);
    bar->addWidget(m_copyOwner);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view);
    clear();
}

void ValueDetails::setValue(const DhtValue& value)
{
    m_view->clear();
    m_ownerPem = value.meta ? QString::fromUtf8(value.meta->ownerPem) : QString();
    for (const ValueFields::Field& field : ValueFields::of(value)) {
        // Item text is drawn as plain text; invisible characters of untrusted text made visible.
        auto* item = new QTreeWidgetItem(m_view, {field.label, VisibleText::make(field.value, false)});
        item->setData(0, nameRole, field.name);
        item->setData(0, fullRole, field.full);
        item->setToolTip(1, plainToolTip(field.full.split(u'\n')));
    }
    m_copyOwner->setEnabled(!m_ownerPem.isEmpty());
}

void ValueDetails::clear()
{
    m_view->clear();
    m_ownerPem.clear();
    m_copyOwner->setEnabled(false);
}

QString ValueDetails::fieldText(const QString& name) const
{
    for (int i = 0; i < m_view->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = m_view->topLevelItem(i);
        if (item->data(0, nameRole).toString() == name)
            return item->text(1);
    }
    return {};
}

void ValueDetails::copySelected()
{
    const QTreeWidgetItem* item = m_view->currentItem();
    if (!item)
        return;
    QGuiApplication::clipboard()->setText(item->data(0, fullRole).toString());
    emit message(tr("Copied the %1").arg(item->text(0).toLower()));
}

void ValueDetails::copyOwnerKey()
{
    if (m_ownerPem.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_ownerPem);
    emit message(tr("Copied the owner's public key (PEM)"));
}
