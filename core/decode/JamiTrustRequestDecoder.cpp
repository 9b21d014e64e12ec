#include "JamiTrustRequestDecoder.h"

#include "MsgpackReader.h"
#include "MsgpackTree.h"

namespace {

bool isTrustRequest(const MsgpackItem& item)
{
    const MsgpackItem* service = item.field("service");
    return service && service->kind == MsgpackItem::Kind::Str && service->bytes == "cx.ring";
}

// A field shown as text when it is text, else as its msgpack form; "absent" when missing.
QString fieldText(const MsgpackItem& map, QByteArrayView key)
{
    const MsgpackItem* field = map.field(key);
    if (!field)
        return JamiTrustRequestDecoder::tr("absent");
    if (field->kind == MsgpackItem::Kind::Bin) // a vCard travels as bytes
        return MsgpackTree::textOrHex(field->bytes);
    return MsgpackTree::scalarText(*field);
}

} // namespace

int JamiTrustRequestDecoder::match(const DhtValue& value) const
{
    if (!MsgpackReader::isContainer(value.data))
        return None;
    return isTrustRequest(*MsgpackReader::read(value.data).item) ? Certain : None;
}

DecodeResult JamiTrustRequestDecoder::decode(const DhtValue& value) const
{
    const MsgpackReader::Result read = MsgpackReader::read(value.data);
    if (!read.item)
        return DecodeResult::failure(read.error);
    if (!isTrustRequest(*read.item))
        return DecodeResult::failure(tr("not a msgpack map with service \"cx.ring\""));
    const MsgpackItem& map = *read.item;
    DecodeResult result;
    const QString conversation = fieldText(map, "conversationId");
    result.summary = tr("Jami trust request for conversation %1").arg(conversation);
    DecodeNode node{tr("trust request"), {}, {}};
    node.add(tr("service"), fieldText(map, "service"));
    node.add(tr("conversation id"), conversation);
    DecodeNode& payload = node.add(tr("payload"), fieldText(map, "payload"));
    if (const MsgpackItem* bytes = map.field("payload"); bytes && bytes->isBytes())
        payload.add(tr("size"), MsgpackTree::byteCount(bytes->bytes.size()));
    node.add(tr("confirm"), fieldText(map, "confirm"));
    const MsgpackItem* invited = map.field("invitedMs");
    node.add(tr("invited (ms since 1970)"), invited && invited->unsignedValue()
                                                ? MsgpackTree::timeText(*invited->unsignedValue() / 1000) +
                                                      tr(", %1 ms").arg(*invited->unsignedValue())
                                                : fieldText(map, "invitedMs"));
    result.nodes.append(node);
    return result;
}
