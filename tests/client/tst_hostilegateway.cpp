// ClassicClient against the TEST-ONLY HostileServer: everything no real gateway produces.
// Each behaviour must end in its own specific error, within the client's deadline, with memory
// bounded and no crash.
#include "support/TestSupport.h"

#include "hostile/HostileServer.h"

#include <QElapsedTimer>
#include <QRegularExpression>

using Kind = GatewayError::Kind;
using H = HostileServer;
using testsupport::procStatusKb;

namespace {

constexpr int deadlineMs = 2000;   // the client's overall deadline in these tests
constexpr int inactivityMs = 1500; // longer than the trickle's tick, shorter than the deadline
constexpr int marginMs = 1000;     // what "within the deadline" allows for a loaded machine
constexpr qint64 memoryCeilingKb = 200 * 1024;
constexpr qint64 hugeBodyBytes = 100LL * 1024 * 1024;

QByteArray ok(const QByteArray& body)
{
    return H::httpOk(body);
}

QByteArray value(const QByteArray& inner)
{
    return H::response("<value>" + inner + "</value>");
}

} // namespace

class TestHostileGateway : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

    void configure(ClassicClient& client, const QUrl& url)
    {
        client.setGateway(url);
        client.options().limits.deadlineMs = deadlineMs;
        client.options().limits.inactivityMs = inactivityMs;
        client.options().tryAgainDelayMs = 50;
    }

    static ClassicReply* call(ClassicClient& client, const QString& what)
    {
        const DhtKey k = DhtKey::parse(QStringLiteral("hostile"), DhtKey::Mode::Text);
        if (what == u"put")
            return client.put(k, QByteArrayLiteral("v"), 60);
        if (what == u"get")
            return client.get(k, 10);
        if (what == u"details")
            return client.getDetails(k, 10);
        if (what == u"fetchAll")
            return client.fetchAll(k);
        return client.ping();
    }

private slots:
    void initTestCase()
    {
        const qint64 hwm = procStatusKb("VmHWM");
        QVERIFY2(hwm > 0 && hwm < memoryCeilingKb / 2, "the test must start far below its memory ceiling");
    }

    void behaviour_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<HostileServer::Act>("act");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QStringList>("mustSay");
        const QString put = QStringLiteral("put"), get = QStringLiteral("get"), ping = QStringLiteral("ping");
        const auto says = [](std::initializer_list<const char*> parts) {
            QStringList out;
            for (const char* p : parts)
                out << QString::fromUtf8(p);
            return out;
        };
        const QByteArray pageStart = "<array><data>"; // value() adds the outer <value>

        // Not XML-RPC at all. (Qt's HTTP reader drops a reply without an HTTP status line and reports
        // the close, so garbage in place of HTTP looks like a connection closed unanswered.)
        QTest::newRow("garbage instead of HTTP")
            << put << H::send(QByteArray("\x00\x01\x02 this is not HTTP \xff\xfe\r\n\r\n", 27))
            << Kind::ClosedUnanswered << says({"closed the connection"});
        QTest::newRow("garbage body") << put << H::send(ok(QByteArray("\x00garbage\xff<<<", 13)))
                                      << Kind::MalformedReply << says({"line 1", "column"});
        QTest::newRow("empty body") << put << H::send(ok({})) << Kind::MalformedReply << says({"empty"});
        QTest::newRow("truncated XML") << put << H::send(ok(H::statusResponse(0).left(60)))
                                       << Kind::MalformedReply << says({"line 1", "column"});
        QTest::newRow("HTML instead of XML-RPC") << put << H::send(ok("<html><body>It works!</body></html>"))
                                                 << Kind::MalformedReply << says({"<html>"});
        QTest::newRow("a methodResponse without a value")
            << put << H::send(ok("<methodResponse><params></params></methodResponse>"))
            << Kind::MalformedReply << says({"no value"});
        QTest::newRow("two result values")
            << put
            << H::send(ok("<methodResponse><params><param><value><int>0</int></value></param><param><value>"
                          "<int>0</int></value></param></params></methodResponse>"))
            << Kind::MalformedReply << says({"more than one"});
        QTest::newRow("a value outside param and fault")
            << put << H::send(ok("<methodResponse><value><int>0</int></value></methodResponse>"))
            << Kind::MalformedReply << says({"outside"});

        // Well-formed XML-RPC, wrong types.
        QTest::newRow("status that is a string")
            << put << H::send(ok(value("<string>0</string>"))) << Kind::MalformedReply
            << says({"put", "a string", "not an int"});
        QTest::newRow("status that is an untyped value")
            << put << H::send(ok(value("0"))) << Kind::MalformedReply << says({"a string", "not an int"});
        QTest::newRow("an array where the status int is expected")
            << put << H::send(ok(value("<array><data><value><int>0</int></value></data></array>")))
            << Kind::MalformedReply << says({"an array", "not an int"});
        QTest::newRow("an int that is no number")
            << put << H::send(ok(value("<int>zero</int>"))) << Kind::MalformedReply
            << says({"not a 32-bit integer", "line"});
        QTest::newRow("an int beyond 32 bits") << put << H::send(ok(value("<int>4294967296</int>")))
                                               << Kind::MalformedReply << says({"not a 32-bit integer"});
        QTest::newRow("unknown status 7")
            << put << H::send(ok(H::statusResponse(7))) << Kind::MalformedReply << says({"unknown status 7"});
        QTest::newRow("ping answered with an int") << ping << H::send(ok(value("<int>1</int>")))
                                                   << Kind::MalformedReply << says({"ping", "not a string"});
        QTest::newRow("get: a page that is an int")
            << get << H::send(ok(value("<int>0</int>"))) << Kind::MalformedReply
            << says({"not [values, placemark]"});
        QTest::newRow("get: the values are an int")
            << get
            << H::send(
                   ok(value("<array><data><value><int>3</int></value><value><base64></base64></value></data>"
                            "</array>")))
            << Kind::MalformedReply << says({"the values are an int"});
        QTest::newRow("get: the placemark is a string")
            << get
            << H::send(
                   ok(value("<array><data><value><array><data></data></array></value><value>pm</value></data>"
                            "</array>")))
            << Kind::MalformedReply << says({"placemark is a string"});
        QTest::newRow("get: value 1 is an int")
            << get
            << H::send(ok(value(pageStart +
                                "<value><array><data><value><base64>YQ==</base64></value><value><int>"
                                "5</int></value></data></array></value><value><base64></base64></value>"
                                "</data></array>")))
            << Kind::MalformedReply << says({"value 1 is an int"});
        QTest::newRow("details: a tuple of 3 fields")
            << QStringLiteral("details")
            << H::send(
                   ok(value(pageStart + "<value><array><data><value><array><data><value><base64>YQ==</base64>"
                                        "</value><value><int>5</int></value><value>SHA</value></data></array>"
                                        "</value></data></array></value><value><base64></base64></value>"
                                        "</data></array>")))
            << Kind::MalformedReply << says({"value 0 is an array of 3"});
        QTest::newRow("bad base64") << get
                                    << H::send(ok(value(pageStart +
                                                        "<value><array><data><value><base64>@@@@</base64>"
                                                        "</value></data></array></value><value><base64>"
                                                        "</base64></value></data></array>")))
                                    << Kind::MalformedReply << says({"bad base64"});
        QTest::newRow("a fault that is not a struct")
            << put
            << H::send(ok("<methodResponse><fault><value><int>0</int></value></fault></methodResponse>"))
            << Kind::MalformedReply << says({"fault that is not a struct"});

        // Answers a real gateway could give in principle, but ours cannot be made to.
        QTest::newRow("a fault") << put
                                 << H::send(ok(H::faultResponse(
                                        QStringLiteral("java.lang.Exception: key is longer than 20 bytes"))))
                                 << Kind::Fault << says({"refused the call: key is longer than 20 bytes"});
        QTest::newRow("a fault that is no reason (a crash in the handler)")
            << put
            << H::send(ok(H::faultResponse(QStringLiteral("java.lang.reflect.InvocationTargetException"))))
            << Kind::Fault << says({"refused the call: java.lang.reflect.InvocationTargetException"});
        QTest::newRow("HTTP 500") << put
                                  << H::send(
                                         H::httpHead(500, "Internal Server Error", "Content-Length: 0\r\n"))
                                  << Kind::HttpStatus << says({"HTTP 500"});
        QTest::newRow("HTTP 302 (not followed)")
            << put
            << H::send(H::httpHead(302, "Found", "Location: http://127.0.0.1:1/\r\nContent-Length: 0\r\n"))
            << Kind::HttpStatus << says({"HTTP 302"});

        // Attacks on the reader.
        QTest::newRow("10 000-deep nesting") << put << H::send(ok(H::deepNesting(10000)))
                                             << Kind::MalformedReply << says({"nesting too deep"});
        QTest::newRow("entity bomb") << put << H::send(ok(H::entityBomb())) << Kind::MalformedReply
                                     << says({"DTDs and entities"});
        QTest::newRow("external entity")
            << put
            << H::send(
                   ok("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                      "<methodResponse><params><param><value>&x;</value></param></params></methodResponse>"))
            << Kind::MalformedReply << says({"DTDs and entities"});
        QTest::newRow("100 MB body") << put << H::stream(hugeBodyBytes) << Kind::ReplyTooLarge
                                     << says({"more than 4194304 bytes"});
        QTest::newRow("100 MB body, no Content-Length")
            << put << H::stream(hugeBodyBytes, false) << Kind::ReplyTooLarge
            << says({"more than 4194304 bytes"});

        // Connections that end badly.
        QTest::newRow("accepts and never answers")
            << put << H::neverAnswer() << Kind::Timeout << says({"sent nothing for 1.5 s"});
        QTest::newRow("trickles its body a byte a second")
            << put
            << H::trickle(H::httpHead(200, "OK", "Content-Length: 400\r\n"),
                          H::statusResponse(0).leftJustified(400))
            << Kind::Timeout << says({"did not answer within 2 s"});
        QTest::newRow("trickles everything a byte a second")
            << put << H::trickle({}, ok(H::statusResponse(0))) << Kind::Timeout << says({});
        QTest::newRow("closes right after reading the request")
            << put << H::closeAfterRequest() << Kind::ClosedUnanswered << says({"without answering"});
        QTest::newRow("closes on accept")
            << put << H::closeOnAccept() << Kind::ClosedUnanswered << says({"without answering"});
        QTest::newRow("closes in the middle of its body")
            << put
            << H::send(H::httpHead(200, "OK", "Content-Length: 1000\r\n") + H::statusResponse(0).left(50))
            << Kind::Network << says({"in the middle"});
    }

    void behaviour()
    {
        QFETCH(QString, call);
        QFETCH(HostileServer::Act, act);
        QFETCH(Kind, kind);
        QFETCH(QStringList, mustSay);
        HostileServer server;
        server.setAct(act);
        QVERIFY(server.listen());
        ClassicClient client(&m_nam);
        configure(client, server.url());

        QElapsedTimer elapsed;
        elapsed.start();
        ClassicReply* reply = this->call(client, call);
        QSignalSpy finished(reply, &ClassicReply::finished);
        QVERIFY(finished.wait(deadlineMs + marginMs + 2000));
        const qint64 ms = elapsed.elapsed();
        const QString message = reply->error().message;
        qInfo("%lld ms: %s", qlonglong(ms), qPrintable(message));

        QCOMPARE(reply->error().kind, kind);
        QVERIFY(!reply->error().isInputError());
        QVERIFY2(ms <= deadlineMs + marginMs, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
        QVERIFY2(message.contains(server.url().authority()), qPrintable(message)); // names the gateway
        for (const QString& s : mustSay)
            QVERIFY2(message.contains(s), qPrintable(message));
        QVERIFY(server.connections() >= 1);
        QVERIFY(reply->values().isEmpty());
        if (kind == Kind::Timeout) // (Qt's coarse timers may fire up to 5 % early)
            QVERIFY2(ms >= inactivityMs * 90 / 100, "a timeout before its time");
        if (act.kind == HostileServer::Act::Kind::Stream) // stopped reading long before the end
            QVERIFY2(server.bytesSent() < hugeBodyBytes / 4, qPrintable(QString::number(server.bytesSent())));
        const qint64 peakKb = procStatusKb("VmHWM");
        QVERIFY2(peakKb < memoryCeilingKb,
                 qPrintable(QStringLiteral("peak resident memory %1 KiB").arg(peakKb)));
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            HostileServer closed; // a free port, closed again: nothing listens there
            QVERIFY(closed.listen());
            port = closed.port();
        }
        ClassicClient client(&m_nam);
        configure(client, QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
        QElapsedTimer elapsed;
        elapsed.start();
        ClassicReply* reply = client.ping();
        QVERIFY(testsupport::waitFinished(reply, deadlineMs + marginMs));
        QCOMPARE(reply->error().kind, Kind::ConnectionRefused);
        QVERIFY2(reply->error().message.contains(QStringLiteral("127.0.0.1:%1 refused").arg(port)),
                 qPrintable(reply->error().message));
        QVERIFY(elapsed.elapsed() < deadlineMs);
    }

    void inactivityTimeout_printsNoWarning()
    {
        // With an inactivity timeout shorter than the deadline (the library's defaults: 10 s and 15 s),
        // a silent server ends the call through Qt's transfer timeout. That must stay quiet: a
        // warning from the library lands on the user's terminal (opendht-cli's stderr).
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".+")));
        HostileServer server;
        server.setAct(H::neverAnswer());
        QVERIFY(server.listen());
        ClassicClient client(&m_nam);
        configure(client, server.url());
        client.options().limits.inactivityMs = 500;
        ClassicReply* reply = client.ping();
        QVERIFY(testsupport::waitFinished(reply, deadlineMs + marginMs));
        QCOMPARE(reply->error().kind, Kind::Timeout);
        QVERIFY2(reply->error().message.contains(QStringLiteral("sent nothing for 0.5 s")),
                 qPrintable(reply->error().message));
    }

    void redirect_notFollowed()
    {
        HostileServer target; // where the redirect points: must never be contacted
        QVERIFY(target.listen());
        HostileServer server;
        server.setAct(
            H::send(H::httpHead(307, "Temporary Redirect",
                                "Location: " + target.url().toEncoded() + "\r\nContent-Length: 0\r\n")));
        QVERIFY(server.listen());
        ClassicClient client(&m_nam);
        configure(client, server.url());
        ClassicReply* reply = client.ping();
        QVERIFY(testsupport::waitFinished(reply, deadlineMs + marginMs));
        QCOMPARE(reply->error().kind, Kind::HttpStatus);
        QVERIFY2(reply->error().message.contains(QStringLiteral("HTTP 307")),
                 qPrintable(reply->error().message));
        QCOMPARE(server.requests(), 1);
        QCOMPARE(target.connections(), 0);
    }

    void tryAgain_retriedThenExhausted()
    {
        HostileServer server;
        server.setAct(H::send(ok(H::statusResponse(2))));
        QVERIFY(server.listen());
        ClassicClient client(&m_nam);
        configure(client, server.url());
        client.options().tryAgainAttempts = 3;
        ClassicReply* reply = call(client, QStringLiteral("put"));
        QVERIFY(testsupport::waitFinished(reply, 5000));
        QCOMPARE(reply->error().kind, Kind::TryAgainExhausted);
        QCOMPARE(reply->attempts(), 3);
        QCOMPARE(server.requests(), 3); // no more than the attempts allowed
        QVERIFY2(reply->error().message.contains(QStringLiteral("3 times")),
                 qPrintable(reply->error().message));
        QVERIFY2(reply->error().message.contains(server.url().authority()),
                 qPrintable(reply->error().message));
        // Backoff: 50 ms, then 100 ms, between the three attempts.
        QVERIFY(reply->elapsedMs() >= 150);
    }

    void tryAgain_thenSuccess()
    {
        HostileServer server;
        server.setActs({H::send(ok(H::statusResponse(2))), H::send(ok(H::statusResponse(2))),
                        H::send(ok(H::statusResponse(0)))});
        QVERIFY(server.listen());
        ClassicClient client(&m_nam);
        configure(client, server.url());
        ClassicReply* reply = call(client, QStringLiteral("put"));
        QVERIFY(testsupport::waitFinished(reply, 5000));
        QVERIFY2(reply->ok(), qPrintable(reply->error().message));
        QCOMPARE(reply->attempts(), 3);
        QCOMPARE(server.requests(), 3);
        // The retried request is the same call.
        QCOMPARE(server.receivedRequests().at(2).mid(server.receivedRequests().at(2).indexOf("<?xml")),
                 server.receivedRequests().at(0).mid(server.receivedRequests().at(0).indexOf("<?xml")));
    }

    void overCapacity_notRetried()
    {
        HostileServer server;
        server.setAct(H::send(ok(H::statusResponse(1))));
        QVERIFY(server.listen());
        ClassicClient client(&m_nam);
        configure(client, server.url());
        ClassicReply* reply = call(client, QStringLiteral("put"));
        QVERIFY(testsupport::waitFinished(reply, 5000));
        QCOMPARE(reply->error().kind, Kind::OverCapacity);
        QCOMPARE(server.requests(), 1);
    }

    void fetchAll_samePlacemarkTwice()
    {
        HostileServer server; // every page says "more after AAAA": a loop
        server.setAct(H::send(ok(H::pageResponse({QByteArrayLiteral("a")}, QByteArrayLiteral("AAAA")))));
        QVERIFY(server.listen());
        ClassicClient client(&m_nam);
        configure(client, server.url());
        ClassicReply* reply = call(client, QStringLiteral("fetchAll"));
        QVERIFY(testsupport::waitFinished(reply, 5000));
        QCOMPARE(reply->error().kind, Kind::PagingLoop);
        QCOMPARE(server.requests(), 2);
        QCOMPARE(reply->pages(), 2);
        QVERIFY2(reply->error().message.contains(QStringLiteral("same placemark twice")),
                 qPrintable(reply->error().message));
    }

    void fetchAll_tooManyPages()
    {
        HostileServer server; // a new placemark every time, forever
        QList<HostileServer::Act> acts;
        for (int i = 0; i < 12; ++i)
            acts << H::send(ok(H::pageResponse({QByteArray::number(i)}, QByteArray::number(i + 1000))));
        server.setActs(acts);
        QVERIFY(server.listen());
        ClassicClient client(&m_nam);
        configure(client, server.url());
        client.options().maxPages = 10;
        ClassicReply* reply = call(client, QStringLiteral("fetchAll"));
        QVERIFY(testsupport::waitFinished(reply, 5000));
        QCOMPARE(reply->error().kind, Kind::PagingLoop);
        QCOMPARE(server.requests(), 10);
        QCOMPARE(reply->values().size(), 10); // what came is kept
    }

    // Hardening issue, item 7: each page had its limits, the whole fetch none, so fresh
    // placemarks or a page every few seconds kept a fetch going without end.
    void fetchAll_overItsByteBudget()
    {
        HostileServer server; // fresh placemarks, pages of 1000-byte values
        QList<HostileServer::Act> acts;
        for (int i = 0; i < 12; ++i)
            acts << H::send(
                ok(H::pageResponse({QByteArray(1000, char('a' + i))}, QByteArray::number(i + 1000))));
        server.setActs(acts);
        QVERIFY(server.listen());
        ClassicClient client(&m_nam);
        configure(client, server.url());
        client.options().maxFetchBytes = 5000;
        ClassicReply* reply = call(client, QStringLiteral("fetchAll"));
        QVERIFY(testsupport::waitFinished(reply, 5000));
        QCOMPARE(reply->error().kind, Kind::ReplyTooLarge);
        QVERIFY2(reply->error().message.contains(QStringLiteral("over 5000 bytes of pages in all")),
                 qPrintable(reply->error().message));
        QVERIFY(server.requests() < 12);
    }

    void fetchAll_overItsTimeBudget()
    {
        HostileServer server; // a first page, then a second that comes a byte at a time
        const QByteArray second = ok(H::pageResponse({QByteArrayLiteral("late")}, {}));
        server.setActs({H::send(ok(H::pageResponse({QByteArrayLiteral("first")}, QByteArrayLiteral("pm")))),
                        H::trickle(second.left(20), second.mid(20), 100)});
        QVERIFY(server.listen());
        ClassicClient client(&m_nam);
        configure(client, server.url());
        client.options().fetchDeadlineMs = 1000;
        QElapsedTimer t;
        t.start();
        ClassicReply* reply = call(client, QStringLiteral("fetchAll"));
        QVERIFY(testsupport::waitFinished(reply, 10000));
        QCOMPARE(reply->error().kind, Kind::Timeout);
        QVERIFY2(reply->error().message.contains(QStringLiteral("every page within 1 s")),
                 qPrintable(reply->error().message));
        QCOMPARE(reply->values().size(), 1); // what came is kept
        QVERIFY(t.elapsed() < 5000);
    }

    void cleanupTestCase()
    {
        const qint64 peakKb = procStatusKb("VmHWM");
        qInfo("peak resident memory: %lld KiB", qlonglong(peakKb));
        QVERIFY(peakKb < memoryCeilingKb);
    }
};

QTEST_GUILESS_MAIN(TestHostileGateway)
#include "tst_hostilegateway.moc"
