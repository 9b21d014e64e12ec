// The "copy as opendht-cli command" of a value, run through sh -c against a real gateway: the
// value read back is byte for byte the one copied, and nothing in the value or key is executed.
#include "support/GatewayProcess.h"

#include "core/connect/BackendFactory.h"
#include "ui/values/ValueFormat.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestValueCommand : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void roundTrip_data();
    void roundTrip();

private:
    QString runShell(const QString& command, int* exitCode);
    QList<DhtValue> fetch(const DhtKey& key);

    GatewayProcess m_gateway;
    QTemporaryDir m_dir;
    QString m_marker; // a file that the value's $(...) would create if the shell ran it
};

void TestValueCommand::initTestCase()
{
    QString error;
    QVERIFY2(m_gateway.start(&error), qPrintable(error));
    QVERIFY(m_dir.isValid());
    m_marker = m_dir.filePath(QStringLiteral("ran"));
}

void TestValueCommand::cleanupTestCase()
{
    m_gateway.stop();
}

QString TestValueCommand::runShell(const QString& command, int* exitCode)
{
    const QString cli = qEnvironmentVariable("ODB_CLI", QStringLiteral(ODB_CLI_DEFAULT));
    QProcess shell;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PATH"),
                       QFileInfo(cli).absolutePath() + u':' + environment.value(QStringLiteral("PATH")));
    shell.setProcessEnvironment(environment);
    shell.setProcessChannelMode(QProcess::MergedChannels);
    shell.start(QStringLiteral("sh"), {QStringLiteral("-c"), command});
    if (!shell.waitForFinished(30000)) {
        shell.kill();
        shell.waitForFinished();
        *exitCode = -1;
        return QStringLiteral("timed out");
    }
    *exitCode = shell.exitStatus() == QProcess::NormalExit ? shell.exitCode() : -1;
    return QString::fromUtf8(shell.readAll());
}

QList<DhtValue> TestValueCommand::fetch(const DhtKey& key)
{
    QNetworkAccessManager nam;
    const auto backend =
        makeGatewayBackend(GatewayKind::Classic, &nam, m_gateway.url(), QStringLiteral("test"));
    GatewayCall* call = backend->fetchValues(key);
    QSignalSpy finished(call, &GatewayCall::finished);
    if (!finished.wait(20000) || !call->ok())
        return {};
    return call->values();
}

void TestValueCommand::roundTrip_data()
{
    QTest::addColumn<QString>("keyText");
    QTest::addColumn<int>("keyMode");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("ttl");
    const int text = int(DhtKey::Mode::Text), raw = int(DhtKey::Mode::Raw), hex = int(DhtKey::Mode::Hex);
    const QByteArray injection = "$(touch " + m_marker.toUtf8() + ") `touch " + m_marker.toUtf8() + "`";
    QTest::newRow("plain") << QStringLiteral("cmd plain") << text << QByteArray("hello world") << 3600;
    QTest::newRow("quotes") << QStringLiteral("cmd quotes") << text
                            << QByteArray("it's \"quoted\" and 'single' \\ and %s %%") << 600;
    QTest::newRow("command substitution") << QStringLiteral("cmd subst") << text << injection << 90;
    QTest::newRow("newlines") << QStringLiteral("cmd newline") << text
                              << QByteArray("line 1\nline 2\n\t$(x)\n") << 7200;
    QTest::newRow("binary") << QStringLiteral("cmd binary") << text
                            << QByteArray("\0\xff\x10'\\%\n-\x7f\x80", 10) << 86400;
    QTest::newRow("leading dash") << QStringLiteral("cmd dash") << text << QByteArray("-n --help") << 0;
    QTest::newRow("only a dash") << QStringLiteral("cmd only dash") << text << QByteArray("-") << 0;
    QTest::newRow("binary leading dash")
        << QStringLiteral("cmd bin dash") << text << QByteArray("-\xff\x00", 3) << 0;
    QTest::newRow("bom") << QStringLiteral("cmd bom") << text << QByteArray("\xef\xbb\xbfhi") << 0;
    QTest::newRow("bidi") << QStringLiteral("cmd bidi") << text
                          << QByteArray("abc\xe2\x80\xae"
                                        "def")
                          << 0;
    QTest::newRow("utf-8") << QStringLiteral("cmd utf8") << text << QByteArray("grüße 日本 🎉") << 0;
    QTest::newRow("every byte") << QStringLiteral("cmd all") << text << [] {
        QByteArray all;
        for (int i = 0; i < 256; ++i)
            all += char(i);
        return all;
    }() << 0;
    const QString keyInjection = QStringLiteral("-key $(touch %1) 'q'").arg(m_marker);
    QTest::newRow("quoted text key") << keyInjection << text << QByteArray("v0") << 0;
    QTest::newRow("text key with newline") << keyInjection + u'\n' << text << QByteArray("v1") << 0;
    QTest::newRow("raw key") << QStringLiteral("raw key!") << raw << QByteArray("v2") << 0;
    QTest::newRow("hex key") << QStringLiteral("00ff10") << hex << QByteArray("v3") << 0;
}

void TestValueCommand::roundTrip()
{
    QFETCH(QString, keyText);
    QFETCH(int, keyMode);
    QFETCH(QByteArray, value);
    QFETCH(int, ttl);
    const DhtKey key = DhtKey::parse(keyText, DhtKey::Mode(keyMode));
    QVERIFY2(key.isValid(), qPrintable(key.error()));

    const QString command = ValueFormat::cliCommand(key, value, ttl, m_gateway.url(), GatewayKind::Classic);
    int exitCode = 0;
    const QString output = runShell(command, &exitCode);
    QVERIFY2(exitCode == 0, qPrintable(command + QStringLiteral("\n") + output));
    QVERIFY2(!QFileInfo::exists(m_marker), "the shell ran something from the value");

    const QList<DhtValue> values = fetch(key);
    QCOMPARE(values.size(), 1);
    QCOMPARE(values.first().data, value);
    if (values.first().ttlLeft >= 0) { // what the command asked for (the CLI's default: 1 h)
        const int asked = ttl > 0 ? ttl : 3600;
        QVERIFY2(values.first().ttlLeft <= asked && values.first().ttlLeft > asked - 60,
                 qPrintable(QString::number(values.first().ttlLeft)));
    }
}

QTEST_GUILESS_MAIN(TestValueCommand)
#include "tst_valuecommand.moc"
