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
    invalidateRowsFilter();
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
    const QModelIndex index = sourceModel()->index(sourceRow, StoredKeysModel::KeyColumn, sourceParent);
    if (!m_hexPrefix.isEmpty() && index.data(StoredKeysModel::HashRole).toString().startsWith(m_hexPrefix))
        return true;
    return index.data(StoredKeysModel::KnownTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}
