#include "MsgpackReader.h"

#include "DecodeLimits.h"

#include <msgpack.hpp>

#include <algorithm>

namespace {

// Every element takes at least one byte, so no count or length can honestly exceed the size of
// the input: a limit of that size refuses a lying prefix before msgpack-cxx allocates for it.
msgpack::unpack_limit limitsFor(std::size_t size)
{
    const std::size_t items = std::min<std::size_t>(size, DecodeLimits::maxContainerItems);
    return msgpack::unpack_limit(items, items, size, size, size, DecodeLimits::maxDepth);
}

MsgpackItem copy(const msgpack::object& o)
{
    MsgpackItem item;
    switch (o.type) {
    case msgpack::type::NIL:
        break;
    case msgpack::type::BOOLEAN:
        item.kind = MsgpackItem::Kind::Bool;
        item.boolean = o.via.boolean;
        break;
    case msgpack::type::POSITIVE_INTEGER:
        item.kind = MsgpackItem::Kind::UInt;
        item.uinteger = o.via.u64;
        break;
    case msgpack::type::NEGATIVE_INTEGER:
        item.kind = MsgpackItem::Kind::Int;
        item.integer = o.via.i64;
        break;
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64:
        item.kind = MsgpackItem::Kind::Float;
        item.real = o.via.f64;
        break;
    case msgpack::type::STR:
        item.kind = MsgpackItem::Kind::Str;
        item.bytes = QByteArray(o.via.str.ptr, qsizetype(o.via.str.size));
        break;
    case msgpack::type::BIN:
        item.kind = MsgpackItem::Kind::Bin;
        item.bytes = QByteArray(o.via.bin.ptr, qsizetype(o.via.bin.size));
        break;
    case msgpack::type::EXT:
        item.kind = MsgpackItem::Kind::Ext;
        item.extType = o.via.ext.type();
        item.bytes = QByteArray(o.via.ext.data(), qsizetype(o.via.ext.size));
        break;
    case msgpack::type::ARRAY:
        item.kind = MsgpackItem::Kind::Array;
        item.items.reserve(o.via.array.size);
        for (uint32_t i = 0; i < o.via.array.size; ++i)
            item.items.append(copy(o.via.array.ptr[i])); // depth bounded by the unpack limit
        break;
    case msgpack::type::MAP:
        item.kind = MsgpackItem::Kind::Map;
        item.items.reserve(qsizetype(o.via.map.size) * 2);
        for (uint32_t i = 0; i < o.via.map.size; ++i) {
            item.items.append(copy(o.via.map.ptr[i].key));
            item.items.append(copy(o.via.map.ptr[i].val));
        }
        break;
    }
    return item;
}

} // namespace

MsgpackReader::Result MsgpackReader::read(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return {std::nullopt, tr("no data")};
    if (bytes.size() > DecodeLimits::maxInputBytes)
        return {std::nullopt, tr("%1 bytes is more than the %2 bytes read at most")
                                  .arg(bytes.size())
                                  .arg(DecodeLimits::maxInputBytes)};
    const auto size = std::size_t(bytes.size());
    std::size_t offset = 0;
    try {
        const msgpack::object_handle handle =
            msgpack::unpack(bytes.constData(), size, offset, nullptr, nullptr, limitsFor(size));
        if (offset != size)
            return {std::nullopt,
                    tr("%n byte(s) left after the first msgpack object", nullptr, int(size - offset))};
        return {copy(handle.get()), {}};
    } catch (const msgpack::depth_size_overflow&) {
        return {std::nullopt, tr("nested more than %1 deep").arg(DecodeLimits::maxDepth)};
    } catch (const msgpack::size_overflow&) {
        return {std::nullopt, tr("a length or count larger than the data (or than %1 elements)")
                                  .arg(DecodeLimits::maxContainerItems)};
    } catch (const msgpack::insufficient_bytes&) {
        return {std::nullopt,
                tr("the data ends inside a msgpack object (truncated, or a length larger than the data)")};
    } catch (const msgpack::parse_error&) {
        return {std::nullopt, tr("not msgpack (a byte no msgpack object starts with)")};
    } catch (const std::bad_alloc&) {
        return {std::nullopt, tr("too large to decode")};
    } catch (const std::exception&) {
        return {std::nullopt, tr("not msgpack")};
    }
}

bool MsgpackReader::isContainer(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return false;
    // The first byte says fixmap, fixarray, map16/32 or array16/32: anything else is not worth
    // a parse.
    const auto first = uchar(bytes.front());
    const bool container =
        (first & 0xf0) == 0x80 || (first & 0xf0) == 0x90 || (first >= 0xdc && first <= 0xdf);
    if (!container)
        return false;
    const Result result = read(bytes);
    return result.item && (result.item->isMap() || result.item->isArray());
}
