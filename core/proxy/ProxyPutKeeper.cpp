#include "ProxyPutKeeper.h"

#include <QJsonDocument>
#include <QJsonObject>

ProxyPutKeeper::Plan ProxyPutKeeper::plan(int ttlSeconds, int refreshSeconds)
{
    if (ttlSeconds <= plainLifetimeSeconds)
        return {};
    return {true, (ttlSeconds - 1) / std::max(1, refreshSeconds)};
}

ProxyPutKeeper::ProxyPutKeeper(QNetworkAccessManager* nam, const QNetworkRequest& request,
                               const QByteArray& value, qint64 ttlMs, qint64 refreshMs,
                               const HttpCall::Limits& limits, QObject* parent)
    : QObject(parent)
    , m_nam(nam)
    , m_request(request)
    , m_value(value)
    , m_limits(limits)
{
    connect(&m_refresh, &QTimer::timeout, this, [this] { post(true); });
    m_refresh.start(std::chrono::milliseconds(refreshMs));
    m_end.setSingleShot(true);
    connect(&m_end, &QTimer::timeout, this, &ProxyPutKeeper::cancel);
    m_end.start(std::chrono::milliseconds(ttlMs));
}

void ProxyPutKeeper::cancel()
{
    if (!m_end.isActive() && !m_refresh.isActive())
        return;
    m_refresh.stop();
    m_end.stop();
    post(false);
}

void ProxyPutKeeper::post(bool permanent)
{
    QJsonObject o = QJsonDocument::fromJson(m_value).object();
    if (permanent)
        o.insert(QStringLiteral("permanent"), true);
    auto* call = new HttpCall(m_nam, m_request, "POST", QJsonDocument(o).toJson(QJsonDocument::Compact),
                              m_limits, this);
    connect(call, &HttpCall::finished, this, [this, call, permanent] {
        call->deleteLater();
        if (call->error() != HttpCall::Error::None)
            emit problem(call->errorString());
        if (!permanent)
            emit done();
    });
    call->start();
}
