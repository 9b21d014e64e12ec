#include "MsgpackDecoder.h"

#include "MsgpackReader.h"
#include "MsgpackTree.h"

int MsgpackDecoder::match(const DhtValue& value) const
{
    return MsgpackReader::isContainer(value.data) ? Likely : None;
}

DecodeResult MsgpackDecoder::decode(const DhtValue& value) const
{
    const MsgpackReader::Result read = MsgpackReader::read(value.data);
    if (!read.item)
        return DecodeResult::failure(read.error);
    MsgpackTree tree;
    DecodeResult result;
    DecodeNode root = tree.node(tr("msgpack"), *read.item);
    result.summary = tr("msgpack %1").arg(root.value);
    // A container's elements are the top lines; a scalar is one line.
    if (read.item->isArray() || read.item->isMap())
        result.nodes = root.children;
    else
        result.nodes.append(root);
    result.truncated = tree.truncated();
    if (result.truncated)
        result.summary += tr(" (shown in part: output limit)");
    return result;
}
