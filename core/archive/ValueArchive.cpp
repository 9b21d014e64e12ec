#include "ValueArchive.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ValueArchive {

namespace {

const QStringList& fieldNames()
{
    static const QStringList names{QStringLiteral("data"),         QStringLiteral("ttl_left"),
                                   QStringLiteral("ends_at"),      QStringLiteral("ttl_upper_bound"),
                                   QStringLiteral("secret_hash"),  QStringLiteral("application"),
                                   QStringLiteral("key_input"),    QStringLiteral("key_mode"),
                                   QStringLiteral("key_info_hash")};
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

} // namespace

QByteArray header(Format format)
{
    if (format == Format::JsonLines)
        return {};
    return fieldNames().join(u',').toUtf8() + "\r\n"; // RFC 4180 ends records with CRLF
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
        return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    }
    const QStringList fields{QString::fromLatin1(v.data.toBase64()),
                             QString::number(v.ttlLeft),
                             endText(value.endsAt),
                             v.ttlIsUpperBound ? QStringLiteral("true") : QStringLiteral("false"),
                             secretText(v),
                             v.application,
                             key.input(),
                             DhtKey::modeName(key.mode()),
                             key.infoHashHex()};
    QByteArrayList quoted;
    for (const QString& field : fields)
        quoted << csvField(field);
    return quoted.join(',') + "\r\n";
}

} // namespace ValueArchive
