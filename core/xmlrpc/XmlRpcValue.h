#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace xmlrpc {

// One XML-RPC value as the classic Open DHT protocol uses it: scalars, byte strings and arrays.
// Booleans, doubles, dates and structs are kept only so that a call carrying them can be told
// apart from a well-typed one (the classic gateway parsed them and then found no matching method).
class Value
{
public:
    enum class Type
    {
        Int,
        String,
        Base64,
        Boolean,
        Double,
        DateTime,
        Array,
        Struct
    };
    using Member = QPair<QString, Value>;

    Value() = default;
    static Value fromInt(qint32 v);
    static Value fromString(const QString& s);
    static Value fromBytes(const QByteArray& b);
    static Value fromArray(const QList<Value>& elements);
    static Value fromStruct(const QList<Member>& members);
    static Value other(Type t, const QString& text);

    Type type() const { return m_type; }
    bool is(Type t) const { return m_type == t; }
    qint32 toInt() const { return m_int; }
    const QString& toString() const { return m_text; }
    const QByteArray& toBytes() const { return m_bytes; }
    const QList<Value>& elements() const { return m_elements; }
    const QList<Member>& members() const { return m_members; }

    // The Java type name the classic gateway reported for a parameter of this type.
    QString javaTypeName() const;

private:
    Type m_type = Type::String;
    qint32 m_int = 0;
    QString m_text;
    QByteArray m_bytes;
    QList<Value> m_elements;
    QList<Member> m_members;
};

struct MethodCall
{
    QString methodName;
    QList<Value> params;
};

} // namespace xmlrpc
