#include "ColumnChooser.h"

#include "ui/common/BrowserSettings.h"

#include <QHeaderView>
#include <QMenu>

ColumnChooser::ColumnChooser(QHeaderView* header, Settings::Key settingsKey,
                             const QList<int>& hiddenByDefault)
    : QObject(header)
    , m_header(header)
    , m_key(settingsKey)
{
    QList<int> hidden = hiddenByDefault;
    const Settings& settings = browserSettings();
    if (settings.contains(m_key)) {
        hidden.clear();
        for (const QVariant& v : settings.value(m_key).toList())
            hidden << v.toInt();
    }
    for (int column : hidden)
        m_header->setSectionHidden(column, true);
    m_header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_header, &QHeaderView::customContextMenuRequested, this, &ColumnChooser::showMenu);
}

void ColumnChooser::setColumnShown(int column, bool shown)
{
    m_header->setSectionHidden(column, !shown);
    save();
}

void ColumnChooser::showMenu(const QPoint& pos)
{
    const QAbstractItemModel* model = m_header->model();
    if (!model)
        return;
    auto* menu = new QMenu(m_header);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (int c = 0; c < model->columnCount(); ++c) {
        QAction* action = menu->addAction(model->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_header->isSectionHidden(c));
        // The last column shown cannot go: a table without columns has no header to bring it back.
        action->setEnabled(m_header->isSectionHidden(c) ||
                           m_header->count() - m_header->hiddenSectionCount() > 1);
        connect(action, &QAction::toggled, this, [this, c](bool on) { setColumnShown(c, on); });
    }
    menu->popup(m_header->viewport()->mapToGlobal(pos));
}

void ColumnChooser::save() const
{
    QVariantList hidden;
    for (int c = 0; c < m_header->count(); ++c) {
        if (m_header->isSectionHidden(c))
            hidden << c;
    }
    browserSettings().setValue(m_key, hidden);
}
