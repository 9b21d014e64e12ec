#pragma once

#include <QString>

#include <optional>

// The value types a stock OpenDHT node knows (registered by libopendht 2.4.12, default_types.cpp),
// with how long it keeps a value of each after its last store or refresh. An unknown type is kept
// as user data: 10 minutes.
struct DhtValueType
{
    // The type of the classic items our gateways and clients store (see gateway/README.md).
    static constexpr quint16 classicItem = 0x4F43;

    static qint32 lifetimeSeconds(quint16 type);
    // "user data", "certificate", ... or an empty string for a type no stock node registers.
    static QString name(quint16 type);
    // The name with its number, "8 certificate", for tables and the CLI.
    static QString label(quint16 type);
    // A number (0-65535, decimal or 0x hex) or a name as name() gives it, any case.
    static std::optional<quint16> parse(const QString& text);
};
