#include "XmlRpcValue.h"

namespace xmlrpc {

Value Value::fromInt(qint32 v)
{
    Value r;
    r.m_type = Type::Int;
    r.m_int = v;
    return r;
}

Value Value::fromString(const QString& s)
{
    Value r;
    r.m_type = Type::String;
    r.m_text = s;
    return r;
}

Value Value::fromBytes(const QByteArray& b)
{
    Value r;
    r.m_type = Type::Base64;
    r.m_bytes = b;
    return r;
}

Value Value::fromArray(const QList<Value>& elements)
{
    Value r;
    r.m_type = Type::Array;
    r.m_elements = elements;
    return r;
}

Value Value::fromStruct(const QList<Member>& members)
{
    Value r;
    r.m_type = Type::Struct;
    r.m_members = members;
    return r;
}

Value Value::other(Type t, const QString& text)
{
    Value r;
    r.m_type = t;
    r.m_text = text;
    return r;
}

QString Value::javaTypeName() const
{
    switch (m_type) {
    case Type::Int:
        return QStringLiteral("int");
    case Type::String:
        return QStringLiteral("java.lang.String");
    case Type::Base64:
        return QStringLiteral("[B");
    case Type::Boolean:
        return QStringLiteral("boolean");
    case Type::Double:
        return QStringLiteral("double");
    case Type::DateTime:
        return QStringLiteral("java.util.Date");
    case Type::Array:
        return QStringLiteral("java.util.Vector");
    case Type::Struct:
        return QStringLiteral("java.util.Hashtable");
    }
    return {};
}

} // namespace xmlrpc
