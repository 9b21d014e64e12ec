#pragma once

#include "CallOutcome.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

// One HTTP exchange with a gateway, with every way it can end accounted for: the reply is read
// under a size limit, an inactivity timeout and an overall deadline (a gateway that trickles a
// byte a second is still cut off), cancelling aborts it, and the QNetworkReply is always
// finished or aborted and then deleted. finished() is emitted exactly once, asynchronously.
// Shared by the classic and the proxy clients.
class HttpCall : public QObject
{
    Q_OBJECT
public:
    enum class Error
    {
        None,
        ConnectionRefused,
        HostNotFound,
        Timeout,
        TooLarge,
        HttpStatus,       // answered with a status that is not 2xx
        ClosedUnanswered, // the server closed the connection without a reply
        Network,
        Tls, // the TLS handshake failed
        Cancelled
    };

    struct Limits
    {
        int deadlineMs = 15000;   // the whole exchange
        int inactivityMs = 10000; // no byte for this long
        qint64 maxBodyBytes = 4 * 1024 * 1024;
    };

    HttpCall(QNetworkAccessManager* nam, const QNetworkRequest& request, const QByteArray& verb,
             const QByteArray& body, const Limits& limits, QObject* parent = nullptr);
    ~HttpCall() override;

    // When streaming, body bytes are handed out by received() as they come and not kept.
    void setStreaming(bool streaming) { m_streaming = streaming; }
    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    Error error() const { return m_error; }
    CallOutcome outcome() const { return outcomeOf(m_error); }
    static CallOutcome outcomeOf(Error error);
    QString errorString() const { return m_errorString; }
    int httpStatus() const { return m_httpStatus; }
    const QByteArray& body() const { return m_body; }
    qint64 elapsedMs() const { return m_elapsed.elapsed(); }
    // The round trip to the reply's headers, in ms, once they are in: from start(), or from
    // when the request was written out when a new connection had to be set up first (a
    // latency sample counts neither the connecting nor the reading of the body).
    std::optional<double> headersMs() const { return m_headersMs; }
    QString server() const; // "host:port", as errors name it

    // How our requests introduce themselves: "OpenDHT-Browser/<version> (<application>)".
    static QByteArray userAgent(const QString& application);

signals:
    void received(const QByteArray& bytes);
    void finished();

private:
    void watchTiming();
    void onReadyRead();
    void onFinished();
    void fail(Error error, const QString& message);
    void finish();

    QNetworkAccessManager* m_nam;
    QNetworkRequest m_request;
    QByteArray m_verb;
    QByteArray m_body; // request body until sent, then the reply body
    Limits m_limits;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    QElapsedTimer m_elapsed;
    QElapsedTimer m_roundTrip; // see headersMs()
    std::optional<double> m_headersMs;
    bool m_newConnection = false;
    qint64 m_received = 0;
    bool m_streaming = false;
    bool m_finished = false;
    Error m_error = Error::None;
    QString m_errorString;
    int m_httpStatus = 0;
};
