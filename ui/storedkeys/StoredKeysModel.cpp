#include "StoredKeysModel.h"

#include <common/PlainToolTip.h>

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <limits>
#include <vector>

namespace {

QString ageText(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s < 60)
        return StoredKeysModel::tr("%1 s").arg(s);
    if (s < 3600)
        return StoredKeysModel::tr("%1 min").arg(s / 60);
    if (s < 86400)
        return StoredKeysModel::tr("%1 h").arg(s / 3600);
    return StoredKeysModel::tr("%1 d").arg(s / 86400);
}

quint64 hashPrefix(const QByteArray& key20)
{
    quint64 v = 0;
    for (int i = 0; i < 8 && i < key20.size(); ++i)
        v = (v << 8) | quint8(key20[i]);
    return v;
}

} // namespace

StoredKeysModel::StoredKeysModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int StoredKeysModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StoredKeysModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StoredKeysModel::display(const Row& r, int column) const
{
    switch (column) {
    case KeyColumn:
        return r.known ? r.known->text : r.hashHex;
    case ValuesColumn:
        return r.info.values;
    case SizeColumn:
        return QLocale().formattedDataSize(r.info.bytes);
    case AgeColumn: {
        if (r.info.newestMs <= 0)
            return tr("unknown");
        const qint64 now = m_nowMs > 0 ? m_nowMs : QDateTime::currentMSecsSinceEpoch();
        return ageText(now - r.info.newestMs);
    }
    }
    return {};
}

QVariant StoredKeysModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case Qt::ToolTipRole: {
        QStringList lines{tr("Key hash: %1").arg(r.hashHex)};
        if (r.known)
            lines << tr("Known to this browser as: %1").arg(r.known->text);
        lines << tr("%1 values, %2 bytes").arg(r.info.values).arg(r.info.bytes);
        if (r.info.items > 0)
            lines << tr("%1 of them classic items this gateway keeps").arg(r.info.items);
        return plainToolTip(lines);
    }
    case Qt::TextAlignmentRole:
        return index.column() == KeyColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case HashRole:
        return r.hashHex;
    case KnownTextRole:
        return r.known ? r.known->text : QString();
    default:
        return {};
    }
}

QVariant StoredKeysModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValuesColumn:
        return tr("Values");
    case SizeColumn:
        return tr("Size");
    case AgeColumn:
        return tr("Age");
    }
    return {};
}

bool StoredKeysModel::less(const Row& a, const Row& b) const
{
    // Ties are broken by hash, so that the order is total and a merge is exact.
    const auto byHash = [](const Row& x, const Row& y) { return x.info.key20 < y.info.key20; };
    const Row& x = m_order == Qt::AscendingOrder ? a : b;
    const Row& y = m_order == Qt::AscendingOrder ? b : a;
    switch (m_sortColumn) {
    case ValuesColumn:
        return x.info.values != y.info.values ? x.info.values < y.info.values : byHash(x, y);
    case SizeColumn:
        return x.info.bytes != y.info.bytes ? x.info.bytes < y.info.bytes : byHash(x, y);
    case AgeColumn: // ascending age: the newest first
        return x.info.newestMs != y.info.newestMs ? x.info.newestMs > y.info.newestMs : byHash(x, y);
    default:
        // Keys the browser knows the text of first, by their text; the others by hash.
        if (bool(x.known) != bool(y.known))
            return bool(x.known);
        if (x.known && x.known->text != y.known->text)
            return x.known->text < y.known->text;
        return byHash(x, y);
    }
}

void StoredKeysModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void StoredKeysModel::appendKeys(const QVector<StoredKeyInfo>& keys)
{
    if (keys.isEmpty())
        return;
    QVector<Row> rows;
    rows.reserve(keys.size());
    for (const StoredKeyInfo& k : keys)
        rows.append({k, QString::fromLatin1(k.key20.toHex()), hashPrefix(k.key20), m_known.find(k.key20)});
    mergeIn(std::move(rows));
}

QVector<QByteArray> StoredKeysModel::persistentKeys(const QModelIndexList& indexes) const
{
    QVector<QByteArray> keys;
    keys.reserve(indexes.size());
    for (const QModelIndex& i : indexes)
        keys << m_rows[i.row()].info.key20;
    return keys;
}

void StoredKeysModel::movePersistent(const QModelIndexList& before, const QVector<QByteArray>& keys)
{
    // One pass over the rows for the few keys held (a selection, the current row).
    QHash<QByteArray, int> rowOf;
    for (const QByteArray& k : keys)
        rowOf.insert(k, -1);
    qsizetype left = rowOf.size();
    for (int row = 0; row < m_rows.size() && left > 0; ++row) {
        const auto it = rowOf.find(m_rows[row].info.key20);
        if (it != rowOf.end() && *it < 0) {
            *it = row;
            --left;
        }
    }
    QModelIndexList after;
    for (qsizetype i = 0; i < before.size(); ++i)
        after << index(rowOf.value(keys[i]), before[i].column());
    changePersistentIndexList(before, after);
}

void StoredKeysModel::mergeIn(QVector<Row> rows)
{
    const auto lessThan = [this](const Row& a, const Row& b) { return less(a, b); };
    std::sort(rows.begin(), rows.end(), lessThan);
    // The rows come in at the end; when they belong there (hash order, pages in hash order:
    // the usual case) that is all.
    const bool inOrder = m_rows.isEmpty() || !less(rows.first(), m_rows.last());
    const qsizetype middle = m_rows.size();
    beginInsertRows({}, int(middle), int(middle + rows.size() - 1));
    m_rows += rows;
    endInsertRows();
    if (inOrder)
        return;
    // Otherwise one merge, O(rows), told as a change of layout.
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    const QVector<QByteArray> keys = persistentKeys(before);
    std::inplace_merge(m_rows.begin(), m_rows.begin() + middle, m_rows.end(), lessThan);
    movePersistent(before, keys);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void StoredKeysModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_order = order;
    if (m_rows.isEmpty())
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    const QVector<QByteArray> keys = persistentKeys(before);
    sortRows();
    movePersistent(before, keys);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// Sorts small fixed-size keys rather than the rows: comparing two Rows goes through the column
// switch, QByteArray and QString, and 100 000 of them sorted that way stalled the window ~75 ms
// (tests/bench stored bench). The order is exactly less()'s.
void StoredKeysModel::sortRows()
{
    struct SortKey
    {
        qint64 primary;
        quint64 hash8; // the first 8 bytes of the hash, big-endian: the hash order, nearly always
        int row;
    };
    std::vector<SortKey> sortKeys;
    sortKeys.reserve(size_t(m_rows.size()));
    const std::vector<int> textRank = m_sortColumn == KeyColumn ? knownTextRanks() : std::vector<int>();
    for (int row = 0; row < m_rows.size(); ++row) {
        const Row& r = m_rows[row];
        qint64 primary = 0;
        switch (m_sortColumn) {
        case ValuesColumn:
            primary = r.info.values;
            break;
        case SizeColumn:
            primary = r.info.bytes;
            break;
        case AgeColumn:
            primary = -r.info.newestMs;
            break;
        default: // known texts first, in their order; the others after them
            primary = r.known ? textRank[size_t(row)] : std::numeric_limits<qint64>::max();
        }
        sortKeys.push_back({primary, r.hash8, row});
    }
    const bool ascending = m_order == Qt::AscendingOrder;
    std::sort(sortKeys.begin(), sortKeys.end(), [this, ascending](const SortKey& a, const SortKey& b) {
        const SortKey& x = ascending ? a : b;
        const SortKey& y = ascending ? b : a;
        if (x.primary != y.primary)
            return x.primary < y.primary;
        if (x.hash8 != y.hash8)
            return x.hash8 < y.hash8;
        return m_rows[x.row].info.key20 < m_rows[y.row].info.key20;
    });
    QVector<Row> sorted;
    sorted.reserve(m_rows.size());
    for (const SortKey& k : sortKeys)
        sorted.append(std::move(m_rows[k.row]));
    m_rows = std::move(sorted);
}

// For the key column: the rank of each known row's text (equal texts share it), -1 elsewhere.
// The browser knows a few hundred keys at most, so this sorts few.
std::vector<int> StoredKeysModel::knownTextRanks() const
{
    std::vector<int> known;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].known)
            known.push_back(row);
    }
    std::sort(known.begin(), known.end(),
              [this](int a, int b) { return m_rows[a].known->text < m_rows[b].known->text; });
    std::vector<int> rank(size_t(m_rows.size()), -1);
    int r = -1;
    for (size_t i = 0; i < known.size(); ++i) {
        if (i == 0 || m_rows[known[i]].known->text != m_rows[known[i - 1]].known->text)
            ++r;
        rank[size_t(known[i])] = r;
    }
    return rank;
}

void StoredKeysModel::setKnown(const KnownKeys& known)
{
    m_known = known;
    for (Row& r : m_rows)
        r.known = m_known.find(r.info.key20);
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, KeyColumn), index(int(m_rows.size()) - 1, KeyColumn));
        sort(m_sortColumn, m_order); // known texts sort first in the key column
    }
}

bool StoredKeysModel::matches(int row, const QString& hexPrefix, const QString& text) const
{
    const Row& r = m_rows[row];
    if (!hexPrefix.isEmpty() && r.hashHex.startsWith(hexPrefix))
        return true;
    return r.known && r.known->text.contains(text, Qt::CaseInsensitive);
}

KnownKeys::Key StoredKeysModel::keyAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const Row& r = m_rows[row];
    if (r.known)
        return r.known->key;
    return KnownKeys::Key::parse(r.hashHex, KnownKeys::Key::Mode::Hex);
}
