#include "BookmarksModel.h"

#include "KeyCodec.h"
#include "KeyModeInfo.h"
#include "core/dht/DhtLimits.h"
#include "ui/common/BrowserSettings.h"
#include "ui/common/PlainToolTip.h"

#include <QFontDatabase>

namespace {
const QString nameField = QStringLiteral("name");
const QString keyField = QStringLiteral("key");

// A name is a one-line label (menus, table cells): line breaks and runs of spaces collapse.
QString cleanName(const QString& name)
{
    return name.simplified();
}

// Without a name of its own a bookmark is called by its key.
QString nameOr(const QString& name, const QString& input)
{
    const QString clean = cleanName(name);
    if (!clean.isEmpty())
        return clean;
    return cleanName(input).isEmpty() ? input : cleanName(input);
}
} // namespace

BookmarksModel::BookmarksModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    load();
}

int BookmarksModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BookmarksModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BookmarksModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::FontRole:
        if (index.column() == HashColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case ModeRole:
        return int(row.bookmark.mode);
    default:
        return {};
    }
}

QVariant BookmarksModel::display(const Row& row, int column) const
{
    switch (column) {
    case NameColumn:
        return row.bookmark.name;
    case KeyColumn:
        return row.bookmark.input;
    case ModeColumn:
        return DhtKey::modeName(row.bookmark.mode);
    case HashColumn:
        return row.hashHex;
    default:
        return {};
    }
}

QVariant BookmarksModel::toolTip(const Row& row, int column) const
{
    switch (column) {
    case NameColumn:
    case KeyColumn:
        return plainToolTip({row.bookmark.name, row.bookmark.input});
    case ModeColumn:
        return plainToolTip({KeyModeInfo::description(row.bookmark.mode)});
    case HashColumn:
        return plainToolTip(
            {tr("Info hash: the %1 bytes the DHT stores this key under").arg(DhtLimits::keyBytes)});
    default:
        return {};
    }
}

QVariant BookmarksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name", "column of the bookmarks: the user's label");
    case KeyColumn:
        return tr("Key", "column of the bookmarks: the key as typed");
    case ModeColumn:
        return tr("Mode", "column of the bookmarks: text, hex or raw");
    case HashColumn:
        return tr("Info hash", "column of the bookmarks: 40 hex digits");
    default:
        return {};
    }
}

Qt::ItemFlags BookmarksModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NameColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool BookmarksModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || index.column() != NameColumn ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString name = cleanName(value.toString());
    if (name.isEmpty())
        return false;
    Bookmark& bookmark = m_rows[index.row()].bookmark;
    if (bookmark.name == name)
        return true;
    bookmark.name = name;
    save();
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
    return true;
}

bool BookmarksModel::add(const Bookmark& b)
{
    const DhtKey key = DhtKey::parse(b.input, b.mode);
    if (!key.isValid() || b.input.isEmpty() || indexOf(key) >= 0)
        return false;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({{nameOr(b.name, b.input), b.input, b.mode}, key.infoHashHex()});
    endInsertRows();
    save();
    return true;
}

void BookmarksModel::removeAt(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    save();
}

const BookmarksModel::Bookmark& BookmarksModel::at(int row) const
{
    return m_rows.at(row).bookmark;
}

DhtKey BookmarksModel::keyAt(int row) const
{
    return DhtKey::parse(at(row).input, at(row).mode);
}

int BookmarksModel::indexOf(const DhtKey& key) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const Bookmark& b = m_rows.at(row).bookmark;
        if (b.mode == key.mode() && b.input == key.input())
            return row;
    }
    return -1;
}

int BookmarksModel::count() const
{
    return int(m_rows.size());
}

// Records of (name, key in KeyCodec's form), readable in the file; entries that no longer parse
// (a hand-edited file) are dropped.
void BookmarksModel::load()
{
    const auto records = browserSettings().records(Settings::Key::KeysBookmarks, {nameField, keyField});
    for (const QVariantHash& record : records) {
        const DhtKey key = KeyCodec::fromString(record.value(keyField).toString());
        if (!key.isValid() || key.input().isEmpty() || indexOf(key) >= 0)
            continue;
        const QString name = record.value(nameField).toString();
        m_rows.append({{nameOr(name, key.input()), key.input(), key.mode()}, key.infoHashHex()});
    }
}

void BookmarksModel::save()
{
    QList<QVariantHash> records;
    records.reserve(m_rows.size());
    for (const Row& row : m_rows) {
        const Bookmark& b = row.bookmark;
        const QVariantHash record{{nameField, b.name},
                                  {keyField, KeyCodec::toString(DhtKey::parse(b.input, b.mode))}};
        records.append(record);
    }
    browserSettings().setRecords(Settings::Key::KeysBookmarks, records);
}
