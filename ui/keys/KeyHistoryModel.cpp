#include "KeyHistoryModel.h"

#include "KeyModeInfo.h"
#include "ui/common/PlainToolTip.h"

KeyHistoryModel::KeyHistoryModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int KeyHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int KeyHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeyHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DhtKey& key = m_keys.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return index.column() == InputColumn ? key.input() : DhtKey::modeName(key.mode());
    case Qt::ToolTipRole:
        return plainToolTip(
            {key.input(), tr("%1 · info hash %2").arg(KeyModeInfo::label(key.mode()), key.infoHashHex())});
    case ModeRole:
        return int(key.mode());
    default:
        return {};
    }
}

QVariant KeyHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case InputColumn:
        return tr("Key", "column of the key history");
    case ModeColumn:
        return tr("Mode", "column of the key history: text, hex or raw");
    default:
        return {};
    }
}

int KeyHistoryModel::find(const DhtKey& key) const
{
    for (int row = 0; row < m_keys.size(); ++row) {
        if (m_keys.at(row).mode() == key.mode() && m_keys.at(row).input() == key.input())
            return row;
    }
    return -1;
}

bool KeyHistoryModel::promote(const DhtKey& key, int limit)
{
    const int existing = find(key);
    if (existing == 0)
        return false;
    // Remove then insert rather than beginMoveRows: QCompleter's proxy (Qt 6.4) ignores
    // rowsMoved and would keep offering the old order.
    if (existing > 0)
        removeAt(existing);
    else if (m_keys.size() >= limit)
        removeAt(int(m_keys.size()) - 1);
    beginInsertRows({}, 0, 0);
    m_keys.prepend(key);
    endInsertRows();
    return true;
}

void KeyHistoryModel::removeAt(int row)
{
    if (row < 0 || row >= m_keys.size())
        return;
    beginRemoveRows({}, row, row);
    m_keys.removeAt(row);
    endRemoveRows();
}

void KeyHistoryModel::clear()
{
    reset({});
}

void KeyHistoryModel::reset(const QList<DhtKey>& keys)
{
    beginResetModel();
    m_keys = keys;
    endResetModel();
}
