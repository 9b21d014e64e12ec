#pragma once

#include "ClassicService.h"
#include "ProxyRoute.h"

#include <QObject>
#include <QTimer>

class ProxyRestService;
class QHostAddress;
class QTcpSocket;

// One client connection of the gateway, speaking just enough HTTP/1.x for both services: the
// proxy REST routes (ProxyRoute) go to the ProxyRestService; otherwise POST (any path) carries
// an XML-RPC call, GET (any path) answers the gateway's status as JSON, and anything else is
// closed unanswered as the original did. HTTP/1.1 keeps the connection alive unless asked not
// to; HTTP/1.0 closes after one answer unless asked to keep it. Requests are bounded in size
// and in the time they may take to arrive.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype maxRequestBytes = 64 * 1024;
    static constexpr qsizetype maxUnsentBytes = 256 * 1024;

    using StatusProvider = std::function<QByteArray(const ClientInfo&)>;
    HttpConnection(QTcpSocket* socket, ClassicService* service, ProxyRestService* rest, StatusProvider status,
                   QObject* parent);

    // Answers to the REST request being served (ProxyRestService): a whole JSON answer, or a
    // stream of chunks (GET /key, listen) that endStream() finishes.
    void answer(int status, const QByteArray& body, QByteArrayView extraHeaders = {});
    void beginStream();
    // False when the connection is gone or the client reads too slowly to keep up (closed then).
    // A view: a chunk of a whole key's answer is written from the answer itself, not copied.
    bool writeChunk(QByteArrayView data, qsizetype backlogLimit);
    void endStream();
    // No deadline while a listen streams: it lasts until the client closes.
    void holdOpen() { m_deadline.stop(); }

    // Whose share a peer's calls and connections count against: the IPv4 address, or the
    // IPv6 /64.
    static quint32 accountOf(const QHostAddress& peer);

signals:
    void closed();

private:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        bool chunked = false; // Transfer-Encoding: not taken
        bool http11 = false;
        bool keepAlive = false;
        qsizetype contentLength = -1;
        QByteArray userAgent;
        qsizetype headerBytes = 0;
    };

    void onReadyRead();
    void processBuffer();
    bool parseHead(Request& req, qsizetype headEnd, qsizetype separatorBytes);
    bool processClassic(const Request& req);
    bool processRest(const Request& req, const ProxyRoute& route);
    void dispatch(const Request& req, const QByteArray& body);
    void respond(const Request& req, const QByteArray& contentType, const QByteArray& body);
    QByteArray head(int status, const QByteArray& server, bool keepAlive) const;
    void finishRequest(bool keepAlive);
    void closeNow();

    QTcpSocket* m_socket;
    ClassicService* m_service;
    ProxyRestService* m_rest;
    StatusProvider m_status;
    Request m_current; // the REST request being answered
    bool m_streamChunked = false;
    QByteArray m_buffer;
    bool m_busy = false; // a call is being served; further requests wait in the buffer
    bool m_closing = false;
    QTimer m_deadline; // idle time, or the time a started request may take to arrive
    ClientInfo m_client;
};
