#include "GatewayCheck.h"

#include "core/backend/GatewayKindProbe.h"
#include "core/connect/BackendFactory.h"

namespace {

HttpCall::Limits checkLimits()
{
    HttpCall::Limits limits;
    limits.deadlineMs = limits.inactivityMs = GatewayCheck::defaultTimeoutMs;
    return limits;
}

} // namespace

GatewayCheck::GatewayCheck(QNetworkAccessManager* nam, const QUrl& url, QObject* parent)
    : GatewayCheck(nam, url, checkLimits(), parent)
{
}

GatewayCheck::GatewayCheck(QNetworkAccessManager* nam, const QUrl& url, const HttpCall::Limits& limits,
                           QObject* parent)
    : QObject(parent)
    , m_nam(nam)
    , m_url(url)
    , m_limits(limits)
{
    const bool http = url.scheme() == u"http" || url.scheme() == u"https";
    if (!url.isValid() || !http || url.host().isEmpty()) {
        // Queued, like every other outcome, so the caller can connect after constructing.
        QMetaObject::invokeMethod(
            this, [this] { fail(Failure::BadUrl, tr("\"%1\" is not an http URL").arg(m_url.toString())); },
            Qt::QueuedConnection);
        return;
    }
    m_kindProbe = new GatewayKindProbe(nam, url, limits, this);
    connect(m_kindProbe, &GatewayKindProbe::finished, this, &GatewayCheck::onKind);
}

GatewayCheck::~GatewayCheck() = default;

std::optional<QUrl> GatewayCheck::parseUrl(const QString& text)
{
    QUrl url = QUrl::fromUserInput(text.trimmed());
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return std::nullopt;
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    return url;
}

void GatewayCheck::onKind()
{
    if (m_kindProbe->networkError())
        return fail(Failure::Network, m_kindProbe->errorString());
    if (!m_kindProbe->kind())
        return fail(Failure::NotAGateway, m_kindProbe->errorString());
    // GET / alone says too little: any web server's HTML page reads as an old classic gateway.
    const GatewayKind kind = *m_kindProbe->kind();
    m_backend = makeGatewayBackend(kind, m_nam, m_url, QStringLiteral("gateway-check"), m_limits);
    GatewayCall* call = m_backend->probe();
    connect(call, &GatewayCall::finished, this, [this, call, kind] {
        const GatewayError error = call->error();
        call->deleteLater();
        if (!error.isError()) {
            m_kind = kind;
            return finish();
        }
        if (error.isNetworkError())
            return fail(Failure::Network, error.message);
        fail(Failure::NotAGateway,
             tr("%1 does not answer as a %2 gateway: %3")
                 .arg(m_url.authority(), GatewayBackend::kindName(kind), error.message));
    });
}

void GatewayCheck::fail(Failure failure, const QString& error)
{
    m_failure = failure;
    m_error = error;
    finish();
}

void GatewayCheck::finish()
{
    m_finished = true;
    emit finished();
}
