#pragma once

#include <QHash>
#include <QSortFilterProxyModel>

// The values table as shown: sorted by ValuesModel::SortRole (raw numbers, so "9 B" comes
// before "10 B"), and filtered by a text the user types.
class ValueFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ValueFilterProxy(QObject* parent = nullptr);

    QString filterText() const { return m_text; }
    // Keeps the values whose text contains it, ignoring case (also as the table shows them,
    // so "␊" finds newlines), or, when it looks like hex ("00ff", "00 FF", "0x00ff"), whose
    // bytes contain those bytes, or whose type, user type or owner's key id contains it. Empty
    // keeps every value.
    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool matches(const QByteArray& bytes) const;

    QString m_text;
    QByteArray m_hexBytes;                      // empty when the text does not look like hex
    mutable QHash<QByteArray, bool> m_accepted; // per value bytes, for the current text
};
