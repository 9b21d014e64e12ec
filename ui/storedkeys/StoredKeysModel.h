#pragma once

#include "KnownKeys.h"

#include "core/keys/StoredKeyPage.h"

#include <QAbstractTableModel>
#include <QVector>

#include <thread>
#include <vector>

// The keys a gateway stores (core KeyListing), one row each, for the "Stored here" panel.
// Pages arrive in hash order and are merged into the current sort order in O(rows) each, so
// 100 000 keys come in without a freeze; the rows stay where they came and the sort orders
// indexes to them; sort() orders the rows itself (the filter proxy above
// it only filters). Cells are plain text: hashes and figures, and the text of keys the browser
// knows (KnownKeys).
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
        KnownTextRole            // QString, empty when the key's text is not known
    };

    // From this many rows a sort runs in a thread of its own (sortApplied() says when through).
    static constexpr int asyncSortRows = 20000;

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
    // Ages are counted from this time (ms since the epoch); tests fix it.
    void setNow(qint64 ms) { m_nowMs = ms; }
    // A sort asked of asyncSortRows rows or more is still running.
    bool isSorting() const { return m_sortPending; }

signals:
    // The rows are in the order last asked for (at once, or when a thread's sort is through).
    void sortApplied();

private:
    struct Row
    {
        StoredKeyInfo info;
        QString hashHex;
        quint64 hash[2] = {}; // the hash's first 16 bytes, for sorting
        const KnownKeys::Known* known = nullptr;
    };
    bool less(const Row& a, const Row& b) const;
    QVariant display(const Row& r, int column) const;
    void mergeIn(QVector<Row> rows);
    struct SortKey
    {
        qint64 primary;
        quint64 hash0, hash1;
        int row; // in m_rows
    };
    std::vector<SortKey> sortKeys() const;
    static void sortInOrder(std::vector<SortKey>& keys, bool ascending);
    void startSorter();
    void applyOrder(const std::vector<SortKey>& keys, int rows, quint64 generation);
    std::vector<int> knownTextRanks() const;
    QVector<QByteArray> persistentKeys(const QModelIndexList& indexes) const;
    void movePersistent(const QModelIndexList& before, const QVector<QByteArray>& keys);

    const Row& rowAt(int row) const { return m_rows[m_sorted[size_t(row)]]; }

    QVector<Row> m_rows;       // as they came; never moved, so that a sort costs no copies
    std::vector<int> m_sorted; // the model's rows: indexes into m_rows, in the sort order
    KnownKeys m_known;
    int m_sortColumn = KeyColumn;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    qint64 m_nowMs = 0;
    std::thread m_sorter;        // the last large sort's thread
    bool m_sorting = false;      // it runs (its result is not applied yet)
    bool m_resortQueued = false; // a sort was asked for meanwhile: started when it is through
    quint64 m_generation = 0;    // of the rows and the order asked for: a stale sort is dropped
    bool m_sortPending = false;
};
