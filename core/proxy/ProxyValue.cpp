#include "ProxyValue.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtNumeric>

#include <array>
#include <optional>

namespace ProxyValue {

namespace {

// Digits only, within 64 bits (Qt's toULongLong goes through locale-aware parsing, a cost
// that showed on every line of a whole key).
std::optional<quint64> decimal(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    quint64 n = 0;
    for (const char c : text) {
        const unsigned digit = unsigned(c) - '0';
        if (digit > 9 || qMulOverflow(n, quint64(10), &n) || qAddOverflow(n, quint64(digit), &n))
            return std::nullopt;
    }
    return n;
}

// Canonical base64 (padded, the standard alphabet, as jsoncpp and Qt write it), decoded four
// characters at a time through a table: Qt's decoder takes a character at a time and was the
// largest cost of reading a whole key. Anything else is nullopt, and left to Qt's decoder.
std::optional<QByteArray> canonicalBase64(QByteArrayView text)
{
    static constexpr auto table = [] {
        std::array<qint8, 256> t{};
        for (qint8& c : t)
            c = -1;
        constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i)
            t[quint8(alphabet[i])] = qint8(i);
        return t;
    }();
    const qsizetype n = text.size();
    if (n % 4 != 0)
        return std::nullopt;
    if (n == 0)
        return QByteArray();
    const auto* in = reinterpret_cast<const quint8*>(text.data());
    const int pad = in[n - 1] != '=' ? 0 : in[n - 2] != '=' ? 1 : 2;
    QByteArray out(n / 4 * 3 - pad, Qt::Uninitialized);
    char* o = out.data();
    // Four characters, the padding read as zeros; negative when one is no base64 character
    // ('=' inside the text is no canonical base64 either).
    const auto quad = [&](qsizetype i, int chars) -> qint32 {
        const int a = table[in[i]], b = table[in[i + 1]];
        const int c = chars > 2 ? table[in[i + 2]] : 0, d = chars > 3 ? table[in[i + 3]] : 0;
        return (a | b | c | d) < 0 ? -1 : qint32(a << 18 | b << 12 | c << 6 | d);
    };
    const qsizetype full = pad ? n - 4 : n;
    for (qsizetype i = 0; i < full; i += 4) {
        const qint32 v = quad(i, 4);
        if (v < 0)
            return std::nullopt;
        *o++ = char(v >> 16);
        *o++ = char(v >> 8);
        *o++ = char(v);
    }
    if (pad) {
        const qint32 v = quad(n - 4, 4 - pad);
        if (v < 0)
            return std::nullopt;
        *o++ = char(v >> 16);
        if (pad == 1)
            *o++ = char(v >> 8);
    }
    return out;
}

std::optional<QByteArray> base64(QByteArrayView text)
{
    if (auto fast = canonicalBase64(text))
        return fast;
    auto bytes = QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    return bytes ? std::optional(std::move(bytes.decoded)) : std::nullopt;
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
    const auto id = decimal(line.sliced(idStart, idEnd - idStart));
    const auto type = decimal(line.sliced(typeStart, line.size() - 1 - typeStart));
    if (!id || !type || *type > 65535)
        return std::nullopt;
    auto bytes = base64(line.sliced(head.size(), dataEnd - head.size()));
    if (!bytes)
        return std::nullopt;
    Decoded d;
    d.value.id = *id;
    d.value.type = quint16(*type);
    d.value.lifetimeSeconds = DhtValueType::lifetimeSeconds(d.value.type);
    d.value.data = std::move(*bytes);
    return d;
}

std::optional<QByteArray> base64Field(const QJsonObject& o, const char* name)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined())
        return QByteArray();
    if (!v.isString())
        return std::nullopt;
    return base64(v.toString().toLatin1());
}

// The fields of values of other software (Value::toJson): signed ones carry "owner" (PEM),
// "seq" and "sig", decrypted ones "to", encrypted ones only "cypher"; any may have "utype" and
// "prio". A field of the wrong shape makes the line an error: it is not what a proxy writes.
bool readMeta(const QJsonObject& o, Decoded& d, const QString& checkedBy)
{
    const auto cypher = base64Field(o, "cypher"), sig = base64Field(o, "sig");
    const QJsonValue owner = o.value(QStringLiteral("owner")), to = o.value(QStringLiteral("to")),
                     utype = o.value(QStringLiteral("utype")), seq = o.value(QStringLiteral("seq")),
                     prio = o.value(QStringLiteral("prio")), permanent = o.value(QStringLiteral("permanent"));
    const auto isTextOrAbsent = [](const QJsonValue& v) { return v.isUndefined() || v.isString(); };
    const auto isCountOrAbsent = [](const QJsonValue& v, double max) {
        return v.isUndefined() || (v.isDouble() && v.toDouble() >= 0 && v.toDouble() <= max);
    };
    if (!cypher || !sig || !isTextOrAbsent(owner) || !isTextOrAbsent(to) || !isTextOrAbsent(utype) ||
        !isCountOrAbsent(seq, 65535) || !isCountOrAbsent(prio, 4294967295.0) ||
        !(permanent.isUndefined() || permanent.isBool())) { // libopendht's uint16, uint32
        d.error = QStringLiteral("value %1 has a metadata field of the wrong kind").arg(d.value.id);
        return false;
    }
    if (cypher->isEmpty() && sig->isEmpty() && owner.isUndefined() && to.isUndefined() &&
        utype.isUndefined() && prio.isUndefined() && !permanent.toBool())
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
    if (meta->isSigned())
        meta->signatureCheckedBy = checkedBy;
    // No stock proxy writes it; a gateway that knows it keeps the value alive may.
    meta->permanent = permanent.toBool();
    d.value.meta = std::move(meta);
    return true;
}

} // namespace

Decoded decode(const QByteArray& line, const QString& checkedBy)
{
    if (auto plain = decodePlain(line))
        return std::move(*plain);
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
        auto bytes = base64(data.toString().toLatin1());
        if (!bytes) {
            d.error = QStringLiteral("value %1 has \"data\" that is not base64").arg(d.value.id);
            return d;
        }
        d.value.data = *bytes;
    } else if (!data.isUndefined()) {
        d.error = QStringLiteral("value %1 has \"data\" that is not a string").arg(d.value.id);
        return d;
    }
    if (!readMeta(o, d, checkedBy))
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
