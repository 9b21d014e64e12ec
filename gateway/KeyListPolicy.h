#pragma once

#include <QString>

#include <optional>

class QHostAddress;

// Who may list the keys this node stores (GET /keys, --list-keys). On a DHT what a node
// stores is public to that node anyway, but a public gateway should not be a free index of it
// unless its operator wants one: by default only clients on this machine may list.
struct KeyListPolicy
{
    enum class Who
    {
        Nobody, // off
        Local,  // loopback clients: 127.0.0.0/8, ::1 (and ::ffff:127.x, IPv4 on an IPv6 socket)
        Anyone  // all
    };

    Who who = Who::Local;

    static std::optional<KeyListPolicy> parse(const QString& word);
    static bool isLoopback(const QHostAddress& peer);
    bool allows(const QHostAddress& peer) const;
    // Why a refused client is refused, for the 403 body.
    QString refusal() const;
};
