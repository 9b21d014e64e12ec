#pragma once

#include <QAbstractTableModel>
#include <QTimer>

class KeptPutKeeper;

// The keeper's puts as a table: key, type (a classic item now; plain OpenDHT values of a value
// type and user type later, issue #19), when the TTL ends, the gateway that holds it, and what it
// needs from the browser. "Needs" says "today"/"tomorrow", so the table is redrawn each minute.
class KeptPutsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Key,
        Type,
        EndsAt,
        Gateway,
        Needs,
        ColumnCount
    };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit KeptPutsModel(KeptPutKeeper* keeper, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    KeptPutKeeper* m_keeper;
    QTimer m_clock;
};
