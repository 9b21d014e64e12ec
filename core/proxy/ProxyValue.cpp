#include "ProxyValue.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace ProxyValue {

Decoded decode(const QByteArray& line)
{
    Decoded d;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        d.error =
            QStringLiteral("not JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
        return d;
    }
    if (!doc.isObject()) {
        d.error = QStringLiteral("a JSON line that is not an object");
        return d;
    }
    const QJsonObject o = doc.object();
    // Ids are 64-bit: the proxy writes them as strings, which a double would round.
    const QJsonValue id = o.value(QStringLiteral("id"));
    bool ok = id.isString();
    d.value.id = ok ? id.toString().toULongLong(&ok) : 0;
    if (!ok) {
        d.error = QStringLiteral("a value without a decimal \"id\"");
        return d;
    }
    const QJsonValue type = o.value(QStringLiteral("type"));
    if (!type.isUndefined() && (!type.isDouble() || type.toDouble() < 0 || type.toDouble() > 65535)) {
        d.error = QStringLiteral("value %1 has a \"type\" that is not a 16-bit number").arg(d.value.id);
        return d;
    }
    d.value.type = quint16(type.toInt());
    d.value.lifetimeSeconds = classic::typeLifetimeSeconds(d.value.type);
    const QJsonValue data = o.value(QStringLiteral("data"));
    if (data.isString()) {
        auto bytes = QByteArray::fromBase64Encoding(data.toString().toLatin1(),
                                                    QByteArray::AbortOnBase64DecodingErrors);
        if (!bytes) {
            d.error = QStringLiteral("value %1 has \"data\" that is not base64").arg(d.value.id);
            return d;
        }
        d.value.data = *bytes;
    } else if (!data.isUndefined()) {
        d.error = QStringLiteral("value %1 has \"data\" that is not a string").arg(d.value.id);
        return d;
    }
    d.expired = o.value(QStringLiteral("expired")).toBool(false);
    return d;
}

QByteArray encodePut(quint64 id, const QByteArray& envelope, bool permanent)
{
    QJsonObject o{{QStringLiteral("data"), QString::fromLatin1(envelope.toBase64())},
                  {QStringLiteral("id"), QString::number(id)},
                  {QStringLiteral("type"), int(classic::dhtValueType)}};
    if (permanent) // the proxy tests for the key's presence only
        o.insert(QStringLiteral("permanent"), true);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace ProxyValue
