#include "HttpCall.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

HttpCall::HttpCall(QNetworkAccessManager* nam, const QNetworkRequest& request, const QByteArray& verb,
                   const QByteArray& body, const Limits& limits, QObject* parent)
    : QObject(parent)
    , m_nam(nam)
    , m_request(request)
    , m_verb(verb)
    , m_body(body)
    , m_limits(limits)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(Error::Timeout,
             tr("%1 did not answer within %2 s").arg(server()).arg(m_limits.deadlineMs / 1000.0));
    });
}

HttpCall::~HttpCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QByteArray HttpCall::userAgent(const QString& application)
{
    return QByteArray("OpenDHT-Browser/" ODB_VERSION " (") + application.toUtf8() + ')';
}

QString HttpCall::server() const
{
    const QUrl url = m_request.url();
    return url.host() + u':' + QString::number(url.port(url.scheme() == u"https" ? 443 : 80));
}

void HttpCall::start()
{
    m_elapsed.start();
    QNetworkRequest request = m_request;
    request.setTransferTimeout(m_limits.inactivityMs);
    // A gateway has no business redirecting a call elsewhere: a redirect is an answer to report.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    m_reply = m_nam->sendCustomRequest(request, m_verb, m_body);
    m_body.clear();
    watchTiming();
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpCall::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpCall::onFinished);
    m_deadline.start(m_limits.deadlineMs);
}

// Not from requestSent() always: it reaches us through the event loop, and when the loop is late
// it would make the round trip look shorter than it is (down to nothing). Only when a connection
// had to be set up does the clock start again once the request is written out.
void HttpCall::watchTiming()
{
    m_roundTrip.start();
    m_headersMs.reset();
    m_newConnection = false;
    connect(m_reply, &QNetworkReply::socketStartedConnecting, this, [this] { m_newConnection = true; });
    connect(m_reply, &QNetworkReply::requestSent, this, [this] {
        if (m_newConnection)
            m_roundTrip.start();
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        if (!m_headersMs)
            m_headersMs = double(m_roundTrip.nsecsElapsed()) / 1e6;
    });
}

CallOutcome HttpCall::outcomeOf(Error error)
{
    switch (error) {
    case Error::None:
        return CallOutcome::Ok;
    case Error::ConnectionRefused:
        return CallOutcome::Refused;
    case Error::HostNotFound:
        return CallOutcome::HostNotFound;
    case Error::Timeout:
        return CallOutcome::Timeout;
    case Error::TooLarge:
        return CallOutcome::TooLarge;
    case Error::HttpStatus:
        return CallOutcome::HttpStatus;
    case Error::ClosedUnanswered:
        return CallOutcome::Closed;
    case Error::Network:
        return CallOutcome::Network;
    case Error::Tls:
        return CallOutcome::Tls;
    case Error::Cancelled:
        return CallOutcome::Cancelled;
    }
    return CallOutcome::Network;
}

void HttpCall::cancel()
{
    fail(Error::Cancelled, tr("cancelled"));
}

void HttpCall::onReadyRead()
{
    if (m_finished || !m_reply || !m_reply->isOpen()) // Qt's transfer timeout closes it
        return;
    if (m_httpStatus == 0)
        m_httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray bytes = m_reply->readAll();
    m_received += bytes.size();
    if (!m_streaming && m_received > m_limits.maxBodyBytes) {
        fail(Error::TooLarge,
             tr("%1 sent a reply of more than %2 bytes").arg(server()).arg(m_limits.maxBodyBytes));
        return;
    }
    if (m_streaming)
        emit received(bytes);
    else
        m_body += bytes;
}

void HttpCall::onFinished()
{
    if (m_finished || !m_reply)
        return;
    onReadyRead();
    if (m_finished)
        return;
    m_httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto err = m_reply->error();
    const QString who = server();
    switch (err) {
    case QNetworkReply::NoError:
        break;
    case QNetworkReply::ConnectionRefusedError:
        return fail(Error::ConnectionRefused, tr("%1 refused the connection").arg(who));
    case QNetworkReply::HostNotFoundError:
        return fail(Error::HostNotFound, tr("the host of %1 was not found").arg(who));
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts this way
        return fail(Error::Timeout,
                    tr("%1 sent nothing for %2 s").arg(who).arg(m_limits.inactivityMs / 1000.0));
    case QNetworkReply::SslHandshakeFailedError:
        return fail(Error::Tls, tr("the TLS handshake with %1 failed: %2").arg(who, m_reply->errorString()));
    case QNetworkReply::RemoteHostClosedError:
        if (m_httpStatus == 0)
            return fail(Error::ClosedUnanswered, tr("%1 closed the connection without answering").arg(who));
        return fail(Error::Network, tr("%1 closed the connection in the middle of its reply").arg(who));
    default:
        if (m_httpStatus == 0)
            return fail(Error::Network,
                        tr("network error talking to %1: %2").arg(who, m_reply->errorString()));
        break;
    }
    if (m_httpStatus < 200 || m_httpStatus > 299) {
        return fail(
            Error::HttpStatus,
            tr("%1 answered HTTP %2 %3")
                .arg(who)
                .arg(m_httpStatus)
                .arg(m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().left(80)));
    }
    finish();
}

void HttpCall::fail(Error error, const QString& message)
{
    if (m_finished)
        return;
    m_error = error;
    m_errorString = message;
    if (error != Error::HttpStatus) // an error status's body may say why; keep it
        m_body.clear();
    finish();
}

void HttpCall::finish()
{
    m_finished = true;
    m_deadline.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        if (m_reply->isRunning())
            m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    // Always asynchronous, so a caller can connect after start() and never re-enters itself.
    QMetaObject::invokeMethod(this, &HttpCall::finished, Qt::QueuedConnection);
}
