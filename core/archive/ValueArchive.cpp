#include "ValueArchive.h"

#include "core/dht/DhtValueType.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ValueArchive {

namespace {

const QStringList& csvColumns()
{
    static const QStringList names{QStringLiteral("data"),          QStringLiteral("ttl_left"),
                                   QStringLiteral("ends_at"),       QStringLiteral("ttl_upper_bound"),
                                   QStringLiteral("secret_hash"),   QStringLiteral("application"),
                                   QStringLiteral("key_input"),     QStringLiteral("key_mode"),
                                   QStringLiteral("key_info_hash"), QStringLiteral("id"),
                                   QStringLiteral("type"),          QStringLiteral("type_name"),
                                   QStringLiteral("classic_item"),  QStringLiteral("user_type"),
                                   QStringLiteral("owner"),         QStringLiteral("seq"),
                                   QStringLiteral("signed"),        QStringLiteral("encrypted"),
                                   QStringLiteral("recipient"),     QStringLiteral("priority")};
    return names;
}

QString endText(const QDateTime& endsAt)
{
    return endsAt.isValid() ? endsAt.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString secretText(const DhtValue& value)
{
    return value.removable() ? QString::fromLatin1(value.secretHash.toHex()) : QString();
}

QString boolText(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

// What the DHT says of a value of other software, named as `opendht-cli get --format json` names
// it (app/cli/ValuePrinter); nothing for a value without an id (a classic XML-RPC gateway's).
void insertDhtFields(QJsonObject& o, const DhtValue& v)
{
    const auto permanent = v.permanent();
    o.insert(QStringLiteral("permanent"), permanent ? QJsonValue(*permanent) : QJsonValue(QJsonValue::Null));
    if (!v.hasId)
        return;
    const DhtValueMeta meta = v.meta ? *v.meta : DhtValueMeta();
    // An encrypted value's type, user type, signature and priority are inside its ciphertext:
    // null, as the CLI prints them, never a made-up type 0 or "unsigned".
    const bool sealed = meta.isEncrypted();
    const QJsonValue unknown(QJsonValue::Null);
    o.insert(QStringLiteral("id"), QString::number(v.id)); // a string: a double loses 64-bit ids
    o.insert(QStringLiteral("type"), sealed ? unknown : QJsonValue(int(v.type)));
    o.insert(QStringLiteral("type_name"), sealed ? unknown : QJsonValue(DhtValueType::name(v.type)));
    o.insert(QStringLiteral("classic_item"), v.classicItem);
    o.insert(QStringLiteral("user_type"),
             sealed || meta.userType.isEmpty() ? unknown : QJsonValue(QString::fromUtf8(meta.userType)));
    o.insert(QStringLiteral("signed"), sealed ? unknown : QJsonValue(meta.isSigned()));
    o.insert(QStringLiteral("signature_checked_by"),
             meta.signatureCheckedBy.isEmpty() ? unknown : QJsonValue(meta.signatureCheckedBy));
    o.insert(QStringLiteral("priority"), sealed ? unknown : QJsonValue(qint64(meta.priority)));
    if (!meta.ownerId.isEmpty())
        o.insert(QStringLiteral("owner"), QString::fromLatin1(meta.ownerId));
    if (!meta.ownerPem.isEmpty())
        o.insert(QStringLiteral("owner_pem"), QString::fromUtf8(meta.ownerPem));
    if (!meta.ownerId.isEmpty() || meta.seq)
        o.insert(QStringLiteral("seq"), meta.seq);
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
}

// The same in CSV columns, where a spreadsheet can use them: empty for a value without an id.
// The long ones (owner_pem, signature, cypher) are left to JSON lines.
QStringList dhtColumns(const DhtValue& v)
{
    if (!v.hasId)
        return QStringList(11);
    const DhtValueMeta meta = v.meta ? *v.meta : DhtValueMeta();
    return {QString::number(v.id),
            QString::number(v.type),
            DhtValueType::name(v.type),
            boolText(v.classicItem),
            QString::fromUtf8(meta.userType),
            QString::fromLatin1(meta.ownerId),
            !meta.ownerId.isEmpty() || meta.seq ? QString::number(meta.seq) : QString(),
            boolText(meta.isSigned()),
            boolText(meta.isEncrypted()),
            QString::fromLatin1(meta.recipientHex),
            meta.priority ? QString::number(meta.priority) : QString()};
}

} // namespace

QByteArray header(Format format)
{
    if (format == Format::JsonLines)
        return {};
    return csvColumns().join(u',').toUtf8() + "\r\n"; // RFC 4180 ends records with CRLF
}

QByteArray csvField(const QString& text)
{
    static const QString special = QStringLiteral(",\"\r\n");
    bool quote = text.startsWith(u' ') || text.endsWith(u' ');
    for (QChar c : text)
        quote = quote || special.contains(c);
    if (!quote)
        return text.toUtf8();
    QString quoted = text;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return '"' + quoted.toUtf8() + '"';
}

QByteArray record(Format format, const DhtKey& key, const Record& value)
{
    const DhtValue& v = value.value;
    if (format == Format::JsonLines) {
        QJsonObject object{{QStringLiteral("data"), QString::fromLatin1(v.data.toBase64())},
                           {QStringLiteral("ttl_left"), v.ttlLeft},
                           {QStringLiteral("ends_at"),
                            value.endsAt.isValid() ? QJsonValue(endText(value.endsAt)) : QJsonValue()},
                           {QStringLiteral("ttl_upper_bound"), v.ttlIsUpperBound},
                           {QStringLiteral("secret_hash"), secretText(v)},
                           {QStringLiteral("application"), v.application},
                           {QStringLiteral("key_input"), key.input()},
                           {QStringLiteral("key_mode"), DhtKey::modeName(key.mode())},
                           {QStringLiteral("key_info_hash"), key.infoHashHex()}};
        insertDhtFields(object, v);
        return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    }
    const QStringList fields = QStringList{QString::fromLatin1(v.data.toBase64()),
                                           QString::number(v.ttlLeft),
                                           endText(value.endsAt),
                                           boolText(v.ttlIsUpperBound),
                                           secretText(v),
                                           v.application,
                                           key.input(),
                                           DhtKey::modeName(key.mode()),
                                           key.infoHashHex()} +
                               dhtColumns(v);
    QByteArrayList quoted;
    for (const QString& field : fields)
        quoted << csvField(field);
    return quoted.join(',') + "\r\n";
}

} // namespace ValueArchive
