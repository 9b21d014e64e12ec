#include "JamiDeviceDecoder.h"

#include "MsgpackReader.h"
#include "MsgpackTree.h"

#include <QCryptographicHash>
#include <QSslKey>

namespace {

bool isAnnouncement(const MsgpackItem& item)
{
    const MsgpackItem *dev = item.field("dev"), *pk = item.field("pk");
    return dev && pk && dev->isBytes() && pk->isBytes();
}

// "RSA, 4096 bits", when Qt can read the DER as a public key.
QString keyText(const QByteArray& der)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        const QSslKey key(der, algorithm, QSsl::Der, QSsl::PublicKey);
        if (!key.isNull())
            return QStringLiteral("%1, %2 bits")
                .arg(algorithm == QSsl::Rsa ? QStringLiteral("RSA") : QStringLiteral("EC"))
                .arg(key.length());
    }
    return {};
}

} // namespace

int JamiDeviceDecoder::match(const DhtValue& value) const
{
    if (!MsgpackReader::isContainer(value.data))
        return None;
    const MsgpackReader::Result read = MsgpackReader::read(value.data);
    return isAnnouncement(*read.item) ? Certain : None;
}

DecodeResult JamiDeviceDecoder::decode(const DhtValue& value) const
{
    const MsgpackReader::Result read = MsgpackReader::read(value.data);
    if (!read.item)
        return DecodeResult::failure(read.error);
    if (!isAnnouncement(*read.item))
        return DecodeResult::failure(tr("not a msgpack map with the binary fields dev and pk"));
    const QByteArray dev = read.item->field("dev")->bytes, pk = read.item->field("pk")->bytes;
    const QString device = QString::fromLatin1(dev.toHex());
    // libopendht's id of a public key: the SHA-1 of its DER.
    const QString keyId = QString::fromLatin1(QCryptographicHash::hash(pk, QCryptographicHash::Sha1).toHex());
    DecodeResult result;
    result.summary = tr("Jami device %1").arg(device);
    DecodeNode node{tr("device announcement"), {}, {}};
    node.add(tr("device id (dev)"), tr("%1 (%2)").arg(device, MsgpackTree::byteCount(dev.size())));
    DecodeNode& key = node.add(tr("public key (pk)"), MsgpackTree::bytesText(pk));
    key.add(tr("key id"), keyId);
    const QString readable = keyText(pk);
    key.add(tr("algorithm"), readable.isEmpty() ? tr("not a public key Qt can read") : readable);
    result.nodes.append(node);
    return result;
}
