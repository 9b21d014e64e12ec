#include "ValuePrinter.h"

#include "core/dht/DhtValueType.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

bool ValuePrinter::formatFromName(const QString& name, Format* format)
{
    if (name == u"text")
        *format = Format::Text;
    else if (name == u"hex")
        *format = Format::Hex;
    else if (name == u"base64")
        *format = Format::Base64;
    else if (name == u"json")
        *format = Format::Json;
    else
        return false;
    return true;
}

namespace {

QJsonValue textOrNull(const QByteArray& bytes)
{
    return bytes.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QString::fromUtf8(bytes));
}

// What only a readable value tells: an encrypted one carries its type, user type, owner, seq,
// signature and priority inside its ciphertext, so they are null, never a made-up 0 or false.
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
    if (!meta.ownerPem.isEmpty()) {
        o.insert(QStringLiteral("owner"), QString::fromLatin1(meta.ownerId));
        o.insert(QStringLiteral("owner_pem"), QString::fromUtf8(meta.ownerPem));
        o.insert(QStringLiteral("seq"), meta.seq);
    }
    if (meta.isSigned())
        o.insert(QStringLiteral("signature"), QString::fromLatin1(meta.signature.toBase64()));
}

void insertMeta(QJsonObject& o, const DhtValue& value)
{
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

} // namespace

QJsonObject ValuePrinter::json(const DhtValue& value)
{
    QJsonObject o{{QStringLiteral("size"), int(value.data.size())},
                  {QStringLiteral("base64"), QString::fromLatin1(value.data.toBase64())}};
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(value.data);
    if (!utf8.hasError())
        o.insert(QStringLiteral("text"), text);
    if (value.ttlLeft >= 0) {
        o.insert(QStringLiteral("ttl"), value.ttlLeft);
        o.insert(QStringLiteral("ttl_is_upper_bound"), value.ttlIsUpperBound);
    }
    o.insert(QStringLiteral("removable"), value.removable());
    if (value.removable())
        o.insert(QStringLiteral("secret_hash"), QString::fromLatin1(value.secretHash.toHex()));
    if (!value.application.isEmpty())
        o.insert(QStringLiteral("application"), value.application);
    const auto permanent = value.permanent();
    o.insert(QStringLiteral("permanent"), permanent ? QJsonValue(*permanent) : QJsonValue(QJsonValue::Null));
    if (value.hasId) { // a decimal string: 64-bit ids do not survive a JSON number (a double)
        o.insert(QStringLiteral("id"), QString::number(value.id));
        o.insert(QStringLiteral("classic_item"), value.classicItem);
        insertMeta(o, value);
    }
    return o;
}

QByteArray ValuePrinter::line(const DhtValue& value, bool details) const
{
    QByteArray shown;
    switch (m_format) {
    case Format::Text:
        shown = value.data;
        break;
    case Format::Hex:
        shown = value.data.toHex();
        break;
    case Format::Base64:
        shown = value.data.toBase64();
        break;
    case Format::Json:
        return QJsonDocument(json(value)).toJson(QJsonDocument::Compact) + '\n';
    }
    if (!details)
        return shown + '\n';
    // "<=600": a value of other software, whose expiry nobody knows; 600 s is the most it has.
    const QByteArray ttl = (value.ttlIsUpperBound ? "<=" : "") + QByteArray::number(value.ttlLeft);
    return ttl + '\t' + (value.removable() ? "removable" : "plain") + '\t' + shown + '\n';
}
