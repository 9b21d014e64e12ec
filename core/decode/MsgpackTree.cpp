#include "MsgpackTree.h"

#include "DecodeLimits.h"

#include <QDateTime>

DecodeNode MsgpackTree::node(const QString& label, const MsgpackItem& item)
{
    DecodeNode out{label, scalarText(item), {}};
    if (take(out.label.size() + out.value.size()) && (item.isArray() || item.isMap()))
        addElements(out, item);
    return out;
}

bool MsgpackTree::take(qsizetype chars)
{
    if (m_truncated || m_nodes >= DecodeLimits::maxNodes || m_chars + chars > DecodeLimits::maxOutputChars) {
        m_truncated = true;
        return false;
    }
    ++m_nodes;
    m_chars += chars;
    return true;
}

void MsgpackTree::addElements(DecodeNode& parent, const MsgpackItem& item)
{
    const bool map = item.isMap();
    const qsizetype step = map ? 2 : 1;
    for (qsizetype i = 0; i + step - 1 < item.items.size(); i += step) {
        if (m_truncated) {
            parent.add(tr("…"), tr("%1 more not shown (output limit)").arg((item.items.size() - i) / step));
            return;
        }
        if (!map) {
            parent.children.append(node(QStringLiteral("[%1]").arg(i), item.items[i]));
            continue;
        }
        const MsgpackItem& key = item.items[i];
        const bool scalarKey = !key.isArray() && !key.isMap();
        if (scalarKey) {
            const auto text = key.text();
            parent.children.append(node(text ? *text : scalarText(key), item.items[i + 1]));
            continue;
        }
        // A key that is itself an array or map: both shown, below one line.
        DecodeNode pair{tr("[entry %1]").arg(i / 2), {}, {}};
        if (!take(pair.label.size()))
            continue;
        pair.children.append(node(tr("key"), key));
        pair.children.append(node(tr("value"), item.items[i + 1]));
        parent.children.append(pair);
    }
}

QString MsgpackTree::scalarText(const MsgpackItem& item)
{
    using Kind = MsgpackItem::Kind;
    switch (item.kind) {
    case Kind::Nil:
        return tr("nil");
    case Kind::Bool:
        return item.boolean ? tr("true") : tr("false");
    case Kind::Int:
        return QString::number(item.integer);
    case Kind::UInt:
        return QString::number(item.uinteger);
    case Kind::Float:
        return QString::number(item.real, 'g', 17);
    case Kind::Str:
        if (const auto text = item.text())
            return text->size() > DecodeLimits::maxShownChars
                       ? tr("%1… (%n character(s))", nullptr, int(text->size()))
                             .arg(text->left(DecodeLimits::maxShownChars))
                       : *text;
        return tr("not UTF-8, %1").arg(bytesText(item.bytes));
    case Kind::Bin:
        return bytesText(item.bytes);
    case Kind::Ext:
        return tr("extension type %1, %2").arg(item.extType).arg(bytesText(item.bytes));
    case Kind::Array:
        return tr("array, %n element(s)", nullptr, int(item.count()));
    case Kind::Map:
        return tr("map, %n entry(s)", nullptr, int(item.count()));
    }
    return {};
}

QString MsgpackTree::bytesText(const QByteArray& bytes)
{
    const QString hex = QString::fromLatin1(bytes.left(DecodeLimits::maxShownBytes).toHex());
    const QString size = byteCount(bytes.size());
    if (bytes.isEmpty())
        return size;
    return bytes.size() > DecodeLimits::maxShownBytes ? tr("%1: %2…").arg(size, hex)
                                                      : tr("%1: %2").arg(size, hex);
}

QString MsgpackTree::byteCount(qsizetype bytes)
{
    return tr("%n byte(s)", nullptr, int(bytes));
}

QString MsgpackTree::textOrHex(const QByteArray& bytes)
{
    MsgpackItem asString;
    asString.kind = MsgpackItem::Kind::Str;
    asString.bytes = bytes;
    return asString.text() ? scalarText(asString) : bytesText(bytes);
}

QString MsgpackTree::timeText(quint64 seconds)
{
    constexpr quint64 year9999 = 253402300799;
    if (seconds > year9999)
        return QString::number(seconds);
    const QDateTime time = QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
    return tr("%1 (%2 UTC)").arg(seconds).arg(time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}
