#include "PeerRequestDecoder.h"

#include "MsgpackReader.h"
#include "MsgpackTree.h"

namespace {

bool isPeerRequest(const MsgpackItem& item)
{
    const MsgpackItem* ice = item.field("ice_msg");
    return item.field("id") && ice && ice->isBytes() && item.field("isAnswer");
}

} // namespace

int PeerRequestDecoder::match(const DhtValue& value) const
{
    if (!MsgpackReader::isContainer(value.data))
        return None;
    return isPeerRequest(*MsgpackReader::read(value.data).item) ? Certain : None;
}

DecodeResult PeerRequestDecoder::decode(const DhtValue& value) const
{
    const MsgpackReader::Result read = MsgpackReader::read(value.data);
    if (!read.item)
        return DecodeResult::failure(read.error);
    if (!isPeerRequest(*read.item))
        return DecodeResult::failure(tr("not a msgpack map with the fields id, ice_msg and isAnswer"));
    const MsgpackItem& map = *read.item;
    const MsgpackItem* answer = map.field("isAnswer");
    const bool isAnswer = answer->kind == MsgpackItem::Kind::Bool && answer->boolean;
    const QString id = MsgpackTree::scalarText(*map.field("id"));
    DecodeResult result;
    result.summary =
        (isAnswer ? tr("Jami peer connection answer, request %1") : tr("Jami peer connection request %1"))
            .arg(id);
    DecodeNode node{tr("peer connection request"), {}, {}};
    node.add(tr("id"), id);
    node.add(tr("is an answer"), MsgpackTree::scalarText(*answer));
    const MsgpackItem* type = map.field("connType");
    node.add(tr("connection type"), !type                   ? tr("absent")
                                    : type->bytes.isEmpty() ? tr("(empty)")
                                                            : MsgpackTree::scalarText(*type));
    // The ICE message is lines of SDP attributes: one line each, to read them.
    const QByteArray ice = map.field("ice_msg")->bytes;
    DecodeNode& iceNode = node.add(tr("ICE message"), MsgpackTree::byteCount(ice.size()));
    MsgpackTree tree;
    const QList<QByteArray> lines = ice.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].isEmpty() && i == lines.size() - 1)
            break;
        if (!tree.take(lines[i].size())) {
            result.truncated = true;
            break;
        }
        iceNode.add(tr("line %1").arg(i + 1), MsgpackTree::textOrHex(lines[i]));
    }
    result.nodes.append(node);
    return result;
}
