#pragma once

#include "KnownKeys.h"

#include <keys/StoredKeyPage.h>

#include <QAbstractTableModel>
#include <QVector>

#include <vector>

// The keys a gateway stores (core KeyListing), one row each, for the "Stored here" panel.
// Pages arrive in hash order and are merged into the current sort order in O(rows) each, so
// 100 000 keys come in without a freeze; sort() orders the rows itself (the filter proxy above
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

    explicit StoredKeysModel(QObject* parent = nullptr);

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

private:
    struct Row
    {
        StoredKeyInfo info;
        QString hashHex;
        quint64 hash8 = 0; // the hash's first 8 bytes, for sorting
        const KnownKeys::Known* known = nullptr;
    };
    bool less(const Row& a, const Row& b) const;
    QVariant display(const Row& r, int column) const;
    void mergeIn(QVector<Row> rows);
    void sortRows();
    std::vector<int> knownTextRanks() const;
    QVector<QByteArray> persistentKeys(const QModelIndexList& indexes) const;
    void movePersistent(const QModelIndexList& before, const QVector<QByteArray>& keys);

    QVector<Row> m_rows;
    KnownKeys m_known;
    int m_sortColumn = KeyColumn;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    qint64 m_nowMs = 0;
};
