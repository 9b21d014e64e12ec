#include "StoredKeysModel.h"

#include "ui/common/PlainToolTip.h"

#include <QBrush>
#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QMetaObject>
#include <QPalette>
#include <QTimer>

#include <algorithm>
#include <limits>

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

// Bytes [from, from + n) of the hash, big-endian: compared as numbers, they compare as bytes.
quint64 hashPart(const QByteArray& key20, int from, int n)
{
    quint64 v = 0;
    for (int i = from; i < from + n; ++i)
        v = (v << 8) | (i < key20.size() ? quint8(key20[i]) : 0);
    return v;
}

int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    return -1;
}

} // namespace

StoredKeysModel::StoredKeysModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_mergeTimer(new QTimer(this))
{
    m_mergeTimer->setSingleShot(true);
    connect(m_mergeTimer, &QTimer::timeout, this, [this] {
        if (!m_working && !m_sortPending && m_sortedRows < m_order.size())
            startOrdering(false);
    });
}

StoredKeysModel::~StoredKeysModel()
{
    if (m_worker.joinable())
        m_worker.join();
    if (m_freer.joinable())
        m_freer.join();
}

int StoredKeysModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int StoredKeysModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QByteArray StoredKeysModel::key20(const Row& r)
{
    QByteArray key(20, Qt::Uninitialized);
    for (int i = 0; i < 16; ++i)
        key[i] = char(r.hash[i / 8] >> (56 - 8 * (i % 8)));
    for (int i = 0; i < 4; ++i)
        key[16 + i] = char(r.hashTail >> (24 - 8 * i));
    return key;
}

QString StoredKeysModel::hashHex(const Row& r)
{
    return QString::fromLatin1(key20(r).toHex());
}

QVariant StoredKeysModel::display(const Row& r, int column) const
{
    switch (column) {
    case KeyColumn:
        return r.known ? r.known->text : hashHex(r);
    case ValuesColumn:
        return r.values;
    case SizeColumn:
        return QLocale().formattedDataSize(r.bytes);
    case AgeColumn: {
        if (r.newestMs <= 0)
            return tr("unknown");
        const qint64 now = m_nowMs > 0 ? m_nowMs : QDateTime::currentMSecsSinceEpoch();
        return ageText(now - r.newestMs);
    }
    }
    return {};
}

QVariant StoredKeysModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = rowAt(index.row());
    const bool own = r.known && r.known->gatewayOwn;
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case Qt::ToolTipRole: {
        QStringList lines;
        if (own)
            lines << tr("This gateway's presence record: opendht-gateway puts it as it starts, so that "
                        "other gateways find this one. It is not one of your keys.");
        lines << tr("Key hash: %1").arg(hashHex(r));
        if (r.known && !own)
            lines << tr("Known to this browser as: %1").arg(r.known->text);
        lines << tr("%n value(s), %1 bytes", nullptr, r.values).arg(r.bytes);
        if (r.items > 0)
            lines << tr("%1 of them classic items this gateway keeps").arg(r.items);
        return plainToolTip(lines);
    }
    case Qt::ForegroundRole:
        // Dimmed as placeholder text is: there, but not the user's.
        return own ? QVariant(QGuiApplication::palette().brush(QPalette::PlaceholderText)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == KeyColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case HashRole:
        return hashHex(r);
    case KnownTextRole:
        return r.known ? r.known->text : QString();
    case GatewayOwnRole:
        return own;
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

namespace {

template <typename Key> bool before(const Key& a, const Key& b, bool ascending)
{
    const Key& x = ascending ? a : b;
    const Key& y = ascending ? b : a;
    if (x.primary != y.primary)
        return x.primary < y.primary;
    if (x.hash0 != y.hash0)
        return x.hash0 < y.hash0;
    if (x.hash1 != y.hash1)
        return x.hash1 < y.hash1;
    if (x.hashTail != y.hashTail)
        return x.hashTail < y.hashTail;
    return x.row < y.row;
}

} // namespace

// The column's figure first (for the key column: known texts first, in their order; the others
// after them), then the hash: the order is total, so that a merge is exact.
StoredKeysModel::SortKey StoredKeysModel::sortKey(int row) const
{
    const Row& r = m_rows[size_t(row)];
    qint64 primary = 0;
    switch (m_sortColumn) {
    case ValuesColumn:
        primary = r.values;
        break;
    case SizeColumn:
        primary = r.bytes;
        break;
    case AgeColumn: // ascending age: the newest first
        primary = -r.newestMs;
        break;
    default:
        primary = r.known ? r.known->rank : std::numeric_limits<qint64>::max();
    }
    return {primary, r.hash[0], r.hash[1], r.hashTail, row};
}

// The sort keys of the model's rows [from, to), in their order.
StoredKeysModel::Keys StoredKeysModel::keysOf(size_t from, size_t to) const
{
    Keys keys;
    keys.reserve(to - from);
    for (size_t i = from; i < to; ++i)
        keys.push_back(sortKey(m_order[i]));
    return keys;
}

void StoredKeysModel::sortInOrder(Keys& keys, bool ascending)
{
    std::sort(keys.begin(), keys.end(),
              [ascending](const SortKey& a, const SortKey& b) { return before(a, b, ascending); });
}

// `more` sorted and merged into `sorted` (none: `more` alone); reads nothing else, so that a
// thread can run it.
std::shared_ptr<StoredKeysModel::Keys> StoredKeysModel::ordered(std::shared_ptr<const Keys> sorted, Keys more,
                                                                bool ascending)
{
    sortInOrder(more, ascending);
    if (!sorted || sorted->empty())
        return std::make_shared<Keys>(std::move(more));
    auto out = std::make_shared<Keys>(sorted->size() + more.size());
    std::merge(sorted->begin(), sorted->end(), more.begin(), more.end(), out->begin(),
               [ascending](const SortKey& a, const SortKey& b) { return before(a, b, ascending); });
    return out;
}

void StoredKeysModel::clear()
{
    if (m_order.empty() && m_rows.empty())
        return;
    beginResetModel();
    // Fixed-size rows: freeing them is freeing two blocks, whatever their number; given back to
    // the system by a thread, as unmapping megabytes is not free either.
    if (m_freer.joinable())
        m_freer.join(); // the last one's: long through
    m_freer = std::thread([rows = std::move(m_rows), order = std::move(m_order)]() mutable {
        std::vector<Row>().swap(rows);
        std::vector<int>().swap(order);
    });
    m_rows = {};
    m_order = {};
    m_sortedRows = 0;
    m_gatewayOwnRows = 0;
    ++m_generation; // a sort or merge still running is of rows gone
    m_sortPending = m_resortQueued = false;
    m_mergeTimer->stop();
    endResetModel();
}

void StoredKeysModel::appendKeys(const QVector<StoredKeyInfo>& keys)
{
    if (keys.isEmpty())
        return;
    const size_t first = m_rows.size();
    for (const StoredKeyInfo& k : keys) {
        const KnownKeys::Known* known = m_known.find(k.key20);
        m_gatewayOwnRows += known && known->gatewayOwn;
        m_rows.push_back({{hashPart(k.key20, 0, 8), hashPart(k.key20, 8, 8)},
                          quint32(hashPart(k.key20, 16, 4)),
                          k.values,
                          k.bytes,
                          k.newestMs,
                          k.items,
                          known});
    }
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    Keys page;
    page.reserve(m_rows.size() - first);
    for (size_t row = first; row < m_rows.size(); ++row)
        page.push_back(sortKey(int(row)));
    sortInOrder(page, ascending);
    // A page after the last row in the order (hash order, pages in hash order: the usual case)
    // is appended and that is all; any other is appended for now and merged in soon.
    const bool inOrder = !m_sortPending && m_sortedRows == m_order.size() &&
                         (m_order.empty() || !before(page.front(), sortKey(m_order.back()), ascending));
    beginInsertRows({}, int(m_order.size()), int(m_order.size() + page.size()) - 1);
    for (const SortKey& k : page)
        m_order.push_back(k.row);
    if (inOrder)
        m_sortedRows = m_order.size();
    endInsertRows();
    if (!inOrder && !m_sortPending)
        mergeSoon();
}

// Merged at once among few rows; among many, by a thread, at most every mergeGapMs: each
// merge's change of layout costs the proxy and the view O(rows), the pages in between wait at
// the end.
void StoredKeysModel::mergeSoon()
{
    if (m_sortedRows >= m_order.size())
        return;
    if (m_order.size() < size_t(asyncSortRows))
        return startOrdering(false);
    if (m_working || m_mergeTimer->isActive())
        return; // the one running (or due) is followed by one for these
    const qint64 since = m_sinceApplied.isValid() ? m_sinceApplied.elapsed() : qint64(mergeGapMs);
    m_mergeTimer->start(int(std::max<qint64>(0, mergeGapMs - since)));
}

void StoredKeysModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    ++m_generation; // a sort or merge still running is replaced
    m_mergeTimer->stop();
    if (m_order.empty()) {
        m_sortPending = m_resortQueued = false;
        m_sortedRows = 0;
        emit sortApplied();
        return;
    }
    m_sortPending = true;
    if (m_working && m_order.size() >= size_t(asyncSortRows))
        m_resortQueued = true; // one thread at a time: this one starts when that one is through
    else
        startOrdering(true);
}

// All the rows sorted again (resort), or the rows that came since merged into the sorted ones:
// here among few rows, else by a thread of its own from keys that hold all it needs (it never
// reads m_rows), applied here in one step when through. The UI thread keeps only the O(rows)
// parts, and never waits for a thread: a sort asked for meanwhile follows when it is through.
void StoredKeysModel::startOrdering(bool resort)
{
    const size_t covered = m_order.size();
    std::shared_ptr<const Keys> sorted;
    Keys more;
    if (resort) {
        more = keysOf(0, covered);
    } else {
        sorted = std::make_shared<const Keys>(keysOf(0, m_sortedRows));
        more = keysOf(m_sortedRows, covered);
    }
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    if (covered < size_t(asyncSortRows)) {
        applyOrder(*ordered(std::move(sorted), std::move(more), ascending), covered);
        return;
    }
    if (m_worker.joinable())
        m_worker.join(); // through: posting its result was its last step
    m_working = true;
    const quint64 generation = m_generation;
    m_worker = std::thread([this, sorted, more = std::move(more), ascending, covered, generation]() mutable {
        std::shared_ptr<const Keys> result = ordered(std::move(sorted), std::move(more), ascending);
        // Queued to this object's thread; ~StoredKeysModel joins first, so this is alive here.
        QMetaObject::invokeMethod(
            this,
            [this, result, covered, generation] {
                m_working = false;
                if (generation == m_generation)
                    applyOrder(*result, covered);
                if (m_resortQueued) {
                    m_resortQueued = false;
                    startOrdering(true);
                } else if (!m_sortPending) {
                    mergeSoon(); // pages that came meanwhile
                }
            },
            Qt::QueuedConnection);
    });
}

// The keys, in order, of the model's first `covered` rows become the order; the rows that came
// since stay after them, to be merged next. One change of layout; held indexes follow their rows.
void StoredKeysModel::applyOrder(const Keys& keys, size_t covered)
{
    std::vector<int> order;
    order.reserve(m_order.size());
    for (const SortKey& k : keys)
        order.push_back(k.row);
    order.insert(order.end(), m_order.begin() + qsizetype(covered), m_order.end());
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> held;
    held.reserve(size_t(before.size()));
    for (const QModelIndex& i : before)
        held.push_back(m_order[size_t(i.row())]);
    m_order.swap(order);
    m_sortedRows = covered;
    m_sortPending = false;
    if (!before.isEmpty()) {
        std::vector<int> position(m_rows.size());
        for (size_t i = 0; i < m_order.size(); ++i)
            position[size_t(m_order[i])] = int(i);
        QModelIndexList after;
        after.reserve(before.size());
        for (qsizetype i = 0; i < before.size(); ++i)
            after << index(position[size_t(held[size_t(i)])], before[i].column());
        changePersistentIndexList(before, after);
    }
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    m_sinceApplied.start();
    emit sortApplied();
}

void StoredKeysModel::setKnown(const KnownKeys& known)
{
    m_known = known;
    m_known.rankTexts();
    m_gatewayOwnRows = 0;
    for (Row& r : m_rows) {
        r.known = m_known.find(key20(r));
        m_gatewayOwnRows += r.known && r.known->gatewayOwn;
    }
    if (!m_order.empty()) {
        emit dataChanged(index(0, 0), index(int(m_order.size()) - 1, ColumnCount - 1));
        sort(m_sortColumn, m_sortOrder); // known texts sort first in the key column
    }
}

bool StoredKeysModel::matches(int row, const QString& hexPrefix, const QString& text) const
{
    const Row& r = rowAt(row);
    if (!hexPrefix.isEmpty() && hexPrefix.size() <= 40) {
        bool all = true;
        for (int i = 0; i < hexPrefix.size() && all; ++i) {
            const int nibble = i < 32 ? int(r.hash[i / 16] >> (60 - 4 * (i % 16))) & 0xf
                                      : int(r.hashTail >> (28 - 4 * (i - 32))) & 0xf;
            all = hexDigit(hexPrefix[i]) == nibble;
        }
        if (all)
            return true;
    }
    return r.known && r.known->text.contains(text, Qt::CaseInsensitive);
}

KnownKeys::Key StoredKeysModel::keyAt(int row) const
{
    if (row < 0 || row >= int(m_order.size()))
        return {};
    const Row& r = rowAt(row);
    if (r.known)
        return r.known->key;
    return KnownKeys::Key::parse(hashHex(r), KnownKeys::Key::Mode::Hex);
}
