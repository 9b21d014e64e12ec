#include "ProxyValue.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <optional>

namespace ProxyValue {

namespace {

bool allDigits(QByteArrayView text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The line every proxy writes for a plain value, {"data":"...","id":"...","type":N}, read
// without building a JSON document: a fetch of a whole key reads thousands of them. Anything
// else (escapes, other fields, another order) is left to the full parser.
std::optional<Decoded> decodePlain(QByteArrayView line)
{
    constexpr QByteArrayView head = "{\"data\":\"", afterData = "\",\"id\":\"", afterId = "\",\"type\":";
    line = line.trimmed();
    if (!line.startsWith(head) || !line.endsWith('}'))
        return std::nullopt;
    const qsizetype dataEnd = line.indexOf('"', head.size());
    if (dataEnd < 0 || !line.sliced(dataEnd).startsWith(afterData))
        return std::nullopt;
    const qsizetype idStart = dataEnd + afterData.size();
    const qsizetype idEnd = line.indexOf('"', idStart);
    if (idEnd < 0 || !line.sliced(idEnd).startsWith(afterId))
        return std::nullopt;
    const qsizetype typeStart = idEnd + afterId.size();
    const QByteArrayView id = line.sliced(idStart, idEnd - idStart);
    const QByteArrayView type = line.sliced(typeStart, line.size() - 1 - typeStart);
    if (!allDigits(id) || !allDigits(type) || type.size() > 5)
        return std::nullopt;
    bool idOk = false;
    Decoded d;
    d.value.id = id.toULongLong(&idOk);
    const uint typeNumber = type.toUInt();
    auto bytes = QByteArray::fromBase64Encoding(line.sliced(head.size(), dataEnd - head.size()).toByteArray(),
                                                QByteArray::AbortOnBase64DecodingErrors);
    if (!idOk || typeNumber > 65535 || !bytes)
        return std::nullopt;
    d.value.type = quint16(typeNumber);
    d.value.lifetimeSeconds = classic::typeLifetimeSeconds(d.value.type);
    d.value.data = *bytes;
    return d;
}

} // namespace

Decoded decode(const QByteArray& line)
{
    if (auto plain = decodePlain(line))
        return *plain;
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
