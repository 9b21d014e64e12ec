#pragma once

#include "ClassicService.h"

#include <QObject>
#include <QTimer>

class QHostAddress;
class QTcpSocket;

// One client connection of the gateway, speaking just enough HTTP/1.x for the classic
// protocol: POST (any path) carries an XML-RPC call, GET (any path) answers the gateway's
// status as JSON, anything else is closed unanswered as the original did. HTTP/1.1 keeps the
// connection alive unless asked not to; HTTP/1.0 closes after one answer unless asked to keep
// it. Requests are bounded in size and in the time they may take to arrive.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype maxRequestBytes = 64 * 1024;
    static constexpr qsizetype maxUnsentBytes = 256 * 1024;

    using StatusProvider = std::function<QByteArray()>;
    HttpConnection(QTcpSocket* socket, ClassicService* service, StatusProvider status, QObject* parent);

    // Whose share a peer's calls and connections count against: the IPv4 address, or the
    // IPv6 /64.
    static quint32 accountOf(const QHostAddress& peer);

signals:
    void closed();

private:
    struct Request
    {
        QByteArray method;
        bool http11 = false;
        bool keepAlive = false;
        qsizetype contentLength = -1;
        QByteArray userAgent;
        qsizetype headerBytes = 0;
    };

    void onReadyRead();
    void processBuffer();
    bool parseHead(Request& req, qsizetype headEnd, qsizetype separatorBytes);
    void dispatch(const Request& req, const QByteArray& body);
    void respond(const Request& req, const QByteArray& contentType, const QByteArray& body);
    void closeNow();

    QTcpSocket* m_socket;
    ClassicService* m_service;
    StatusProvider m_status;
    QByteArray m_buffer;
    bool m_busy = false; // a call is being served; further requests wait in the buffer
    bool m_closing = false;
    QTimer m_deadline; // idle time, or the time a started request may take to arrive
    ClientInfo m_client;
};
