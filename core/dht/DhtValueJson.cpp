#include "DhtValueJson.h"

#include "DhtValueType.h"

namespace DhtValueJson {

namespace {

QJsonValue textOrNull(const QByteArray& bytes)
{
    return bytes.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QString::fromUtf8(bytes));
}

// What only a readable value tells; an encrypted one carries it inside its ciphertext.
void insertReadable(QJsonObject& o, const DhtValue& value, const DhtValueMeta& meta)
{
    const bool sealed = meta.isEncrypted();
    const QJsonValue unknown(QJsonValue::Null);
    o.insert(QStringLiteral("type"), sealed ? unknown : QJsonValue(int(value.type)));
    o.insert(QStringLiteral("type_name"), sealed ? unknown : QJsonValue(DhtValueType::name(value.type)));
    o.insert(QStringLiteral("user_type"), sealed ? unknown : textOrNull(meta.userType));
    o.insert(QStringLiteral("signed"), sealed ? unknown : QJsonValue(meta.isSigned()));
    o.insert(QStringLiteral("signature_checked_by"),
             meta.signatureCheckedBy.isEmpty() ? unknown : QJsonValue(meta.signatureCheckedBy));
    o.insert(QStringLiteral("priority"), sealed ? unknown : QJsonValue(qint64(meta.priority)));
    if (sealed)
        return;
    // A signer, known by its key (from a gateway) or by its key id alone (read back from CSV).
    if (!meta.ownerPem.isEmpty() || !meta.ownerId.isEmpty()) {
        o.insert(QStringLiteral("owner"), QString::fromLatin1(meta.ownerId));
        if (!meta.ownerPem.isEmpty())
            o.insert(QStringLiteral("owner_pem"), QString::fromUtf8(meta.ownerPem));
        o.insert(QStringLiteral("seq"), meta.seq);
    }
    if (meta.isSigned())
        o.insert(QStringLiteral("signature"), QString::fromLatin1(meta.signature.toBase64()));
}

} // namespace

void insertFields(QJsonObject& o, const DhtValue& value)
{
    const auto permanent = value.permanent();
    o.insert(QStringLiteral("permanent"), permanent ? QJsonValue(*permanent) : QJsonValue(QJsonValue::Null));
    if (!value.hasId)
        return;
    o.insert(QStringLiteral("id"), QString::number(value.id));
    o.insert(QStringLiteral("classic_item"), value.classicItem);
    const DhtValueMeta none;
    const DhtValueMeta& meta = value.meta ? *value.meta : none;
    insertReadable(o, value, meta);
    o.insert(QStringLiteral("encrypted"), meta.isEncrypted());
    if (meta.isEncrypted()) {
        o.insert(QStringLiteral("cypher_size"), int(meta.cypher.size()));
        o.insert(QStringLiteral("cypher"), QString::fromLatin1(meta.cypher.toBase64()));
    }
    if (!meta.recipientHex.isEmpty())
        o.insert(QStringLiteral("recipient"), QString::fromLatin1(meta.recipientHex));
    o.insert(QStringLiteral("decrypted_by_gateway"), meta.decryptedByGateway());
}

} // namespace DhtValueJson
