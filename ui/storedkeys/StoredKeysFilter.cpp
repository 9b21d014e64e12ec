#include "StoredKeysFilter.h"

#include "StoredKeysModel.h"

namespace {

bool isHex(const QString& text)
{
    for (const QChar c : text) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return false;
    }
    return !text.isEmpty();
}

} // namespace

StoredKeysFilter::StoredKeysFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(false); // filtered as rows come; never sorted here
}

void StoredKeysFilter::setFilterText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    m_hexPrefix = isHex(trimmed) ? trimmed.toLower() : QString();
    // Filtered again in one pass, told as one change of layout: invalidateRowsFilter() would
    // remove (or insert) every run of rows apart, and a first hex digit over 100 000 keys
    // leaves some 6 000 runs, each a removal the view and its header pay for in full.
    invalidate();
}

void StoredKeysFilter::sort(int column, Qt::SortOrder order)
{
    if (sourceModel())
        sourceModel()->sort(column, order);
}

bool StoredKeysFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    if (const auto* model = qobject_cast<const StoredKeysModel*>(sourceModel()))
        return model->matches(sourceRow, m_hexPrefix, m_text);
    const QModelIndex index = sourceModel()->index(sourceRow, StoredKeysModel::KeyColumn, sourceParent);
    if (!m_hexPrefix.isEmpty() && index.data(StoredKeysModel::HashRole).toString().startsWith(m_hexPrefix))
        return true;
    return index.data(StoredKeysModel::KnownTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}
