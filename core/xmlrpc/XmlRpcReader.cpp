#include "XmlRpcReader.h"

#include <QStringDecoder>
#include <QXmlStreamReader>

namespace xmlrpc {

namespace {

bool parseInt32(const QString& text, qint32& out)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return false;
    for (int i = 0; i < t.size(); ++i) {
        const QChar c = t.at(i);
        if (!(c.isDigit() && c.unicode() < 128) && !(i == 0 && (c == u'-' || c == u'+')))
            return false;
    }
    bool ok = false;
    const qlonglong v = t.toLongLong(&ok);
    if (!ok || v < std::numeric_limits<qint32>::min() || v > std::numeric_limits<qint32>::max())
        return false;
    out = static_cast<qint32>(v);
    return true;
}

QByteArray withoutWhitespace(const QString& text)
{
    QByteArray out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (!c.isSpace())
            out.append(c.unicode() < 128 ? char(c.unicode()) : '!');
    }
    return out;
}

} // namespace

QString documentText(const QByteArray& document)
{
    QByteArrayView body(document);
    if (body.startsWith("<?xml")) {
        const qsizetype end = body.indexOf("?>");
        if (end >= 0)
            body = body.sliced(end + 2);
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8(body);
    if (!utf8.hasError())
        return text;
    return QString::fromLatin1(body);
}

Reader::CallResult Reader::readCall(const QByteArray& document)
{
    CallResult result;
    QXmlStreamReader xml(documentText(document));
    xml.setNamespaceProcessing(false);
    Reader reader(xml);
    bool sawMethodCall = false;
    int depth = 0;
    while (!xml.atEnd() && reader.m_error.isEmpty()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::EntityReference:
            reader.fail(QStringLiteral("DTDs and entities are not accepted"));
            break;
        case QXmlStreamReader::StartElement:
            if (++depth > maxDepth) {
                reader.fail(QStringLiteral("nesting too deep"));
            } else if (depth == 1) {
                sawMethodCall = xml.name() == u"methodCall";
            } else if (xml.name() == u"methodName") {
                result.call.methodName = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                --depth;
            } else if (xml.name() == u"value") {
                Value v;
                if (reader.readValue(v, depth))
                    result.call.params.append(v);
                --depth;
            }
            break;
        case QXmlStreamReader::EndElement:
            --depth;
            break;
        default:
            break;
        }
    }
    if (reader.m_error.isEmpty() && xml.hasError())
        reader.fail(xml.errorString());
    if (reader.m_error.isEmpty() && !sawMethodCall)
        reader.fail(QStringLiteral("not a methodCall"));
    result.error = reader.m_error;
    return result;
}

Reader::ResponseResult Reader::readResponse(const QByteArray& document)
{
    ResponseResult result;
    QXmlStreamReader xml(documentText(document));
    xml.setNamespaceProcessing(false);
    Reader reader(xml);
    reader.readResponseBody(result);
    if (reader.m_error.isEmpty() && xml.hasError())
        reader.fail(xml.errorString());
    if (!reader.m_error.isEmpty()) {
        result.error = QStringLiteral("%1 (line %2, column %3)")
                           .arg(reader.m_error)
                           .arg(xml.lineNumber())
                           .arg(xml.columnNumber());
    }
    return result;
}

// methodResponse > (params > param > value | fault > value > struct{faultString, faultCode}).
bool Reader::readResponseBody(ResponseResult& result)
{
    QStringList path; // open elements outside of values
    bool gotValue = false;
    while (!m_xml.atEnd()) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::EntityReference:
            return fail(QStringLiteral("DTDs and entities are not accepted"));
        case QXmlStreamReader::StartElement: {
            const QString name = m_xml.name().toString();
            if (path.isEmpty() && name != u"methodResponse")
                return fail(QStringLiteral("not an XML-RPC response: the root is <%1>").arg(name.left(40)));
            if (name == u"value") {
                if (gotValue)
                    return fail(QStringLiteral("more than one result value"));
                const bool fault = path.contains(QStringLiteral("fault"));
                const bool param = path.endsWith(QStringLiteral("param"));
                if (!fault && !param)
                    return fail(QStringLiteral("a <value> outside <param> and <fault>"));
                if (!readValue(result.value, 1))
                    return false;
                gotValue = true;
                result.isFault = fault;
                break;
            }
            if (path.size() >= 3)
                return fail(QStringLiteral("unexpected <%1>").arg(name.left(40)));
            path.append(name);
            break;
        }
        case QXmlStreamReader::EndElement:
            if (!path.isEmpty())
                path.removeLast();
            break;
        default:
            break;
        }
    }
    if (m_xml.hasError())
        return fail(m_xml.errorString());
    if (!gotValue)
        return fail(QStringLiteral("the response holds no value"));
    if (result.isFault) {
        if (!result.value.is(Value::Type::Struct))
            return fail(QStringLiteral("a fault that is not a struct"));
        for (const auto& m : result.value.members()) {
            if (m.first == u"faultString")
                result.faultString = m.second.toString();
            else if (m.first == u"faultCode")
                result.faultCode = m.second.toInt();
        }
    }
    return true;
}

bool Reader::fail(const QString& why)
{
    if (m_error.isEmpty())
        m_error = why;
    return false;
}

// Called on the start of <value>; returns on its end.
bool Reader::readValue(Value& out, int depth)
{
    if (depth > maxDepth)
        return fail(QStringLiteral("nesting too deep"));
    QString untyped;
    bool typed = false;
    while (!m_xml.atEnd()) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::Characters:
            untyped += m_xml.text();
            break;
        case QXmlStreamReader::StartElement:
            if (typed)
                return fail(QStringLiteral("a value holds two types"));
            typed = true;
            if (!readTyped(out, depth + 1))
                return false;
            break;
        case QXmlStreamReader::EndElement:
            if (!typed)
                out = Value::fromString(untyped);
            return true;
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::EntityReference:
            return fail(QStringLiteral("DTDs and entities are not accepted"));
        default:
            break;
        }
    }
    return fail(m_xml.hasError() ? m_xml.errorString() : QStringLiteral("unterminated value"));
}

// Called on the start tag of the type element inside a <value>; returns on its end.
bool Reader::readTyped(Value& out, int depth)
{
    const QString tag = m_xml.name().toString();
    if (tag == u"array")
        return readArray(out, depth);
    if (tag == u"struct")
        return readStruct(out, depth);
    QString text;
    if (!readScalarText(text))
        return false;
    if (tag == u"int" || tag == u"i4") {
        qint32 v = 0;
        if (!parseInt32(text, v))
            return fail(QStringLiteral("not a 32-bit integer: ") + text.left(40));
        out = Value::fromInt(v);
    } else if (tag == u"string") {
        out = Value::fromString(text);
    } else if (tag == u"base64") {
        auto decoded =
            QByteArray::fromBase64Encoding(withoutWhitespace(text), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(QStringLiteral("bad base64"));
        out = Value::fromBytes(*decoded);
    } else if (tag == u"boolean") {
        out = Value::other(Value::Type::Boolean, text);
    } else if (tag == u"double") {
        out = Value::other(Value::Type::Double, text);
    } else if (tag == u"dateTime.iso8601") {
        out = Value::other(Value::Type::DateTime, text);
    } else {
        return fail(QStringLiteral("unknown type ") + tag.left(40));
    }
    return true;
}

bool Reader::readScalarText(QString& out)
{
    while (!m_xml.atEnd()) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::Characters:
            out += m_xml.text();
            break;
        case QXmlStreamReader::EndElement:
            return true;
        case QXmlStreamReader::StartElement:
            return fail(QStringLiteral("element inside a scalar"));
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::EntityReference:
            return fail(QStringLiteral("DTDs and entities are not accepted"));
        default:
            break;
        }
    }
    return fail(m_xml.hasError() ? m_xml.errorString() : QStringLiteral("unterminated scalar"));
}

bool Reader::readArray(Value& out, int depth)
{
    QList<Value> elements;
    int level = 0; // inside <data>
    while (!m_xml.atEnd()) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::StartElement:
            if (m_xml.name() == u"value" && level == 1) {
                Value v;
                if (!readValue(v, depth + 1))
                    return false;
                elements.append(v);
            } else if (m_xml.name() == u"data" && level == 0) {
                level = 1;
            } else {
                return fail(QStringLiteral("unexpected element in array"));
            }
            break;
        case QXmlStreamReader::EndElement:
            if (level == 1) {
                level = 0;
                break;
            }
            out = Value::fromArray(elements);
            return true;
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::EntityReference:
            return fail(QStringLiteral("DTDs and entities are not accepted"));
        default:
            break;
        }
    }
    return fail(m_xml.hasError() ? m_xml.errorString() : QStringLiteral("unterminated array"));
}

bool Reader::readStruct(Value& out, int depth)
{
    QList<Value::Member> members;
    QString name;
    Value value;
    int level = 0; // inside <member>
    while (!m_xml.atEnd()) {
        switch (m_xml.readNext()) {
        case QXmlStreamReader::StartElement:
            if (level == 0 && m_xml.name() == u"member") {
                level = 1;
                name.clear();
                value = Value();
            } else if (level == 1 && m_xml.name() == u"name") {
                if (!readScalarText(name))
                    return false;
            } else if (level == 1 && m_xml.name() == u"value") {
                if (!readValue(value, depth + 1))
                    return false;
            } else {
                return fail(QStringLiteral("unexpected element in struct"));
            }
            break;
        case QXmlStreamReader::EndElement:
            if (level == 1) {
                members.append({name, value});
                level = 0;
                break;
            }
            out = Value::fromStruct(members);
            return true;
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::EntityReference:
            return fail(QStringLiteral("DTDs and entities are not accepted"));
        default:
            break;
        }
    }
    return fail(m_xml.hasError() ? m_xml.errorString() : QStringLiteral("unterminated struct"));
}

} // namespace xmlrpc
