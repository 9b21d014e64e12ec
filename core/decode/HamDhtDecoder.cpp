#include "HamDhtDecoder.h"

#include "MsgpackReader.h"

namespace {

QString moduleText(const MsgpackItem& item)
{
    const auto code = item.unsignedValue();
    if (code && *code >= 0x21 && *code <= 0x7e)
        return QStringLiteral("%1 ('%2')").arg(*code).arg(QChar(char16_t(*code)));
    return MsgpackTree::scalarText(item);
}

// A signed part with an id of 1 to 4 whose array starts with a timestamp.
bool looksLikePart(const DhtValue& value, const MsgpackItem& root)
{
    return value.hasId && !HamDhtSchema::partOfId(value.id).isEmpty() && value.isSigned() && root.isArray() &&
           !root.items.isEmpty() && root.items.first().kind == MsgpackItem::Kind::UInt;
}

} // namespace

int HamDhtDecoder::match(const DhtValue& value) const
{
    if (!MsgpackReader::isContainer(value.data))
        return None;
    const MsgpackReader::Result read = MsgpackReader::read(value.data);
    const HamDhtSchema schema = HamDhtSchema::forUserType(QString::fromUtf8(value.userType()));
    if (!schema.part.isEmpty() && read.item->isArray())
        return schema.fields.isEmpty() ? Likely : Certain;
    return looksLikePart(value, *read.item) ? Likely : None;
}

DecodeResult HamDhtDecoder::decode(const DhtValue& value) const
{
    const MsgpackReader::Result read = MsgpackReader::read(value.data);
    if (!read.item)
        return DecodeResult::failure(read.error);
    if (!read.item->isArray())
        return DecodeResult::failure(
            tr("a Ham-DHT part is a msgpack array; this is a %1").arg(MsgpackTree::scalarText(*read.item)));
    HamDhtSchema schema = HamDhtSchema::forUserType(QString::fromUtf8(value.userType()));
    if (schema.part.isEmpty())
        schema.part = value.hasId ? HamDhtSchema::partOfId(value.id) : QString();
    const QString title = schema.software.isEmpty()
                              ? tr("Ham-DHT %1").arg(schema.part)
                              : QStringLiteral("%1 %2").arg(schema.software, schema.part);
    MsgpackTree tree;
    DecodeNode root{title, MsgpackTree::scalarText(*read.item), {}};
    positions(tree, root, schema.fields, *read.item);
    DecodeResult result;
    result.summary = schema.fields.isEmpty() ? tr("%1 (version not known: positions by number)").arg(title)
                                             : tr("%1, version %2").arg(title).arg(schema.version);
    result.nodes.append(root);
    result.truncated = tree.truncated();
    return result;
}

void HamDhtDecoder::positions(MsgpackTree& tree, DecodeNode& parent, const QList<HamDhtField>& fields,
                              const MsgpackItem& array)
{
    for (qsizetype i = 0; i < array.items.size() && !tree.truncated(); ++i) {
        if (i < fields.size())
            parent.children.append(field(tree, fields[i], array.items[i]));
        else // more than the schema has: by position
            parent.children.append(tree.node(QStringLiteral("[%1]").arg(i), array.items[i]));
    }
}

DecodeNode HamDhtDecoder::field(MsgpackTree& tree, const HamDhtField& field, const MsgpackItem& item)
{
    using Shape = HamDhtField::Shape;
    const bool array = item.isArray();
    if (field.shape == Shape::Time && item.unsignedValue() && tree.take(field.name.size()))
        return DecodeNode{field.name, MsgpackTree::timeText(*item.unsignedValue()), {}};
    if (field.shape == Shape::Module && tree.take(field.name.size()))
        return DecodeNode{field.name, moduleText(item), {}};
    if ((field.shape == Shape::Array || field.shape == Shape::List) && array &&
        tree.take(field.name.size())) {
        DecodeNode out{field.name, MsgpackTree::scalarText(item), {}};
        if (field.shape == Shape::Array) {
            positions(tree, out, field.fields, item);
            return out;
        }
        for (qsizetype i = 0; i < item.items.size() && !tree.truncated(); ++i) {
            if (!item.items[i].isArray()) {
                out.children.append(tree.node(QStringLiteral("[%1]").arg(i), item.items[i]));
                continue;
            }
            DecodeNode entry{QStringLiteral("[%1]").arg(i), {}, {}};
            positions(tree, entry, field.fields, item.items[i]);
            out.children.append(entry);
        }
        return out;
    }
    if (field.shape == Shape::CharMap && item.isMap() && tree.take(field.name.size())) {
        DecodeNode out{field.name, MsgpackTree::scalarText(item), {}};
        for (qsizetype i = 0; i + 1 < item.items.size() && !tree.truncated(); i += 2)
            out.children.append(tree.node(moduleText(item.items[i]), item.items[i + 1]));
        return out;
    }
    return tree.node(field.name, item); // not the shape the schema says: as it is
}
