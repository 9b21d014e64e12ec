#pragma once

#include "core/dht/DhtKey.h"

#include <QAbstractTableModel>
#include <QList>

// The recent keys, most recent first: the input the user typed and its mode. A QCompleter
// completes on the Input column; its popup can show the Mode column beside it, and ModeRole
// lets the key bar put the chosen key back in the mode it was used in.
class KeyHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        InputColumn,
        ModeColumn,
        ColumnCount
    };
    enum Role
    {
        ModeRole = Qt::UserRole // int(DhtKey::Mode)
    };

    explicit KeyHistoryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const QList<DhtKey>& keys() const { return m_keys; }
    int find(const DhtKey& key) const; // same mode and input; -1 if absent
    // Puts the key first (moving it if present) and forgets the oldest beyond limit.
    // Returns false when nothing changed.
    bool promote(const DhtKey& key, int limit);
    void removeAt(int row);
    void clear();
    void reset(const QList<DhtKey>& keys);

private:
    QList<DhtKey> m_keys;
};
