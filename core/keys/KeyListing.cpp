#include "KeyListing.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

KeyListing::KeyListing(QNetworkAccessManager* nam, const QUrl& gateway, const HttpCall::Limits& limits,
                       QObject* parent)
    : QObject(parent)
    , m_nam(nam)
    , m_gateway(gateway)
    , m_limits(limits)
{
}

void KeyListing::start()
{
    if (m_paused)
        m_pageDue = true;
    else
        requestPage();
}

void KeyListing::pause()
{
    m_paused = true;
}

void KeyListing::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    if (m_pageDue && !m_finished) {
        m_pageDue = false;
        requestPage();
    }
}

void KeyListing::cancel()
{
    fail(Failure::Cancelled, tr("cancelled"));
}

void KeyListing::requestPage()
{
    QUrl url = m_gateway;
    url.setPath(QStringLiteral("/keys"));
    QUrlQuery query;
    int limit = m_pageSize;
    if (m_maxKeys > 0)
        limit = int(std::min<qint64>(limit, m_maxKeys - m_listed));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!m_cursor20.isEmpty())
        query.addQueryItem(QStringLiteral("cursor"), QString::fromLatin1(m_cursor20.toHex()));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, HttpCall::userAgent(QStringLiteral("keys")));
    m_call = new HttpCall(m_nam, request, "GET", {}, m_limits, this);
    connect(m_call, &HttpCall::finished, this, &KeyListing::onPage);
    m_call->start();
}

void KeyListing::onPage()
{
    HttpCall* call = m_call;
    m_call = nullptr;
    if (!call || m_finished)
        return;
    call->deleteLater();
    if (call->error() == HttpCall::Error::HttpStatus) {
        const QString why =
            QJsonDocument::fromJson(call->body()).object().value(QLatin1String("err")).toString();
        if (call->httpStatus() == 403)
            return fail(
                Failure::Refused,
                tr("%1 does not list its keys to this client: %2").arg(call->server(), why.left(300)));
        return fail(Failure::CannotList,
                    tr("%1 cannot list the keys it stores (it answered HTTP %2): only an "
                       "opendht-gateway lists them")
                        .arg(call->server())
                        .arg(call->httpStatus()));
    }
    if (call->error() != HttpCall::Error::None)
        return fail(Failure::Network, call->errorString());
    const StoredKeyPage page = StoredKeyPage::parse(call->body());
    if (page.outcome == StoredKeyPage::Outcome::NoListing)
        return fail(Failure::CannotList,
                    tr("%1 cannot list the keys it stores (it answered with no listing, as "
                       "an OpenDHT proxy does): only an opendht-gateway lists them")
                        .arg(call->server()));
    if (page.outcome == StoredKeyPage::Outcome::Malformed)
        return fail(Failure::Malformed, tr("%1 sent a broken listing: %2").arg(call->server(), page.problem));
    // The cursor must move forward, or a broken server would keep us paging for ever.
    if (!page.next20.isEmpty() && (page.keys.isEmpty() || page.next20 <= m_cursor20))
        return fail(Failure::Malformed, tr("%1 sent a listing that does not move on").arg(call->server()));
    m_listed += page.keys.size();
    m_total = page.total;
    m_cursor20 = page.next20;
    emit keysArrived(page.keys);
    if (m_finished) // cancelled by a receiver
        return;
    emit progress(m_listed, std::max(m_total, m_listed));
    if (m_cursor20.isEmpty() || (m_maxKeys > 0 && m_listed >= m_maxKeys))
        return finish();
    if (m_paused)
        m_pageDue = true;
    else
        requestPage();
}

void KeyListing::fail(Failure failure, const QString& message)
{
    if (m_finished)
        return;
    m_failure = failure;
    m_errorString = message;
    finish();
}

void KeyListing::finish()
{
    m_finished = true;
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
        m_call->deleteLater();
        m_call = nullptr;
    }
    // Queued, as HttpCall's: a caller may connect after start(), and never re-enters itself.
    QMetaObject::invokeMethod(this, &KeyListing::finished, Qt::QueuedConnection);
}
