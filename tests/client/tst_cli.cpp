// opendht-cli as a user and a script see it: commands against a real opendht-gateway, exit
// codes, output formats, where the value comes from, and interop both ways with Python's
// xmlrpc.client for all three key modes (xmlrpc_peer.py makes keys its own way, as put.py and
// Net::OpenDHT did). The TEST-ONLY HostileServer stands in only where a real gateway cannot:
// to see the bytes on the wire, to count that refused input sent nothing, and for broken answers.
#include "support/GatewayProcess.h"
#include "support/ProgramRun.h"
#include "support/TestSupport.h"

#include "hostile/HostileServer.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <memory>

using H = HostileServer;

namespace {

constexpr int runTimeoutMs = 20000;

using Run = ProgramRun;

// Runs a program to its end with the event loop running (so that a HostileServer in this
// process can answer it); killed if it outlives the timeout.
Run run(const QString& program, const QStringList& arguments, const QByteArray& input = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONUTF8"), QStringLiteral("1"));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    return runProgram(program, arguments, env, input, runTimeoutMs);
}

Run cli(const QStringList& arguments, const QByteArray& input = {})
{
    return run(cliBinary(), arguments, input);
}

Run peer(const QStringList& arguments)
{
    return run(QStringLiteral(ODB_PYTHON), QStringList{QStringLiteral(ODB_XMLRPC_PEER)} + arguments);
}

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

QByteArray firstBase64(const QByteArray& request)
{
    static const QRegularExpression re(QStringLiteral("<base64>([^<]*)</base64>"));
    const auto match = re.match(QString::fromLatin1(request));
    return match.hasMatch() ? QByteArray::fromBase64(match.captured(1).toLatin1()) : QByteArray();
}

QByteArray allBytes()
{
    QByteArray b(256, '\0');
    for (int i = 0; i < 256; ++i)
        b[i] = char(i);
    return b;
}

} // namespace

#define RUN_OK(r) QVERIFY2((r).normalExit && (r).code == 0, qPrintable((r).describe()))
#define RUN_EXIT(r, expected) QVERIFY2((r).normalExit && (r).code == (expected), qPrintable((r).describe()))
// A failing command says one thing, on one line of stderr, and prints no result.
#define ONE_MESSAGE(r, text)                                                                                 \
    do {                                                                                                     \
        QVERIFY2((r).err.startsWith("opendht-cli: ") && (r).err.count('\n') == 1,                            \
                 qPrintable((r).describe()));                                                                \
        QVERIFY2(QString::fromUtf8((r).err).contains(text), qPrintable((r).describe()));                     \
        QVERIFY2((r).out.isEmpty(), qPrintable((r).describe()));                                             \
    } while (false)

class TestCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<GatewayProcess> m_gateway;
    QString m_unique;

    QString url() const { return m_gateway->url().toString(); }
    // A key name no other test (or test run) uses.
    QString name(const QString& what) const { return QStringLiteral("tst_cli %1 %2").arg(m_unique, what); }
    QStringList at(const QString& command, const QStringList& rest) const
    {
        return QStringList{command, QStringLiteral("--gateway"), url()} + rest;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(cliBinary()).isExecutable(), qPrintable(cliBinary()));
        QVERIFY2(QFileInfo(QStringLiteral(ODB_PYTHON)).isExecutable(), ODB_PYTHON);
        m_gateway = std::make_unique<GatewayProcess>();
        QString error;
        QVERIFY2(m_gateway->start(&error), qPrintable(error));
        m_unique = QString::number(m_gateway->networkId());
    }

    void cleanupTestCase()
    {
        if (m_gateway)
            m_gateway->stop();
    }

    void help_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("mustList");
        const QString gw = QStringLiteral("--gateway"), app = QStringLiteral("--app");
        const QString mode = QStringLiteral("--key-mode"), ttl = QStringLiteral("--ttl");
        const QString secret = QStringLiteral("--secret"), file = QStringLiteral("--file");
        const QString format = QStringLiteral("--format");
        QTest::newRow("put") << QStringLiteral("put") << QStringList{gw, app, mode, ttl, secret, file};
        QTest::newRow("get") << QStringLiteral("get") << QStringList{gw, app, mode, format};
        QTest::newRow("details") << QStringLiteral("details") << QStringList{gw, app, mode, format};
        QTest::newRow("rm") << QStringLiteral("rm") << QStringList{gw, app, mode, ttl, secret, file};
        QTest::newRow("ping") << QStringLiteral("ping") << QStringList{gw, app};
    }

    void help()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, mustList);
        const Run r = cli({command, QStringLiteral("--help")});
        RUN_OK(r);
        for (const QString& option : mustList)
            QVERIFY2(QString::fromUtf8(r.out).contains(option), qPrintable(option + u'\n' + r.describe()));
    }

    void usage_topLevel()
    {
        const Run help = cli({QStringLiteral("--help")});
        RUN_OK(help);
        for (const char* command : {"put", "get", "details", "rm", "ping"})
            QVERIFY2(help.out.contains(QByteArray(QByteArray("  ") + command)), qPrintable(help.describe()));
        QVERIFY(help.out.contains("Exit codes"));
        const Run none = cli({});
        RUN_EXIT(none, 2);
        QVERIFY(none.err.contains("Usage"));
        const Run unknown = cli({QStringLiteral("frobnicate")});
        RUN_EXIT(unknown, 2);
        QVERIFY(unknown.err.contains("unknown command \"frobnicate\""));
    }

    void ping()
    {
        const Run r = cli(at(QStringLiteral("ping"), {QStringLiteral("--app"), QStringLiteral("tst_cli")}));
        RUN_OK(r);
        static const QRegularExpression line(QStringLiteral(
            "^127\\.0\\.0\\.1:\\d+, XML: OpenDHT-Browser/\\S+ \\(tst_cli\\) \\(\\d+ ms\\)\n$"));
        QVERIFY2(line.match(QString::fromUtf8(r.out)).hasMatch(), qPrintable(r.describe()));
        QVERIFY(r.err.isEmpty());
    }

    void putThenGet()
    {
        const QString key = name(QStringLiteral("putThenGet"));
        const Run put = cli(at(QStringLiteral("put"), {key, QStringLiteral("a value")}));
        RUN_OK(put);
        QVERIFY(put.out.isEmpty() && put.err.isEmpty());
        RUN_OK(cli(at(QStringLiteral("put"), {key, QStringLiteral("another value")})));
        const Run get = cli(at(QStringLiteral("get"), {key}));
        RUN_OK(get);
        QCOMPARE(get.out, QByteArrayLiteral("a value\nanother value\n")); // one a line, oldest first
        QVERIFY(get.err.isEmpty());
    }

    void get_notFoundIsExit3()
    {
        const QString key = name(QStringLiteral("nothing here"));
        const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
        for (const char* command : {"get", "details"}) {
            const Run r = cli(at(QString::fromLatin1(command), {key}));
            RUN_EXIT(r, 3);
            ONE_MESSAGE(r, QStringLiteral("no value"));
            QVERIFY2(r.err.contains(hash), qPrintable(r.describe())); // which key exactly
        }
    }

    void details_ttlAndRemovable()
    {
        const QString key = name(QStringLiteral("details"));
        RUN_OK(cli(at(QStringLiteral("put"),
                      {QStringLiteral("--ttl"), QStringLiteral("90s"), key, QStringLiteral("plain one")})));
        RUN_OK(cli(at(QStringLiteral("put"),
                      {QStringLiteral("--ttl"), QStringLiteral("2h"), QStringLiteral("--secret"),
                       QStringLiteral("s3cret"), key, QStringLiteral("removable one")})));
        const Run text = cli(at(QStringLiteral("details"), {key}));
        RUN_OK(text);
        const QList<QByteArray> lines = text.lines();
        QCOMPARE(lines.size(), 2);
        const QList<QByteArray> plain = lines[0].split('\t');
        const QList<QByteArray> removable = lines[1].split('\t');
        QCOMPARE(plain.size(), 3);
        QCOMPARE(removable.size(), 3);
        QVERIFY2(plain[0].toInt() <= 90 && plain[0].toInt() >= 80, lines[0].constData());
        QCOMPARE(plain[1], QByteArrayLiteral("plain"));
        QCOMPARE(plain[2], QByteArrayLiteral("plain one"));
        QVERIFY2(removable[0].toInt() <= 7200 && removable[0].toInt() >= 7190, lines[1].constData());
        QCOMPARE(removable[1], QByteArrayLiteral("removable"));
        QCOMPARE(removable[2], QByteArrayLiteral("removable one"));

        const Run json =
            cli(at(QStringLiteral("details"), {QStringLiteral("--format"), QStringLiteral("json"), key}));
        RUN_OK(json);
        QCOMPARE(json.lines().size(), 2);
        const QJsonObject second = QJsonDocument::fromJson(json.lines()[1]).object();
        QCOMPARE(second.value(QStringLiteral("text")).toString(), QStringLiteral("removable one"));
        QCOMPARE(second.value(QStringLiteral("removable")).toBool(), true);
        QCOMPARE(second.value(QStringLiteral("size")).toInt(), 13);
        QVERIFY(second.value(QStringLiteral("ttl")).toInt() > 7190);
        const QJsonObject first = QJsonDocument::fromJson(json.lines()[0]).object();
        QCOMPARE(first.value(QStringLiteral("removable")).toBool(true), false);
    }

    void ttl_humanUnits_data()
    {
        QTest::addColumn<QString>("ttl");
        QTest::addColumn<int>("seconds");
        QTest::newRow("90s") << QStringLiteral("90s") << 90;
        QTest::newRow("10m") << QStringLiteral("10m") << 600;
        QTest::newRow("2h") << QStringLiteral("2h") << 7200;
        QTest::newRow("7d") << QStringLiteral("7d") << 604800;
        QTest::newRow("1h30m") << QStringLiteral("1h30m") << 5400;
    }

    void ttl_humanUnits()
    {
        QFETCH(QString, ttl);
        QFETCH(int, seconds);
        const QString key = name(QStringLiteral("ttl ") + ttl);
        RUN_OK(cli(at(QStringLiteral("put"), {QStringLiteral("--ttl"), ttl, key, QStringLiteral("v")})));
        const Run json =
            cli(at(QStringLiteral("details"), {QStringLiteral("--format"), QStringLiteral("json"), key}));
        RUN_OK(json);
        const int left = QJsonDocument::fromJson(json.out).object().value(QStringLiteral("ttl")).toInt();
        QVERIFY2(left <= seconds && left >= seconds - 10, qPrintable(json.describe()));
    }

    void rm_rightAndWrongSecret()
    {
        const QString key = name(QStringLiteral("rm"));
        RUN_OK(cli(at(QStringLiteral("put"),
                      {QStringLiteral("--secret"), QStringLiteral("right"), key, QStringLiteral("doomed")})));
        RUN_OK(cli(at(QStringLiteral("put"), {key, QStringLiteral("keeper")})));
        // A wrong secret removes nothing, and (as on classic gateways) is not reported.
        RUN_OK(cli(at(QStringLiteral("rm"),
                      {QStringLiteral("--secret"), QStringLiteral("wrong"), key, QStringLiteral("doomed")})));
        QCOMPARE(cli(at(QStringLiteral("get"), {key})).out, QByteArrayLiteral("doomed\nkeeper\n"));
        RUN_OK(cli(at(QStringLiteral("rm"),
                      {QStringLiteral("--secret"), QStringLiteral("right"), key, QStringLiteral("doomed")})));
        QCOMPARE(cli(at(QStringLiteral("get"), {key})).out, QByteArrayLiteral("keeper\n"));
    }

    void formats()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("value.bin")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(allBytes());
        file.close();
        const QString binaryKey = name(QStringLiteral("formats binary"));
        RUN_OK(cli(at(QStringLiteral("put"), {QStringLiteral("--file"), file.fileName(), binaryKey})));
        const QString textKey = name(QStringLiteral("formats text"));
        RUN_OK(cli(at(QStringLiteral("put"), {textKey, QStringLiteral("h\u00e9llo")})));

        const auto get = [&](const QString& key, const char* format) {
            return cli(
                at(QStringLiteral("get"), {QStringLiteral("--format"), QString::fromLatin1(format), key}));
        };
        const Run hex = get(binaryKey, "hex");
        RUN_OK(hex);
        QCOMPARE(hex.out, QByteArray(allBytes().toHex() + '\n'));
        const Run base64 = get(binaryKey, "base64");
        RUN_OK(base64);
        QCOMPARE(base64.out, QByteArray(allBytes().toBase64() + '\n'));
        const Run text = get(binaryKey, "text");
        RUN_OK(text);
        QCOMPARE(text.out, QByteArray(allBytes() + '\n')); // the bytes themselves

        const Run json = get(binaryKey, "json");
        RUN_OK(json);
        QCOMPARE(json.lines().size(), 1);
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(json.lines()[0], &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QStringLiteral("size")).toInt(), 256);
        QCOMPARE(o.value(QStringLiteral("base64")).toString(), b64(allBytes()));
        QVERIFY(!o.contains(QStringLiteral("text"))); // not UTF-8: no text member

        const Run utf8 = get(textKey, "json");
        RUN_OK(utf8);
        const QJsonObject t = QJsonDocument::fromJson(utf8.out).object();
        QCOMPARE(t.value(QStringLiteral("text")).toString(), QStringLiteral("h\u00e9llo"));
        QCOMPARE(t.value(QStringLiteral("size")).toInt(), 6);
    }

    void valueFromStdin()
    {
        const QByteArray input = QByteArrayLiteral("line one\nline two\n\0and a zero byte");
        const QString implicitKey = name(QStringLiteral("stdin implicit"));
        RUN_OK(cli(at(QStringLiteral("put"), {implicitKey}), input));
        const QString dashKey = name(QStringLiteral("stdin dash"));
        RUN_OK(cli(at(QStringLiteral("put"), {dashKey, QStringLiteral("-")}), input));
        for (const QString& key : {implicitKey, dashKey}) {
            const Run r =
                cli(at(QStringLiteral("get"), {QStringLiteral("--format"), QStringLiteral("base64"), key}));
            RUN_OK(r);
            QCOMPARE(QByteArray::fromBase64(r.out.trimmed()), input);
        }
    }

    void badInput_exit2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("mustSay");
        const QString put = QStringLiteral("put"), get = QStringLiteral("get"), k = QStringLiteral("k"),
                      v = QStringLiteral("v"), mode = QStringLiteral("--key-mode"),
                      ttl = QStringLiteral("--ttl");
        QTest::newRow("raw key of 21 bytes")
            << QStringList{put, mode, QStringLiteral("raw"), QStringLiteral("abcdefghijklmnopqrstu"), v}
            << QByteArray() << QStringLiteral("21");
        QTest::newRow("hex key with a non-hex digit")
            << QStringList{get, mode, QStringLiteral("hex"), QStringLiteral("12xy")} << QByteArray()
            << QStringLiteral("not a hex key");
        QTest::newRow("hex key of odd length")
            << QStringList{get, mode, QStringLiteral("hex"), QStringLiteral("abc")} << QByteArray()
            << QStringLiteral("even number");
        QTest::newRow("hex key of 21 bytes")
            << QStringList{get, mode, QStringLiteral("hex"), QString(42, u'0')} << QByteArray()
            << QStringLiteral("21");
        QTest::newRow("TTL over a week")
            << QStringList{put, ttl, QStringLiteral("8d"), k, v} << QByteArray() << QStringLiteral("691200");
        QTest::newRow("TTL 0s") << QStringList{put, ttl, QStringLiteral("0s"), k, v} << QByteArray()
                                << QStringLiteral("TTL is 0 s");
        QTest::newRow("TTL that is not a duration")
            << QStringList{put, ttl, QStringLiteral("soon"), k, v} << QByteArray() << QStringLiteral("soon");
        QTest::newRow("value of 1025 bytes from stdin")
            << QStringList{put, k} << QByteArray(5000, 'x') << QStringLiteral("1025");
        QTest::newRow("value of 1025 bytes as an argument")
            << QStringList{put, k, QString(1025, u'x')} << QByteArray() << QStringLiteral("1025");
        QTest::newRow("secret of 41 bytes")
            << QStringList{put, QStringLiteral("--secret"), QString(41, u's'), k, v} << QByteArray()
            << QStringLiteral("41");
        QTest::newRow("rm without --secret")
            << QStringList{QStringLiteral("rm"), k, v} << QByteArray() << QStringLiteral("--secret");
        QTest::newRow("unreadable --file")
            << QStringList{put, QStringLiteral("--file"), QStringLiteral("/nonexistent/tst_cli"), k}
            << QByteArray() << QStringLiteral("cannot read");
        QTest::newRow("unknown key mode") << QStringList{get, mode, QStringLiteral("base32"), k}
                                          << QByteArray() << QStringLiteral("--key-mode");
        QTest::newRow("unknown format")
            << QStringList{get, QStringLiteral("--format"), QStringLiteral("xml"), k} << QByteArray()
            << QStringLiteral("--format");
        QTest::newRow("no key") << QStringList{get} << QByteArray() << QStringLiteral("KEY");
        QTest::newRow("unknown option") << QStringList{get, QStringLiteral("--frobnicate"), k} << QByteArray()
                                        << QStringLiteral("frobnicate");
        QTest::newRow("timeout that is not a duration")
            << QStringList{QStringLiteral("ping"), QStringLiteral("--timeout"), QStringLiteral("never")}
            << QByteArray() << QStringLiteral("--timeout");
    }

    void badInput_exit2()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, input);
        QFETCH(QString, mustSay);
        HostileServer counter; // TEST-ONLY: counts connections; answers a ping for the control run
        counter.setAct(H::send(H::httpOk(H::response("<value>127.0.0.1:1, XML: counter</value>"))));
        QVERIFY(counter.listen());
        // --kind classic: the counter is a classic gateway; no GET / to find out its kind.
        const QStringList gateway{QStringLiteral("--gateway"), counter.url().toString(),
                                  QStringLiteral("--kind"), QStringLiteral("classic")};

        const Run r = cli(arguments + gateway, input);
        RUN_EXIT(r, 2);
        ONE_MESSAGE(r, mustSay);

        // Control: a good command reaches the same server, and is the only thing that did.
        const Run control = cli(QStringList{QStringLiteral("ping")} + gateway);
        RUN_OK(control);
        QCOMPARE(counter.connections(), 1);
        QCOMPARE(counter.requests(), 1);
    }

    void notAnHttpGateway_exit2()
    {
        const Run r =
            cli({QStringLiteral("ping"), QStringLiteral("--gateway"), QStringLiteral("ftp://127.0.0.1/")});
        RUN_EXIT(r, 2);
        ONE_MESSAGE(r, QStringLiteral("not an http URL"));
    }

    void refusedPort_exit5()
    {
        quint16 port = 0;
        {
            HostileServer closed; // a free port, closed again
            QVERIFY(closed.listen());
            port = closed.port();
        }
        for (const char* command : {"ping", "get", "put"}) {
            QStringList arguments{QString::fromLatin1(command), QStringLiteral("--gateway"),
                                  QStringLiteral("http://127.0.0.1:%1/").arg(port)};
            if (qstrcmp(command, "ping") != 0)
                arguments << QStringLiteral("k") << QStringLiteral("v");
            const Run r = cli(arguments);
            RUN_EXIT(r, 5);
            ONE_MESSAGE(r, QStringLiteral("127.0.0.1:%1 refused the connection").arg(port));
        }
    }

    void gatewayAndNetworkErrors_data()
    {
        QTest::addColumn<HostileServer::Act>("act");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mustSay");
        QTest::newRow("malformed reply: exit 4")
            << H::send(H::httpOk(H::response("<value><string>0</string></value>"))) << 4
            << QStringLiteral("malformed reply");
        QTest::newRow("fault: exit 4")
            << H::send(H::httpOk(H::faultResponse(QStringLiteral("java.lang.Exception: no")))) << 4
            << QStringLiteral("refused the call: no");
        QTest::newRow("status 1: exit 4")
            << H::send(H::httpOk(H::statusResponse(1))) << 4 << QStringLiteral("over capacity");
        QTest::newRow("HTTP 500: exit 4")
            << H::send(H::httpHead(500, "Oops", "Content-Length: 0\r\n")) << 4 << QStringLiteral("HTTP 500");
        QTest::newRow("closed unanswered: exit 5")
            << H::closeAfterRequest() << 5 << QStringLiteral("closed the connection without answering");
        QTest::newRow("never answers, --timeout 1s: exit 5")
            << H::neverAnswer() << 5 << QStringLiteral("1 s");
    }

    void gatewayAndNetworkErrors()
    {
        QFETCH(HostileServer::Act, act);
        QFETCH(int, exitCode);
        QFETCH(QString, mustSay);
        HostileServer server;
        server.setAct(act);
        QVERIFY(server.listen());
        const Run r = cli({QStringLiteral("put"), QStringLiteral("--gateway"), server.url().toString(),
                           QStringLiteral("--kind"), QStringLiteral("classic"), QStringLiteral("--timeout"),
                           QStringLiteral("1s"), QStringLiteral("k"), QStringLiteral("v")});
        RUN_EXIT(r, exitCode);
        ONE_MESSAGE(r, mustSay);
        QVERIFY2(r.err.contains(server.url().authority().toUtf8()),
                 qPrintable(r.describe())); // names the gateway
    }

    void overCapacity_exit4()
    {
        GatewayProcess tiny({QStringLiteral("--capacity"), QStringLiteral("1")});
        QString error;
        QVERIFY2(tiny.start(&error), qPrintable(error));
        const Run r =
            cli({QStringLiteral("put"), QStringLiteral("--gateway"), tiny.url().toString(),
                 QStringLiteral("--ttl"), QStringLiteral("7d"), QStringLiteral("k"), QStringLiteral("v")});
        RUN_EXIT(r, 4);
        ONE_MESSAGE(r, QStringLiteral("over capacity"));
    }

    void manyValues_pagedInOrder()
    {
        const QString key = name(QStringLiteral("many"));
        RUN_OK(peer({url(), QStringLiteral("putmany"), QStringLiteral("text"), key, QStringLiteral("60"),
                     QStringLiteral("600")}));
        const Run r = cli(at(QStringLiteral("get"), {key}));
        RUN_OK(r);
        QList<QByteArray> expected;
        for (int i = 0; i < 60; ++i)
            expected << QByteArrayLiteral("value-") + QByteArray::number(i).rightJustified(4, '0');
        QCOMPARE(r.lines(), expected); // 60 values of 10 bytes: three classic pages
    }

    void keyModes_bytesOnTheWire_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("key");
        const quint32 salt = QRandomGenerator::global()->generate();
        const QByteArray hexBytes =
            QCryptographicHash::hash(QByteArray::number(salt), QCryptographicHash::Sha1);
        QTest::newRow("text") << QStringLiteral("text")
                              << QStringLiteral("interop %1 cl\u00e9 \u263a").arg(salt);
        QTest::newRow("hex, 20 bytes") << QStringLiteral("hex") << QString::fromLatin1(hexBytes.toHex());
        QTest::newRow("hex, 7 bytes, upper case")
            << QStringLiteral("hex") << QString::fromLatin1(hexBytes.left(7).toHex().toUpper());
        QTest::newRow("raw") << QStringLiteral("raw") << QStringLiteral("i%1\u00e9").arg(salt % 1000000);
    }

    // The bytes opendht-cli sends as the key are exactly those Python's convention makes.
    void keyModes_bytesOnTheWire()
    {
        QFETCH(QString, mode);
        QFETCH(QString, key);
        const Run bytes = peer({QStringLiteral("-"), QStringLiteral("keybytes"), mode, key});
        RUN_OK(bytes);
        HostileServer recorder; // TEST-ONLY: to see the request; answers "no values"
        recorder.setAct(H::send(H::httpOk(H::pageResponse({}, {}))));
        QVERIFY(recorder.listen());
        const Run r = cli({QStringLiteral("get"), QStringLiteral("--gateway"), recorder.url().toString(),
                           QStringLiteral("--kind"), QStringLiteral("classic"), QStringLiteral("--key-mode"),
                           mode, key});
        RUN_EXIT(r, 3);
        QCOMPARE(recorder.requests(), 1);
        QCOMPARE(firstBase64(recorder.receivedRequests().at(0)).toHex(), bytes.out.trimmed());
    }

    void interop_cliPutPythonGets_data() { keyModes_bytesOnTheWire_data(); }

    void interop_cliPutPythonGets()
    {
        QFETCH(QString, mode);
        QFETCH(QString, key);
        const QString value = QStringLiteral("from opendht-cli, %1 key \u00fc").arg(mode);
        RUN_OK(cli(at(QStringLiteral("put"), {QStringLiteral("--key-mode"), mode, key, value})));
        const Run r = peer({url(), QStringLiteral("get"), mode, key});
        RUN_OK(r);
        QCOMPARE(r.lines(), QList<QByteArray>{value.toUtf8().toBase64()});
    }

    void interop_pythonPutCliGets_data() { keyModes_bytesOnTheWire_data(); }

    void interop_pythonPutCliGets()
    {
        QFETCH(QString, mode);
        QFETCH(QString, key);
        const QByteArray value = QByteArrayLiteral("from python\0\xff ") + mode.toUtf8();
        const Run put = peer({url(), QStringLiteral("put"), mode, key, b64(value), QStringLiteral("600")});
        RUN_OK(put);
        QCOMPARE(put.out.trimmed(), QByteArrayLiteral("0"));
        const Run r =
            cli(at(QStringLiteral("get"), {QStringLiteral("--key-mode"), mode, QStringLiteral("--format"),
                                           QStringLiteral("base64"), key}));
        RUN_OK(r);
        QCOMPARE(r.lines(), QList<QByteArray>{value.toBase64()});
    }

    void keyModes_sameNameDifferentPlaces()
    {
        const QString key = QStringLiteral("m%1").arg(m_unique);
        RUN_OK(cli(at(QStringLiteral("put"), {QStringLiteral("--key-mode"), QStringLiteral("raw"), key,
                                              QStringLiteral("raw value")})));
        // The same name as text is another key (its SHA-1)...
        RUN_EXIT(cli(at(QStringLiteral("get"), {QStringLiteral("--key-mode"), QStringLiteral("text"), key})),
                 3);
        // ...while the same bytes written in hex are the same key.
        const Run hex = cli(at(QStringLiteral("get"), {QStringLiteral("--key-mode"), QStringLiteral("hex"),
                                                       QString::fromLatin1(key.toUtf8().toHex())}));
        RUN_OK(hex);
        QCOMPARE(hex.out, QByteArrayLiteral("raw value\n"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
