#include "ValueArchive.h"

#include "core/dht/DhtValueJson.h"

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

QString csvText(const QJsonValue& v)
{
    if (v.isBool())
        return boolText(v.toBool());
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString(); // a string; empty for null (unknown, such as an encrypted value's type)
}

// The same fields as the JSON lines, in CSV columns where a spreadsheet can use them: empty for
// a value without an id, and for what is unknown. The long ones (owner_pem, signature, cypher)
// are left to JSON lines.
QStringList dhtColumns(const DhtValue& v)
{
    QJsonObject o;
    DhtValueJson::insertFields(o, v);
    QStringList columns;
    // From "id" on, the columns are DhtValueJson's fields, by their names.
    for (qsizetype i = csvColumns().indexOf(QStringLiteral("id")); i < csvColumns().size(); ++i)
        columns << (v.hasId ? csvText(o.value(csvColumns().at(i))) : QString());
    return columns;
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
        DhtValueJson::insertFields(object, v);
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
