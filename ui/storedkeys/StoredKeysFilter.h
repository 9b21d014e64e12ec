#pragma once

#include <QSortFilterProxyModel>

// Filters the "Stored here" rows by what the user types: a hash prefix (hex digits) or a part
// of a key's known text. It never sorts: sort() is passed to the StoredKeysModel, which keeps
// 100 000 rows in order by merging pages (a sorting proxy would reinsert each row).
class StoredKeysFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit StoredKeysFilter(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    QString filterText() const { return m_text; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    QString m_hexPrefix; // m_text in lower case when it is all hex digits, else empty
};
