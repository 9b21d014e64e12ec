#include "DecodeView.h"

#include "VisibleText.h"

#include "ui/common/PlainToolTip.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>

namespace {
constexpr int rawRole = Qt::UserRole; // the value as decoded, for copying
constexpr int expandedLevels = 3;     // deeper rows start folded
} // namespace

DecodeView::DecodeView(QWidget* parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Field"), tr("Value")});
    setUniformRowHeights(true);
    setAccessibleName(tr("Decoded value"));
    header()->setSectionResizeMode(0, QHeaderView::Interactive);
    auto* copy = new QAction(tr("&Copy Value"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &DecodeView::copySelected);
    auto* all = new QAction(tr("Copy &All"), this);
    connect(all, &QAction::triggered, this, &DecodeView::copyAll);
    addActions({copy, all});
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

void DecodeView::setResult(const DecodeResult& result)
{
    clear();
    m_text = result.text();
    addNodes(invisibleRootItem(), result.nodes);
    expandToDepth(expandedLevels - 1);
    resizeColumnToContents(0);
}

void DecodeView::addNodes(QTreeWidgetItem* parent, const QList<DecodeNode>& nodes)
{
    for (const DecodeNode& node : nodes) {
        auto* item = new QTreeWidgetItem(
            parent, {VisibleText::make(node.label, false), VisibleText::make(node.value, false)});
        item->setData(1, rawRole, node.value);
        if (!node.value.isEmpty())
            item->setToolTip(1, plainToolTip(node.value.left(2000).split(u'\n')));
        addNodes(item, node.children);
    }
}

void DecodeView::copySelected()
{
    if (const QTreeWidgetItem* item = currentItem())
        QGuiApplication::clipboard()->setText(item->data(1, rawRole).toString());
}

void DecodeView::copyAll()
{
    QGuiApplication::clipboard()->setText(m_text);
}
