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

void insertMeta(QJsonObject& o, const DhtValueMeta& meta)
{
    if (!meta.userType.isEmpty())
        o.insert(QStringLiteral("user_type"), QString::fromUtf8(meta.userType));
    o.insert(QStringLiteral("signed"), meta.isSigned());
    if (!meta.ownerPem.isEmpty()) {
        o.insert(QStringLiteral("owner"), QString::fromLatin1(meta.ownerId));
        o.insert(QStringLiteral("owner_pem"), QString::fromUtf8(meta.ownerPem));
        o.insert(QStringLiteral("seq"), meta.seq);
    }
    if (meta.isSigned())
        o.insert(QStringLiteral("signature"), QString::fromLatin1(meta.signature.toBase64()));
    o.insert(QStringLiteral("encrypted"), meta.isEncrypted());
    if (meta.isEncrypted()) {
        o.insert(QStringLiteral("cypher_size"), int(meta.cypher.size()));
        o.insert(QStringLiteral("cypher"), QString::fromLatin1(meta.cypher.toBase64()));
    }
    if (!meta.recipientHex.isEmpty())
        o.insert(QStringLiteral("recipient"), QString::fromLatin1(meta.recipientHex));
    o.insert(QStringLiteral("decrypted_by_gateway"), meta.decryptedByGateway());
    if (meta.priority)
        o.insert(QStringLiteral("priority"), qint64(meta.priority));
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
    if (!value.application.isEmpty())
        o.insert(QStringLiteral("application"), value.application);
    if (value.hasId) { // a decimal string: 64-bit ids do not survive a JSON number (a double)
        o.insert(QStringLiteral("id"), QString::number(value.id));
        o.insert(QStringLiteral("type"), int(value.type));
        o.insert(QStringLiteral("type_name"), DhtValueType::name(value.type));
        o.insert(QStringLiteral("classic_item"), value.classicItem);
        insertMeta(o, value.meta ? *value.meta : DhtValueMeta());
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
