#pragma once

#include <QUrl>

#include <optional>

class GatewayDirectory;

// A gateway of ours that speaks the proxy REST API among those the user knows: it keeps its own
// items for their whole TTL (gateway/ItemKeeper), so a put through it needs nobody to stay
// running. Each candidate is asked GET / at once, for two seconds at most.
class KeepingGateway
{
public:
    static std::optional<QUrl> find(const GatewayDirectory& directory, const QUrl& except);
};
