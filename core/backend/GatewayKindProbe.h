#pragma once

#include "GatewayBackend.h"

#include "core/net/HttpCall.h"

#include <optional>

// Tells the kind of gateway behind a URL from its answer to GET /: opendht-gateway answers JSON
// naming itself, an OpenDHT proxy answers JSON with its node_id, an old classic gateway answered
// an HTML status page.
class GatewayKindProbe : public QObject
{
    Q_OBJECT
public:
    GatewayKindProbe(QNetworkAccessManager* nam, const QUrl& url, const HttpCall::Limits& limits,
                     QObject* parent = nullptr);

    // The kind, once finished(); empty with errorString() when the URL is no gateway.
    std::optional<GatewayKind> kind() const { return m_kind; }
    QString errorString() const { return m_error; }
    // Nothing usable came back at all (see isNetworkError(CallOutcome)).
    bool networkError() const { return m_networkError; }
    CallOutcome outcome() const { return m_call->outcome(); }
    // The GET / answer itself (what else it says: ClassicClient::offersProxyRest).
    QByteArray body() const { return m_call->body(); }

    static std::optional<GatewayKind> interpret(int httpStatus, const QByteArray& body);

signals:
    void finished();

private:
    HttpCall* m_call;
    std::optional<GatewayKind> m_kind;
    QString m_error;
    bool m_networkError = false;
};
