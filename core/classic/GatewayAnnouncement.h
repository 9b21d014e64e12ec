#pragma once

#include "core/dht/DhtKey.h"

#include <QUrl>

#include <optional>

// How opendht-gateways make themselves known without any central service: each one that is
// given --announce URL keeps one removable classic value under a well-known key, a small JSON
// object {"service":"opendht-gateway","url":URL,"node":ID,"version":V}, put for ttlSeconds and
// refreshed every refreshSeconds while it runs, removed when it stops (and gone at most
// ttlSeconds after it died). Any client reads the key through any gateway to learn them all.
namespace GatewayAnnouncement {

constexpr int ttlSeconds = 120;
constexpr int refreshSeconds = 60;

// SHA-1 of "opendht-browser/gateways/v1" (text key mode).
DhtKey key();

QByteArray encode(const QUrl& url, const QString& nodeId, const QString& version);

// The announced URL, or nothing when the value is not an announcement (anyone may put there).
std::optional<QUrl> decode(const QByteArray& value);

} // namespace GatewayAnnouncement
