#pragma once

#include "core/dht/DhtKey.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

// Keys the user pinned under a name of their own: since a DHT cannot list its keys, these are
// the user's "tree". Kept in the browser's settings (Settings::Key::KeysBookmarks); only the
// name can be edited.
class BookmarksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct Bookmark
    {
        QString name;
        QString input;
        DhtKey::Mode mode;
    };
    enum Column
    {
        NameColumn,
        KeyColumn,
        ModeColumn,
        HashColumn,
        ColumnCount
    };
    enum Role
    {
        ModeRole = Qt::UserRole // int(DhtKey::Mode)
    };

    explicit BookmarksModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // False when the key is not valid or the same key (mode and input) is bookmarked already.
    // An empty name becomes the input.
    bool add(const Bookmark& b);
    void removeAt(int row);
    const Bookmark& at(int row) const;
    DhtKey keyAt(int row) const;
    int indexOf(const DhtKey& key) const; // -1 if none
    int count() const;

private:
    struct Row
    {
        Bookmark bookmark;
        QString hashHex; // computed once: the hash column is drawn often
    };
    QVariant display(const Row& row, int column) const;
    QVariant toolTip(const Row& row, int column) const;
    void load();
    void save();

    QList<Row> m_rows;
};
