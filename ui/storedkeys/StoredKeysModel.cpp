#include "StoredKeysModel.h"

#include "ui/common/PlainToolTip.h"

#include <QDateTime>
#include <QLocale>
#include <QMetaObject>

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

// Bytes [from, from + 8) of the hash, big-endian: compared as numbers, they compare as bytes.
quint64 hashPart(const QByteArray& key20, int from)
{
    quint64 v = 0;
    for (int i = from; i < from + 8; ++i)
        v = (v << 8) | (i < key20.size() ? quint8(key20[i]) : 0);
    return v;
}

} // namespace

StoredKeysModel::StoredKeysModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int StoredKeysModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_sorted.size());
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
    const Row& r = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case Qt::ToolTipRole: {
        QStringList lines{tr("Key hash: %1").arg(r.hashHex)};
        if (r.known)
            lines << tr("Known to this browser as: %1").arg(r.known->text);
        lines << tr("%n value(s), %1 bytes", nullptr, int(r.info.values)).arg(r.info.bytes);
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
    m_sorted.clear();
    ++m_generation; // a sort still running is of rows gone
    m_sortPending = m_resortQueued = false;
    endResetModel();
}

void StoredKeysModel::appendKeys(const QVector<StoredKeyInfo>& keys)
{
    if (keys.isEmpty())
        return;
    QVector<Row> rows;
    rows.reserve(keys.size());
    for (const StoredKeyInfo& k : keys)
        rows.append({k,
                     QString::fromLatin1(k.key20.toHex()),
                     {hashPart(k.key20, 0), hashPart(k.key20, 8)},
                     m_known.find(k.key20)});
    mergeIn(std::move(rows));
}

QVector<QByteArray> StoredKeysModel::persistentKeys(const QModelIndexList& indexes) const
{
    QVector<QByteArray> keys;
    keys.reserve(indexes.size());
    for (const QModelIndex& i : indexes)
        keys << rowAt(i.row()).info.key20;
    return keys;
}

void StoredKeysModel::movePersistent(const QModelIndexList& before, const QVector<QByteArray>& keys)
{
    // One pass over the rows for the few keys held (a selection, the current row).
    QHash<QByteArray, int> rowOf;
    for (const QByteArray& k : keys)
        rowOf.insert(k, -1);
    qsizetype left = rowOf.size();
    for (int row = 0; row < int(m_sorted.size()) && left > 0; ++row) {
        const auto it = rowOf.find(rowAt(row).info.key20);
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
    if (m_sortPending) { // at the end for now: the sort's result merges them in
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(rows.size()) - 1);
        m_rows += rows;
        for (int i = first; i < int(m_rows.size()); ++i)
            m_sorted.push_back(i);
        endInsertRows();
        return;
    }
    // The rows are stored at the end and come in at the end of the order; when they belong
    // there (hash order, pages in hash order: the usual case) that is all.
    const bool inOrder = m_sorted.empty() || !less(rows.first(), rowAt(int(m_sorted.size()) - 1));
    const int first = int(m_rows.size());
    const int middle = int(m_sorted.size());
    beginInsertRows({}, middle, middle + int(rows.size()) - 1);
    m_rows += rows;
    for (int i = first; i < int(m_rows.size()); ++i)
        m_sorted.push_back(i);
    endInsertRows();
    if (inOrder)
        return;
    // Otherwise, among many rows, all sorted again aside (as a header click does): merging each
    // page in the UI thread cost a change of layout per page. The rows are at the end meanwhile.
    if (m_rows.size() >= asyncSortRows) {
        sort(m_sortColumn, m_order);
        return;
    }
    // Among few, one merge of the order, O(rows), told as a change of layout.
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    const QVector<QByteArray> keys = persistentKeys(before);
    std::inplace_merge(m_sorted.begin(), m_sorted.begin() + middle, m_sorted.end(),
                       [this](int a, int b) { return less(m_rows[a], m_rows[b]); });
    movePersistent(before, keys);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void StoredKeysModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_order = order;
    ++m_generation; // a sort still running is replaced
    if (m_rows.isEmpty()) {
        m_sortPending = m_resortQueued = false;
        emit sortApplied();
        return;
    }
    if (m_rows.size() < asyncSortRows) {
        std::vector<SortKey> keys = sortKeys();
        sortInOrder(keys, m_order == Qt::AscendingOrder);
        applyOrder(keys, int(m_rows.size()), m_generation);
        return;
    }
    m_sortPending = true;
    if (m_sorting) // one thread at a time: the one running is dropped, this one starts after it
        m_resortQueued = true;
    else
        startSorter();
}

// Sorted by a thread of its own, from keys that hold all it needs (it never reads m_rows),
// and applied here in one step when through: the UI thread keeps only the O(rows) parts, and
// never waits for a sort (a sort asked for meanwhile follows when this one is through).
void StoredKeysModel::startSorter()
{
    if (m_sorter.joinable())
        m_sorter.join(); // through: posting its result was its last step
    auto keys = std::make_shared<std::vector<SortKey>>(sortKeys());
    const bool ascending = m_order == Qt::AscendingOrder;
    const int rows = int(m_rows.size());
    const quint64 generation = m_generation;
    m_sorting = true;
    m_sorter = std::thread([this, keys, ascending, rows, generation] {
        sortInOrder(*keys, ascending);
        // Queued to this object's thread; ~StoredKeysModel joins first, so this is alive here.
        QMetaObject::invokeMethod(
            this,
            [this, keys, rows, generation] {
                m_sorting = false;
                applyOrder(*keys, rows, generation);
                if (m_resortQueued) {
                    m_resortQueued = false;
                    startSorter();
                }
            },
            Qt::QueuedConnection);
    });
}

StoredKeysModel::~StoredKeysModel()
{
    if (m_sorter.joinable())
        m_sorter.join();
}

// The sort keys of every stored row, by m_rows index, for the current column.
std::vector<StoredKeysModel::SortKey> StoredKeysModel::sortKeys() const
{
    std::vector<SortKey> keys;
    keys.reserve(size_t(m_rows.size()));
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
        keys.push_back({primary, r.hash[0], r.hash[1], row});
    }
    return keys;
}

// less()'s order on small fixed-size keys: comparing Rows goes through the column switch,
// QByteArray and QString, and sorted that way (moving the rows) 100 000 of them stalled the
// window ~75 ms (tests/bench stored bench). Equal figures go by the hash's first 16 bytes
// (SHA-1 hashes that share them are not expected), then by row.
void StoredKeysModel::sortInOrder(std::vector<SortKey>& keys, bool ascending)
{
    std::sort(keys.begin(), keys.end(), [ascending](const SortKey& a, const SortKey& b) {
        const SortKey& x = ascending ? a : b;
        const SortKey& y = ascending ? b : a;
        if (x.primary != y.primary)
            return x.primary < y.primary;
        if (x.hash0 != y.hash0)
            return x.hash0 < y.hash0;
        if (x.hash1 != y.hash1)
            return x.hash1 < y.hash1;
        return x.row < y.row;
    });
}

// The sorted keys of the first `rows` stored rows become the order, with the rows stored since
// (pages that came while a thread sorted) merged in; dropped when a later sort or a clear()
// replaced the one that made them.
void StoredKeysModel::applyOrder(const std::vector<SortKey>& keys, int rows, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_sortPending = false;
    std::vector<int> order;
    order.reserve(size_t(m_rows.size()));
    for (const SortKey& k : keys)
        order.push_back(k.row);
    if (rows < m_rows.size()) {
        std::vector<int> later;
        for (int i = rows; i < m_rows.size(); ++i)
            later.push_back(i);
        const auto lessThan = [this](int a, int b) { return less(m_rows[a], m_rows[b]); };
        std::sort(later.begin(), later.end(), lessThan);
        const auto middle = order.size();
        order.insert(order.end(), later.begin(), later.end());
        std::inplace_merge(order.begin(), order.begin() + qsizetype(middle), order.end(), lessThan);
    }
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    const QVector<QByteArray> persistent = persistentKeys(before);
    m_sorted = std::move(order);
    movePersistent(before, persistent);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    emit sortApplied();
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
        emit dataChanged(index(0, KeyColumn), index(int(m_sorted.size()) - 1, KeyColumn));
        sort(m_sortColumn, m_order); // known texts sort first in the key column
    }
}

bool StoredKeysModel::matches(int row, const QString& hexPrefix, const QString& text) const
{
    const Row& r = rowAt(row);
    if (!hexPrefix.isEmpty() && r.hashHex.startsWith(hexPrefix))
        return true;
    return r.known && r.known->text.contains(text, Qt::CaseInsensitive);
}

KnownKeys::Key StoredKeysModel::keyAt(int row) const
{
    if (row < 0 || row >= int(m_sorted.size()))
        return {};
    const Row& r = rowAt(row);
    if (r.known)
        return r.known->key;
    return KnownKeys::Key::parse(r.hashHex, KnownKeys::Key::Mode::Hex);
}
