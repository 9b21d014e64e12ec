#pragma once

#include "core/backend/GatewayBackend.h"
#include "core/net/HttpCall.h"

#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

class GatewayKindProbe;
class QNetworkAccessManager;

// Checks, before a URL joins the directory, that it answers as a gateway, and tells its kind:
// GET / names the kind, then one real round trip of that kind (a classic ping, a proxy's
// node info) proves it; a web server answering HTML, a silent port or a refusal each fail with
// a sentence naming the URL. Asynchronous: finished() follows, once, always queued.
class GatewayCheck : public QObject
{
    Q_OBJECT
public:
    enum class Failure
    {
        None,
        BadUrl,      // not an http(s) URL with a host: nothing was sent
        Network,     // nothing usable came back: refused, unreachable, timeout, closed
        NotAGateway, // something answered, but not as a gateway
    };

    GatewayCheck(QNetworkAccessManager* nam, const QUrl& url, QObject* parent = nullptr);
    GatewayCheck(QNetworkAccessManager* nam, const QUrl& url, const HttpCall::Limits& limits,
                 QObject* parent = nullptr);
    ~GatewayCheck() override;

    QUrl url() const { return m_url; }
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && m_failure == Failure::None; }
    Failure failure() const { return m_failure; }
    // The kind, once finished() and ok().
    std::optional<GatewayKind> kind() const { return m_kind; }
    QString errorString() const { return m_error; }

    // What a user typed, as a gateway URL: http assumed, "/" as path when none; nothing when it
    // cannot be one (another scheme, no host).
    static std::optional<QUrl> parseUrl(const QString& text);
    // A check gives up after this long by default (a silent port).
    static constexpr int defaultTimeoutMs = 5000;

signals:
    void finished();

private:
    void onKind();
    void fail(Failure failure, const QString& error);
    void finish();

    QNetworkAccessManager* m_nam;
    QUrl m_url;
    HttpCall::Limits m_limits;
    GatewayKindProbe* m_kindProbe = nullptr;
    std::unique_ptr<GatewayBackend> m_backend;
    std::optional<GatewayKind> m_kind;
    Failure m_failure = Failure::None;
    QString m_error;
    bool m_finished = false;
};
