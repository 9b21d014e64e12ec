#include "HttpConnection.h"

#include "ProxyRestService.h"

#include <QDateTime>
#include <QHostAddress>
#include <QLocale>
#include <QPointer>
#include <QTcpSocket>

namespace {

constexpr auto idleTimeout = std::chrono::seconds(60);
// From a request's first byte to its last: slow senders must not hold connections for long.
constexpr auto requestTimeout = std::chrono::seconds(10);
constexpr auto callTimeout = std::chrono::seconds(30);

QByteArray httpDate()
{
    // One formatting per second at most: this runs for every response.
    static qint64 cachedSecond = -1;
    static QByteArray cached;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (now.toSecsSinceEpoch() != cachedSecond) {
        cachedSecond = now.toSecsSinceEpoch();
        cached = QLocale::c().toString(now, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
    }
    return cached;
}

QByteArray headerValue(const QList<QByteArray>& lines, QByteArrayView name)
{
    for (const QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && QByteArrayView(line).first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray reasonOf(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

// An XML-RPC call on the legacy /{key} path of a put (no classic client uses such a path, but
// a POST with an XML body is a call wherever it goes).
bool looksLikeXml(const QByteArray& body)
{
    return body.trimmed().startsWith('<');
}

} // namespace

quint32 HttpConnection::accountOf(const QHostAddress& peer)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        return v4;
    // IPv6 clients are told apart by their /64: one host holds a whole prefix.
    const Q_IPV6ADDR v6 = peer.toIPv6Address();
    return quint32(qHash(QByteArrayView(reinterpret_cast<const char*>(v6.c), 8)));
}

HttpConnection::HttpConnection(QTcpSocket* socket, ClassicService* service, ProxyRestService* rest,
                               StatusProvider status, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_service(service)
    , m_rest(rest)
    , m_status(std::move(status))
{
    socket->setParent(this);
    const QHostAddress peer = socket->peerAddress();
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    m_client.ipv4 = isV4 ? v4 : 0;
    m_client.account = accountOf(peer);
    m_client.address = isV4 ? QHostAddress(v4).toString() : peer.toString();
    m_client.port = socket->peerPort();
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &HttpConnection::closeNow);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::closeNow);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        if (!m_busy && m_socket->bytesToWrite() <= maxUnsentBytes)
            processBuffer();
    });
    m_deadline.start(idleTimeout);
    onReadyRead();
}

void HttpConnection::closeNow()
{
    if (m_closing)
        return;
    m_closing = true;
    m_deadline.stop();
    emit closed();
    // The socket belongs to this object: it must outlive the reply bytes still queued, so the
    // object goes only once the socket has flushed and closed (or after a grace period).
    connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        deleteLater();
    else
        QTimer::singleShot(std::chrono::seconds(10), this, &QObject::deleteLater);
}

void HttpConnection::onReadyRead()
{
    if (m_closing)
        return;
    const bool starting = m_buffer.isEmpty() && !m_busy;
    m_buffer += m_socket->readAll();
    if (starting && !m_buffer.isEmpty())
        m_deadline.start(requestTimeout);
    // The request being read must fit the limit; a pipelined backlog is bounded the same way.
    if (m_buffer.size() > maxRequestBytes)
        return closeNow();
    if (!m_busy)
        processBuffer();
}

void HttpConnection::processBuffer()
{
    while (!m_busy && !m_closing && !m_buffer.isEmpty()) {
        // A client that sends requests without reading the replies must not grow our write
        // buffer without bound: read on once it has taken what was written.
        if (m_socket->bytesToWrite() > maxUnsentBytes)
            return;
        qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        qsizetype separator = 4;
        const qsizetype lfEnd = m_buffer.indexOf("\n\n");
        if (lfEnd >= 0 && (headEnd < 0 || lfEnd < headEnd)) {
            headEnd = lfEnd;
            separator = 2;
        }
        if (headEnd < 0)
            return; // wait for the rest of the head
        Request req;
        if (!parseHead(req, headEnd, separator))
            return closeNow();
        const ProxyRoute route = ProxyRoute::parse(req.method, req.target);
        if (!(route.kind == ProxyRoute::Kind::Classic ? processClassic(req) : processRest(req, route)))
            return;
    }
}

// False: wait for more bytes (or the connection was closed).
bool HttpConnection::processClassic(const Request& req)
{
    const qsizetype bodyBytes = std::max<qsizetype>(req.contentLength, 0);
    if (req.method == "GET") {
        if (req.headerBytes + bodyBytes > maxRequestBytes)
            return closeNow(), false;
        if (m_buffer.size() < req.headerBytes + bodyBytes)
            return false; // a GET with a body: skip it whole
        m_buffer.remove(0, req.headerBytes + bodyBytes);
        respond(req, "application/json", m_status(m_client));
        return true;
    }
    if (req.method != "POST" || req.contentLength < 0 ||
        req.headerBytes + req.contentLength > maxRequestBytes)
        return closeNow(), false; // what the original did: no answer at all
    if (m_buffer.size() < req.headerBytes + req.contentLength)
        return false; // wait for the body
    const QByteArray body = m_buffer.mid(req.headerBytes, req.contentLength);
    m_buffer.remove(0, req.headerBytes + req.contentLength);
    dispatch(req, body);
    return true;
}

bool HttpConnection::processRest(const Request& req, const ProxyRoute& route)
{
    // No Content-Length: no body (bodies in chunks are not taken).
    const qsizetype bodyBytes = std::max<qsizetype>(req.contentLength, 0);
    if (req.chunked || req.headerBytes + bodyBytes > maxRequestBytes)
        return closeNow(), false;
    if (m_buffer.size() < req.headerBytes + bodyBytes)
        return false;
    const QByteArray body = m_buffer.mid(req.headerBytes, bodyBytes);
    m_buffer.remove(0, req.headerBytes + bodyBytes);
    if (route.legacy && route.kind == ProxyRoute::Kind::Put && looksLikeXml(body)) {
        if (req.contentLength < 0)
            return closeNow(), false;
        dispatch(req, body);
        return true;
    }
    m_busy = true;
    m_current = req;
    m_deadline.start(callTimeout);
    m_rest->handle(route, body, m_client, this);
    return true;
}

bool HttpConnection::parseHead(Request& req, qsizetype headEnd, qsizetype separatorBytes)
{
    req.headerBytes = headEnd + separatorBytes;
    QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    for (QByteArray& l : lines) {
        if (l.endsWith('\r'))
            l.chop(1);
    }
    const QList<QByteArray> requestLine = lines.takeFirst().split(' ');
    if (requestLine.isEmpty())
        return false;
    req.method = requestLine.first();
    req.target = requestLine.size() >= 2 ? requestLine[1] : QByteArray("/");
    const QByteArray version = requestLine.size() >= 3 ? requestLine.last() : QByteArray("HTTP/1.0");
    req.http11 = version == "HTTP/1.1";
    const QByteArray connection = headerValue(lines, "Connection").toLower();
    req.keepAlive = req.http11 ? connection != "close" : connection == "keep-alive";
    const QByteArray length = headerValue(lines, "Content-Length");
    if (!length.isEmpty()) {
        bool ok = false;
        req.contentLength = length.toLongLong(&ok);
        // Refused here, before any sum: headerBytes + a length near 2^63 would overflow and
        // pass every later size check (one request once served over and over).
        if (!ok || req.contentLength < 0 || req.contentLength > maxRequestBytes)
            return false;
    }
    req.userAgent = headerValue(lines, "User-Agent");
    req.chunked = !headerValue(lines, "Transfer-Encoding").isEmpty();
    return true;
}

void HttpConnection::dispatch(const Request& req, const QByteArray& body)
{
    m_busy = true;
    m_deadline.start(callTimeout); // a call the DHT never answers must not hold the connection
    m_client.userAgent = QString::fromUtf8(req.userAgent);
    QPointer<HttpConnection> self(this);
    m_service->handle(body, m_client, [self, req](ClassicService::Reply reply) {
        if (!self || self->m_closing)
            return;
        self->m_busy = false;
        if (reply.close)
            return self->closeNow();
        self->respond(req, "text/xml", reply.body);
        // The next pipelined request waits for the event loop: an answer may come from deep
        // inside the service, which must not be re-entered from here.
        if (!self->m_closing)
            QMetaObject::invokeMethod(self, &HttpConnection::processBuffer, Qt::QueuedConnection);
    });
}

void HttpConnection::respond(const Request& req, const QByteArray& contentType, const QByteArray& body)
{
    QByteArray head;
    head.reserve(200);
    head += req.http11 ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.0 200 OK\r\n";
    head += "Date: " + httpDate() + "\r\n";
    head += "Server: bamboo\r\n";
    head += req.keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    head += "Content-Type: " + contentType + "\r\n";
    // The status document is also a proxy client's node info, which web pages read.
    if (contentType == "application/json")
        head += "Access-Control-Allow-Origin: *\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    m_socket->write(head + body);
    if (!req.keepAlive)
        return closeNow();
    m_deadline.start(idleTimeout);
}

QByteArray HttpConnection::head(int status, const QByteArray& server, bool keepAlive) const
{
    QByteArray head;
    head.reserve(256);
    head += m_current.http11 ? "HTTP/1.1 " : "HTTP/1.0 ";
    head += QByteArray::number(status) + ' ' + reasonOf(status) + "\r\n";
    head += "Date: " + httpDate() + "\r\n";
    head += "Server: " + server + "\r\n";
    head += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    // As the proxy answers every request: JSON, readable from any web page.
    head += "Content-Type: application/json\r\nAccess-Control-Allow-Origin: *\r\n";
    return head;
}

void HttpConnection::answer(int status, const QByteArray& body, QByteArrayView extraHeaders)
{
    if (m_closing)
        return;
    QByteArray out = head(status, "opendht-gateway", m_current.keepAlive);
    out += extraHeaders;
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    out += body;
    m_socket->write(out);
    finishRequest(m_current.keepAlive);
}

void HttpConnection::beginStream()
{
    if (m_closing)
        return;
    // HTTP/1.0 has no chunks: the end of the stream is the end of the connection.
    m_streamChunked = m_current.http11;
    QByteArray out = head(200, "opendht-gateway", m_streamChunked && m_current.keepAlive);
    out += m_streamChunked ? "Transfer-Encoding: chunked\r\n\r\n" : "\r\n";
    m_socket->write(out);
}

bool HttpConnection::writeChunk(QByteArrayView data, qsizetype backlogLimit)
{
    if (m_closing)
        return false;
    if (m_socket->bytesToWrite() > backlogLimit) {
        closeNow(); // a listener that does not read would make us hold its notices without end
        return false;
    }
    if (data.isEmpty())
        return true; // an empty chunk would end the stream
    // Written piece by piece into the socket's buffer: one concatenation would copy the data
    // twice more, and QStringBuilder copies a QByteArray byte by byte (a third of the CPU of a
    // GET /key of 10 000 values).
    if (m_streamChunked) {
        const QByteArray size = QByteArray::number(data.size(), 16) + "\r\n";
        m_socket->write(size);
    }
    m_socket->write(data.data(), data.size());
    if (m_streamChunked)
        m_socket->write("\r\n", 2);
    return true;
}

void HttpConnection::endStream()
{
    if (m_closing)
        return;
    if (m_streamChunked)
        m_socket->write("0\r\n\r\n");
    finishRequest(m_streamChunked && m_current.keepAlive);
}

void HttpConnection::finishRequest(bool keepAlive)
{
    m_busy = false;
    if (!keepAlive)
        return closeNow();
    m_deadline.start(idleTimeout);
    // The next pipelined request waits for the event loop (answers may come from deep inside
    // a service, which must not be re-entered from here).
    QMetaObject::invokeMethod(this, &HttpConnection::processBuffer, Qt::QueuedConnection);
}
