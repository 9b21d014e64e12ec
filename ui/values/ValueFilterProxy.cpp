#include "ValueFilterProxy.h"

#include "ValueFormat.h"
#include "ValuesModel.h"

namespace {

// The bytes that text spells in hex, or nothing when it does not look like hex.
QByteArray hexBytes(const QString& text)
{
    QString digits = text;
    digits.remove(u' ');
    if (digits.startsWith(u"0x", Qt::CaseInsensitive))
        digits = digits.mid(2);
    if (digits.isEmpty() || digits.size() % 2 != 0)
        return {};
    for (QChar c : digits) {
        if (c.unicode() > 127 || !isxdigit(c.toLatin1()))
            return {};
    }
    return QByteArray::fromHex(digits.toLatin1());
}

} // namespace

ValueFilterProxy::ValueFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ValuesModel::SortRole);
    setFilterRole(ValuesModel::BytesRole); // what the filter reads
}

void ValueFilterProxy::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_hexBytes = hexBytes(text);
    m_accepted.clear();
    invalidateFilter();
}

bool ValueFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(ValuesModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive))
        return true; // its type, user type or owner's key id
    const QByteArray bytes =
        sourceModel()
            ->data(sourceModel()->index(sourceRow, 0, sourceParent), ValuesModel::BytesRole)
            .toByteArray();
    // The proxy asks again for every row the countdown touches, each second: answered from
    // what was found for the same bytes, as long as the filter text stays the same.
    const auto known = m_accepted.constFind(bytes);
    if (known != m_accepted.cend())
        return *known;
    const bool accepted = matches(bytes);
    if (m_accepted.size() > 2 * sourceModel()->rowCount() + 1000) // values long gone are forgotten
        m_accepted.clear();
    m_accepted.insert(bytes, accepted);
    return accepted;
}

bool ValueFilterProxy::matches(const QByteArray& bytes) const
{
    if (!m_hexBytes.isEmpty() && bytes.contains(m_hexBytes))
        return true;
    return QString::fromUtf8(bytes).contains(m_text, Qt::CaseInsensitive) ||
           ValueFormat::visibleText(bytes, false).contains(m_text, Qt::CaseInsensitive);
}
