#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

// One msgpack object, copied out of msgpack-cxx's zone so that the decoders need not include
// msgpack.hpp: a scalar, a string or binary, or an array or map of further items.
struct MsgpackItem
{
    enum class Kind
    {
        Nil,
        Bool,
        Int,  // negative integers
        UInt, // zero and positive integers, all 64 bits exact
        Float,
        Str,
        Bin,
        Ext,
        Array,
        Map
    };

    Kind kind = Kind::Nil;
    bool boolean = false;
    qint64 integer = 0;
    quint64 uinteger = 0;
    double real = 0;
    QByteArray bytes; // Str (as sent, maybe not UTF-8), Bin, Ext
    qint8 extType = 0;
    QList<MsgpackItem> items; // Array: the elements; Map: key, value, key, value, ...

    bool isMap() const { return kind == Kind::Map; }
    bool isArray() const { return kind == Kind::Array; }
    bool isBytes() const { return kind == Kind::Str || kind == Kind::Bin; }
    qsizetype count() const { return isMap() ? items.size() / 2 : items.size(); }
    // A map's value under a string key, or null.
    const MsgpackItem* field(QByteArrayView key) const;
    // The keys of a map that are strings.
    QList<QByteArray> keys() const;
    // The text of a Str that is valid UTF-8.
    std::optional<QString> text() const;
    // A non-negative integer.
    std::optional<quint64> unsignedValue() const;
};
