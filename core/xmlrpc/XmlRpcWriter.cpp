#include "XmlRpcWriter.h"

namespace xmlrpc {

namespace {
constexpr char declaration[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>";

void appendCallValue(QByteArray& out, const Value& v)
{
    out += "<value>";
    switch (v.type()) {
    case Value::Type::Int:
        out += "<int>" + QByteArray::number(v.toInt()) + "</int>";
        break;
    case Value::Type::Base64:
        out += "<base64>" + v.toBytes().toBase64() + "</base64>";
        break;
    case Value::Type::Array:
        out += "<array><data>";
        for (const Value& e : v.elements())
            appendCallValue(out, e);
        out += "</data></array>";
        break;
    case Value::Type::Struct:
        out += "<struct>";
        for (const auto& m : v.members()) {
            out += "<member><name>";
            Writer::appendEscaped(out, m.first);
            out += "</name>";
            appendCallValue(out, m.second);
            out += "</member>";
        }
        out += "</struct>";
        break;
    default:
        out += "<string>";
        Writer::appendEscaped(out, v.toString());
        out += "</string>";
        break;
    }
    out += "</value>";
}
} // namespace

void Writer::appendEscaped(QByteArray& out, const QString& text)
{
    for (const char32_t u : text.toUcs4()) { // code points: a pair of surrogates is one character
        if (u == U'&')
            out += "&amp;";
        else if (u == U'<')
            out += "&lt;";
        else if (u == U'>')
            out += "&gt;";
        else if (u == U'\r')
            out += "&#13;"; // a raw CR would be read back as LF
        else if ((u < 0x20 && u != U'\t' && u != U'\n') || (u >= 0xD800 && u <= 0xDFFF) || u > 0x10FFFF)
            out += "&#65533;"; // XML 1.0 cannot carry these at all: U+FFFD stands in
        else if (u < 256)
            out += char(u);
        else // the document is declared ISO-8859-1: anything else goes as a character reference
            out += "&#" + QByteArray::number(uint(u)) + ';';
    }
}

void Writer::appendBase64Lines(QByteArray& out, const QByteArray& bytes)
{
    const QByteArray b64 = bytes.toBase64();
    for (qsizetype at = 0; at < b64.size(); at += 76) {
        out += QByteArrayView(b64).sliced(at, std::min<qsizetype>(76, b64.size() - at));
        out += '\n';
    }
}

void Writer::appendValue(QByteArray& out, const Value& v)
{
    out += "<value>";
    switch (v.type()) {
    case Value::Type::Int:
        out += "<int>" + QByteArray::number(v.toInt()) + "</int>";
        break;
    case Value::Type::Base64:
        out += "<base64>";
        appendBase64Lines(out, v.toBytes());
        out += "</base64>";
        break;
    case Value::Type::Array:
        out += "<array><data>";
        for (const Value& e : v.elements())
            appendValue(out, e);
        out += "</data></array>";
        break;
    case Value::Type::Struct:
        out += "<struct>";
        for (const auto& m : v.members()) {
            out += "<member><name>";
            appendEscaped(out, m.first);
            out += "</name>";
            appendValue(out, m.second);
            out += "</member>";
        }
        out += "</struct>";
        break;
    default:
        appendEscaped(out, v.toString());
        break;
    }
    out += "</value>";
}

QByteArray Writer::response(const Value& result)
{
    QByteArray out = declaration;
    out += "<methodResponse><params><param>";
    appendValue(out, result);
    out += "</param></params></methodResponse>";
    return out;
}

QByteArray Writer::fault(const QString& faultString, qint32 faultCode)
{
    QByteArray out = declaration;
    out += "<methodResponse><fault><value><struct><member><name>faultString</name><value>";
    appendEscaped(out, faultString);
    out += "</value></member><member><name>faultCode</name><value><int>";
    out += QByteArray::number(faultCode);
    out += "</int></value></member></struct></value></fault></methodResponse>";
    return out;
}

QByteArray Writer::call(const QString& methodName, const QList<Value>& params)
{
    // Latin-1 like the replies: characters 128-255 go as single bytes, others as references.
    QByteArray out = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><methodCall><methodName>";
    appendEscaped(out, methodName);
    out += "</methodName><params>";
    for (const Value& p : params) {
        out += "<param>";
        appendCallValue(out, p);
        out += "</param>";
    }
    out += "</params></methodCall>";
    return out;
}

} // namespace xmlrpc
