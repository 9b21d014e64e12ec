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
    d.value.lifetimeSeconds = DhtValueType::lifetimeSeconds(d.value.type);
    d.value.data = *bytes;
    return d;
}

std::optional<QByteArray> base64Field(const QJsonObject& o, const char* name)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined())
        return QByteArray();
    if (!v.isString())
        return std::nullopt;
    auto bytes =
        QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return bytes ? std::optional(*bytes) : std::nullopt;
}

// The fields of values of other software (Value::toJson): signed ones carry "owner" (PEM),
// "seq" and "sig", decrypted ones "to", encrypted ones only "cypher"; any may have "utype" and
// "prio". A field of the wrong shape makes the line an error: it is not what a proxy writes.
bool readMeta(const QJsonObject& o, Decoded& d)
{
    const auto cypher = base64Field(o, "cypher"), sig = base64Field(o, "sig");
    const QJsonValue owner = o.value(QStringLiteral("owner")), to = o.value(QStringLiteral("to")),
                     utype = o.value(QStringLiteral("utype")), seq = o.value(QStringLiteral("seq")),
                     prio = o.value(QStringLiteral("prio"));
    const auto isTextOrAbsent = [](const QJsonValue& v) { return v.isUndefined() || v.isString(); };
    const auto isCountOrAbsent = [](const QJsonValue& v, double max) {
        return v.isUndefined() || (v.isDouble() && v.toDouble() >= 0 && v.toDouble() <= max);
    };
    if (!cypher || !sig || !isTextOrAbsent(owner) || !isTextOrAbsent(to) || !isTextOrAbsent(utype) ||
        !isCountOrAbsent(seq, 65535) || !isCountOrAbsent(prio, 4294967295.0)) { // libopendht's uint16, uint32
        d.error = QStringLiteral("value %1 has a metadata field of the wrong kind").arg(d.value.id);
        return false;
    }
    if (cypher->isEmpty() && sig->isEmpty() && owner.isUndefined() && to.isUndefined() &&
        utype.isUndefined() && prio.isUndefined())
        return true;
    auto meta = std::make_shared<DhtValueMeta>();
    meta->cypher = *cypher;
    meta->signature = *sig;
    meta->ownerPem = owner.toString().toUtf8();
    while (meta->ownerPem.endsWith('\0')) // libopendht writes the PEM with its C string's end
        meta->ownerPem.chop(1);
    meta->ownerId = DhtValueMeta::keyIdOfPem(meta->ownerPem);
    meta->seq = qint32(qint64(seq.toDouble()));
    meta->recipientHex = to.toString().toLatin1();
    meta->userType = utype.toString().toUtf8();
    meta->priority = quint32(prio.toDouble());
    d.value.meta = std::move(meta);
    return true;
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
    d.value.lifetimeSeconds = DhtValueType::lifetimeSeconds(d.value.type);
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
    if (!readMeta(o, d))
        return d;
    d.expired = o.value(QStringLiteral("expired")).toBool(false);
    return d;
}

QByteArray encodePut(quint64 id, const QByteArray& envelope, bool permanent)
{
    QJsonObject o{{QStringLiteral("data"), QString::fromLatin1(envelope.toBase64())},
                  {QStringLiteral("id"), QString::number(id)},
                  {QStringLiteral("type"), int(DhtValueType::classicItem)}};
    if (permanent) // the proxy tests for the key's presence only
        o.insert(QStringLiteral("permanent"), true);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace ProxyValue
