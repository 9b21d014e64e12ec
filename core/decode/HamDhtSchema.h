#pragma once

#include <QList>
#include <QString>

// The names of the positions in Ham-DHT's values (the state urfd and mrefd reflectors
// publish, in four signed parts), as n7tae/ham-dht-tools' urfd-dht-values.h and
// mrefd-dht-values.h define them for each user type ("urfd-config-1", "mrefd-users-1", ...).
// The arrays are positional (MSGPACK_DEFINE): the order below is the order on the wire.
struct HamDhtField
{
    enum class Shape
    {
        Plain,
        Time,   // seconds since 1970 (std::time_t)
        Module, // a char: a module letter, packed as an integer
        Array,  // a fixed array: its positions named by fields
        List,   // a list of tuples, each tuple's positions named by fields
        CharMap // a map from a module letter (an integer) to text
    };
    QString name;
    Shape shape = Shape::Plain;
    QList<HamDhtField> fields;
};

struct HamDhtSchema
{
    QString software; // "urfd", "mrefd"
    QString part;     // "config", "peers", "clients", "users"
    int version = 0;
    QList<HamDhtField> fields; // empty when the version is not one of those known

    // The schema a user type names; software and part empty when it is not a Ham-DHT one.
    static HamDhtSchema forUserType(const QString& userType);
    // The part that a Ham-DHT value id (1 to 4) holds, else empty.
    static QString partOfId(quint64 id);
};
