#include "ValuePrinter.h"

#include "core/dht/DhtValueJson.h"

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
    DhtValueJson::insertFields(o, value); // what the DHT says of it, as the archive writes it
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
