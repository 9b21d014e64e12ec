#pragma once

#include "KnownKeys.h"

#include "core/keys/StoredKeyPage.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QVector>

#include <memory>
#include <thread>
#include <vector>

class QTimer;

// The keys a gateway stores (core KeyListing), one row each, for the "Stored here" panel, made
// for 100 000 keys paging in without a stall of the window (tests/bench stored bench: the
// longest under 50 ms). Rows are small fixed-size records (no allocation of their own: a
// Refresh frees one block) that never move; the order is a vector of indexes to them. Pages
// come in hash order: in the default order they are appended; in another they are shown at the
// end at once and merged into the order aside (a thread of its own from asyncSortRows rows, at
// most every mergeGapMs), then applied in one change of layout. sort() orders the rows itself
// (the filter proxy above it only filters). Cells are plain text: hashes and figures, and the
// text of keys the browser knows (KnownKeys); the gateway's own records are dimmed.
class StoredKeysModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        KeyColumn,
        ValuesColumn,
        SizeColumn,
        AgeColumn,
        ColumnCount
    };
    enum Role
    {
        HashRole = Qt::UserRole, // QString, 40 hex
        KnownTextRole,           // QString, empty when the key's text is not known
        GatewayOwnRole           // bool: the gateway's own record (its presence), not the user's
    };

    // From this many rows a sort or a merge runs in a thread of its own (sortApplied() says
    // when through).
    static constexpr int asyncSortRows = 20000;
    // Pages that come out of order are merged in at most this often: each merge is a change of
    // layout of every row, for the proxy and the view too.
    static constexpr int mergeGapMs = 250;

    explicit StoredKeysModel(QObject* parent = nullptr);
    ~StoredKeysModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void clear();
    void appendKeys(const QVector<StoredKeyInfo>& keys);
    void setKnown(const KnownKeys& known);
    // The key to open for the row: the known key (text and mode), else the hash as a hex key.
    KnownKeys::Key keyAt(int row) const;
    // Whether the row's hash starts with hexPrefix (lower case; empty: none) or its known text
    // contains text: the filter's test, without a QVariant per row (it runs over all of them).
    bool matches(int row, const QString& hexPrefix, const QString& text) const;
    // Rows that are the gateway's own records: the rest are what users stored.
    int gatewayOwnRows() const { return m_gatewayOwnRows; }
    // Ages are counted from this time (ms since the epoch); tests fix it.
    void setNow(qint64 ms) { m_nowMs = ms; }
    // A sort asked for, or rows that came out of order, are not in the order yet.
    bool isSorting() const { return m_sortPending || m_sortedRows < m_order.size(); }

signals:
    // The rows are in the order last asked for (at once, or when a thread's sort is through).
    void sortApplied();

private:
    struct Row
    {
        quint64 hash[2];  // the hash's bytes 0-15, big-endian: compared as numbers, as bytes
        quint32 hashTail; // bytes 16-19
        int values;
        qint64 bytes;
        qint64 newestMs;
        int items;
        const KnownKeys::Known* known;
    };
    // What the order compares, for the current column, in 32 bytes: sorted without reading
    // m_rows (a thread does), ties by hash, then by row.
    struct SortKey
    {
        qint64 primary;
        quint64 hash0, hash1;
        quint32 hashTail;
        int row; // in m_rows
    };
    using Keys = std::vector<SortKey>;

    QVariant display(const Row& r, int column) const;
    SortKey sortKey(int row) const;
    Keys keysOf(size_t from, size_t to) const;
    static void sortInOrder(Keys& keys, bool ascending);
    static std::shared_ptr<Keys> ordered(std::shared_ptr<const Keys> sorted, Keys more, bool ascending);
    void startOrdering(bool resort);
    void mergeSoon();
    void applyOrder(const Keys& keys, size_t covered);
    static QByteArray key20(const Row& r);
    static QString hashHex(const Row& r);

    const Row& rowAt(int row) const { return m_rows[size_t(m_order[size_t(row)])]; }

    std::vector<Row> m_rows;  // as they came; never moved, so that a sort costs no copies
    std::vector<int> m_order; // the model's rows: indexes into m_rows
    // m_order[0, m_sortedRows) is in the order asked for; the rows after it came since
    // (appended, each page in order) and are merged in next.
    size_t m_sortedRows = 0;
    KnownKeys m_known;
    int m_gatewayOwnRows = 0;
    int m_sortColumn = KeyColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    qint64 m_nowMs = 0;
    std::thread m_worker;        // the last sort or merge's thread
    std::thread m_freer;         // frees the rows a clear() let go (megabytes: pages given back)
    bool m_working = false;      // it runs (its result is not applied yet)
    bool m_resortQueued = false; // a sort was asked for meanwhile: started when it is through
    bool m_sortPending = false;  // a sort asked for is not applied yet
    quint64 m_generation = 0;    // of the rows and the order asked for: a stale result is dropped
    QTimer* m_mergeTimer;
    QElapsedTimer m_sinceApplied;
};
