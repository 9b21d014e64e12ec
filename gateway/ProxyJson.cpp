#include "ProxyJson.h"

namespace ProxyJson {

namespace {

void appendKey(QByteArray& out, const char* key)
{
    out += '"';
    out += key;
    out += "\":";
}

void appendBase64(QByteArray& out, const char* key, const QByteArray& bytes)
{
    appendKey(out, key);
    out += '"';
    out += bytes.toBase64();
    out += "\",";
}

void appendNumber(QByteArray& out, const char* key, qint64 number)
{
    appendKey(out, key);
    out += QByteArray::number(number);
    out += ',';
}

} // namespace

void appendString(QByteArray& out, QByteArrayView text)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (u < 0x20) {
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

void appendValue(QByteArray& out, const classic::StoredValue& v, bool expired)
{
    const DhtValueMeta* meta = v.meta.get();
    const bool encrypted = meta && !meta->cypher.isEmpty();
    out += '{';
    if (encrypted)
        appendBase64(out, "cypher", meta->cypher);
    else
        appendBase64(out, "data", v.data);
    if (expired)
        out += "\"expired\":true,";
    appendKey(out, "id");
    out += '"';
    out += QByteArray::number(v.id);
    out += "\",";
    if (meta && !encrypted && !meta->ownerPem.isEmpty()) {
        appendKey(out, "owner");
        appendString(out, meta->ownerPem);
        out += ',';
    }
    if (meta && meta->priority)
        appendNumber(out, "prio", meta->priority);
    if (!encrypted) {
        if (meta && !meta->ownerPem.isEmpty())
            appendNumber(out, "seq", meta->seq);
        if (meta && !meta->signature.isEmpty())
            appendBase64(out, "sig", meta->signature);
        if (meta && !meta->recipientHex.isEmpty()) {
            appendKey(out, "to");
            appendString(out, meta->recipientHex);
            out += ',';
        }
        appendNumber(out, "type", v.type);
        if (meta && !meta->userType.isEmpty()) {
            appendKey(out, "utype");
            appendString(out, meta->userType);
            out += ',';
        }
    }
    out.chop(1); // the last comma
    out += "}\n";
}

QByteArray value(const classic::StoredValue& v, bool expired)
{
    QByteArray out;
    appendValue(out, v, expired);
    return out;
}

} // namespace ProxyJson
