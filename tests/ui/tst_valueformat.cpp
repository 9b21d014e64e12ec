// ValueFormat: previews, text detection, hex dump, JSON, image magic, TTL text, shell quoting.
#include "ui/values/ValueFormat.h"

#include <QTest>

class TestValueFormat : public QObject
{
    Q_OBJECT
private slots:
    void preview_data();
    void preview();
    void previewElidesWholeCharacters();
    void isText_data();
    void isText();
    void hexDumpMatchesHexdumpC();
    void prettyJsonKeepsOrderAndDigits();
    void prettyJsonOnlyForObjectsAndArrays_data();
    void prettyJsonOnlyForObjectsAndArrays();
    void imageFormat_data();
    void imageFormat();
    void ttlText_data();
    void ttlText();
    void shellQuote_data();
    void shellQuote();
    void commandShape();
};

void TestValueFormat::preview_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("maxChars");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QByteArray("hello") << 80 << QStringLiteral("hello");
    QTest::newRow("html stays literal")
        << QByteArray("<b>x</b><img src=http://x>") << 80 << QStringLiteral("<b>x</b><img src=http://x>");
    QTest::newRow("newline tab cr") << QByteArray("a\nb\tc\r") << 80 << QStringLiteral("a␊b␉c␍");
    QTest::newRow("bell escape del") << QByteArray("\x07\x1b[31m\x7f") << 80 << QStringLiteral("␇␛[31m␡");
    QTest::newRow("backslash n is not a newline") << QByteArray("a\\nb") << 80 << QStringLiteral("a\\nb");
    QTest::newRow("bidi override") << QByteArray("abc\xe2\x80\xae"
                                                 "def")
                                   << 80 << QStringLiteral("abc⟨U+202E⟩def");
    QTest::newRow("bom kept") << QByteArray("\xef\xbb\xbfhi") << 80 << QStringLiteral("⟨U+FEFF⟩hi");
    QTest::newRow("utf-8") << QByteArray("grüße 日本 🎉") << 80 << QStringLiteral("grüße 日本 🎉");
    QTest::newRow("nul is valid utf-8") << QByteArray("a\0b", 3) << 80 << QStringLiteral("a␀b");
    QTest::newRow("not utf-8") << QByteArray("\x00\xff\x10", 3) << 80 << QStringLiteral("hex 00 ff 10");
    QTest::newRow("hex elided") << QByteArray(40, '\xff') << 16 << QStringLiteral("hex ff ff ff ff…");
    QTest::newRow("elided") << QByteArray(100, 'a') << 10 << QStringLiteral("aaaaaaaaa…");
    QTest::newRow("exactly fits") << QByteArray(10, 'a') << 10 << QStringLiteral("aaaaaaaaaa");
    QTest::newRow("empty") << QByteArray() << 80 << QStringLiteral("(empty)");
}

void TestValueFormat::preview()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, maxChars);
    QFETCH(QString, expected);
    QCOMPARE(ValueFormat::preview(bytes, maxChars), expected);
}

void TestValueFormat::previewElidesWholeCharacters()
{
    // An escape or an emoji (two UTF-16 units) is never cut in half by the "…".
    const QString bidi = ValueFormat::preview(QByteArray("abcdefg\xe2\x80\xae"
                                                         "xyz"),
                                              12);
    QCOMPARE(bidi, QStringLiteral("abcdefg…"));
    const QString emoji = ValueFormat::preview(QByteArray("abcdefgh🎉🎉🎉"), 10);
    QCOMPARE(emoji, QStringLiteral("abcdefgh…"));
    QVERIFY(ValueFormat::preview(QByteArray(1000, 'x')).size() <= 80);
}

void TestValueFormat::isText_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("text");
    QTest::newRow("ascii") << QByteArray("hello world") << true;
    QTest::newRow("lines and tabs") << QByteArray("a\tb\r\nc\n") << true;
    QTest::newRow("terminal colours") << QByteArray("\x1b[31mred\x1b[0m") << true;
    QTest::newRow("utf-8") << QByteArray("grüße 🎉") << true;
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("nul") << QByteArray("a\0b", 3) << false;
    QTest::newRow("bell") << QByteArray("a\x07") << false;
    QTest::newRow("invalid utf-8") << QByteArray("caf\xe9") << false;
    QTest::newRow("c1 control") << QByteArray("a\xc2\x85") << false;
}

void TestValueFormat::isText()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, text);
    QCOMPARE(ValueFormat::isText(bytes), text);
}

void TestValueFormat::hexDumpMatchesHexdumpC()
{
    // Expected texts are what `hexdump -C` printed for the same bytes.
    QCOMPARE(ValueFormat::hexDump("Hello world\n"),
             QStringLiteral("00000000  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a              |Hello world.|\n"
                            "0000000c\n"));
    QCOMPARE(ValueFormat::hexDump(QByteArray("0123456789abcdefg\0\1\xff~ ", 22)),
             QStringLiteral("00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\n"
                            "00000010  67 00 01 ff 7e 20                                 |g...~ |\n"
                            "00000016\n"));
    QCOMPARE(ValueFormat::hexDump({}), QString());
    // 1024 bytes: 64 full lines and the final offset, nothing folded.
    QCOMPARE(ValueFormat::hexDump(QByteArray(1024, 'a')).count(u'\n'), 65);
}

void TestValueFormat::prettyJsonKeepsOrderAndDigits()
{
    const auto json = ValueFormat::prettyJson(
        R"({"b":1,"a":[1, 2,{}],"n":12345678901234567890,"s":"{,:}\" [","b":[],"e":1.50})");
    QVERIFY(json);
    QCOMPARE(*json, QStringLiteral("{\n"
                                   "    \"b\": 1,\n"
                                   "    \"a\": [\n"
                                   "        1,\n"
                                   "        2,\n"
                                   "        {}\n"
                                   "    ],\n"
                                   "    \"n\": 12345678901234567890,\n"
                                   "    \"s\": \"{,:}\\\" [\",\n"
                                   "    \"b\": [],\n"
                                   "    \"e\": 1.50\n"
                                   "}"));
}

void TestValueFormat::prettyJsonOnlyForObjectsAndArrays_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("json");
    QTest::newRow("object") << QByteArray(" {\"a\": true} ") << true;
    QTest::newRow("array") << QByteArray("[1,2]") << true;
    QTest::newRow("number") << QByteArray("42") << false;
    QTest::newRow("string") << QByteArray("\"text\"") << false;
    QTest::newRow("broken") << QByteArray("{\"a\":") << false;
    QTest::newRow("text") << QByteArray("hello {world}") << false;
    QTest::newRow("binary") << QByteArray("\x00\xff", 2) << false;
}

void TestValueFormat::prettyJsonOnlyForObjectsAndArrays()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, json);
    QCOMPARE(ValueFormat::prettyJson(bytes).has_value(), json);
}

void TestValueFormat::imageFormat_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("format");
    QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n....") << QByteArray("png");
    QTest::newRow("jpeg") << QByteArray("\xff\xd8\xff\xe0....") << QByteArray("jpeg");
    QTest::newRow("gif") << QByteArray("GIF89a....") << QByteArray("gif");
    QTest::newRow("webp") << QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16) << QByteArray("webp");
    QTest::newRow("text") << QByteArray("PNG is a format") << QByteArray();
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void TestValueFormat::imageFormat()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, format);
    QCOMPARE(ValueFormat::imageFormat(bytes), format);
}

void TestValueFormat::ttlText_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<bool>("upperBound");
    QTest::addColumn<QString>("expected");
    QTest::newRow("expired at zero") << qint64(0) << false << QStringLiteral("expired");
    QTest::newRow("expired below zero") << qint64(-5) << true << QStringLiteral("expired");
    QTest::newRow("seconds") << qint64(59) << false << QStringLiteral("00:59");
    QTest::newRow("minutes") << qint64(14 * 60 + 5) << false << QStringLiteral("14:05");
    QTest::newRow("just under an hour") << qint64(3599) << false << QStringLiteral("59:59");
    QTest::newRow("an hour") << qint64(3600) << false << QStringLiteral("01:00:00");
    QTest::newRow("hours") << qint64(3 * 3600 + 14 * 60 + 5) << false << QStringLiteral("03:14:05");
    QTest::newRow("days") << qint64(2 * 86400 + 3 * 3600 + 14 * 60 + 5) << false
                          << QStringLiteral("2 d 03:14:05");
    QTest::newRow("a week") << qint64(7 * 86400) << false << QStringLiteral("7 d 00:00:00");
    QTest::newRow("upper bound") << qint64(3600) << true << QStringLiteral("≤ 01:00:00");
}

void TestValueFormat::ttlText()
{
    QFETCH(qint64, seconds);
    QFETCH(bool, upperBound);
    QFETCH(QString, expected);
    QCOMPARE(ValueFormat::ttlText(seconds, upperBound), expected);
}

void TestValueFormat::shellQuote_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("safe") << QStringLiteral("abc-1.2_x") << QStringLiteral("abc-1.2_x");
    QTest::newRow("url") << QStringLiteral("http://127.0.0.1:5851/")
                         << QStringLiteral("http://127.0.0.1:5851/");
    QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("'a b'");
    QTest::newRow("quote") << QStringLiteral("it's") << QStringLiteral("'it'\\''s'");
    QTest::newRow("dollar") << QStringLiteral("$(x)") << QStringLiteral("'$(x)'");
    QTest::newRow("tilde") << QStringLiteral("~root") << QStringLiteral("'~root'");
    QTest::newRow("empty") << QString() << QStringLiteral("''");
}

void TestValueFormat::shellQuote()
{
    QFETCH(QString, word);
    QFETCH(QString, quoted);
    QCOMPARE(ValueFormat::shellQuote(word), quoted);
}

void TestValueFormat::commandShape()
{
    const QUrl gateway(QStringLiteral("http://127.0.0.1:5851/"));
    const DhtKey key = DhtKey::parse(QStringLiteral("my key"), DhtKey::Mode::Text);
    QCOMPARE(ValueFormat::cliCommand(key, "hello", 3600, gateway, GatewayKind::Classic),
             QStringLiteral("opendht-cli put --gateway http://127.0.0.1:5851/ --kind classic --key-mode text "
                            "--ttl 1h -- 'my key' hello"));
    QCOMPARE(ValueFormat::cliCommand(key, QByteArray("a\0'%\\\n\xff", 7), 90, gateway, GatewayKind::Proxy),
             QStringLiteral("printf 'a\\000\\047%%\\\\\\n\\377' | opendht-cli put --gateway "
                            "http://127.0.0.1:5851/ --kind proxy --key-mode text --ttl 90s -- 'my key' -"));
    // No TTL: the CLI's default. A key that cannot travel as typed goes as the hex of its bytes.
    const DhtKey odd = DhtKey::parse(QStringLiteral("line\nbreak"), DhtKey::Mode::Raw);
    QCOMPARE(ValueFormat::cliCommand(odd, "x", 0, gateway, GatewayKind::Classic),
             QStringLiteral("opendht-cli put --gateway http://127.0.0.1:5851/ --kind classic --key-mode hex "
                            "-- 6c696e650a627265616b x"));
    // Whatever the value, the command is one line with nothing invisible in it.
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all += char(i);
    const QString command = ValueFormat::cliCommand(key, all, 600, gateway, GatewayKind::Classic);
    for (QChar c : command)
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() < 0x7f, qPrintable(command));
}

QTEST_MAIN(TestValueFormat)
#include "tst_valueformat.moc"
