#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

// A DHT node to join, as people write it: "host:port", "[v6 address]:port", or a name or
// address alone (OpenDHT's port, 4222).
struct BootstrapAddress
{
    static constexpr quint16 defaultPort = 4222;

    QString host;
    QString port;

    // The address written back in the form parse() takes.
    QString text() const;
    // Empty with a reason in words when the text is no address.
    static std::optional<BootstrapAddress> parse(const QString& text, QString* error);
};

// The OpenDHT networks a gateway can join by name (docs/real-networks.md): their
// bootstrap nodes and network id. "local" is no network at all: a gateway alone, or the
// gateways its user points to each other.
struct DhtNetwork
{
    QString name;  // what --network takes
    QString title; // for people
    QStringList bootstrap;
    quint32 id = 0;

    static const QVector<DhtNetwork>& all();
    static std::optional<DhtNetwork> byName(const QString& name);
    static QStringList names();
};
