#pragma once

#include "core/backend/GatewayBackend.h"

#include "core/net/HttpCall.h"

#include <memory>

class QNetworkAccessManager;

// Whether a classic gateway also speaks the proxy REST API (opendht-gateway does): known from
// its GET / already, or to be asked (ClassicClient::detectProxyRest).
enum class ProxyRestOffer
{
    Detect,
    Offered,
    NotOffered
};

// The client for a gateway of a known kind: a ClassicClient or a ProxyClient, set up with the
// gateway's URL, the application name that travels with each call, and the request limits.
std::unique_ptr<GatewayBackend> makeGatewayBackend(GatewayKind kind, QNetworkAccessManager* nam,
                                                   const QUrl& url, const QString& application,
                                                   const HttpCall::Limits& limits = {},
                                                   ProxyRestOffer rest = ProxyRestOffer::Detect);

// Changes the application name a live backend of either kind sends from its next call on, so
// that a new name needs no new backend (and its watches and kept puts go on).
void setBackendApplication(GatewayBackend* backend, const QString& application);
