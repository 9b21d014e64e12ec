// Reading a modern OpenDHT proxy's line-delimited JSON: lines cut across chunks, limits, and
// each way a value line can be wrong.
#include "core/proxy/LineSplitter.h"
#include "core/proxy/ProxyValue.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

class TestProxyValue : public QObject
{
    Q_OBJECT
private slots:
    void linesAcrossChunks()
    {
        LineSplitter splitter(100);
        QList<QByteArray> lines;
        QVERIFY(splitter.append("{\"a\":1}\n{\"b\"", lines));
        QCOMPARE(lines, QList<QByteArray>{"{\"a\":1}"});
        QVERIFY(splitter.append(":2}\n\n{\"c\":3", lines));
        QCOMPARE(lines, (QList<QByteArray>{"{\"a\":1}", "{\"b\":2}"}));
        QCOMPARE(splitter.rest(), QByteArray("{\"c\":3"));
    }

    void overlongLineIsRefused()
    {
        LineSplitter splitter(10);
        QList<QByteArray> lines;
        QVERIFY(!splitter.append(QByteArray(11, 'x'), lines)); // no LF yet, already too long
        LineSplitter other(10);
        QVERIFY(!other.append(QByteArray(20, 'x') + '\n', lines));
    }

    void value()
    {
        const auto d = ProxyValue::decode(R"({"data":"aGVsbG8=","id":"18446744073709551615","type":3})");
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.value.id, Q_UINT64_C(18446744073709551615)); // beyond a double's exact range
        QCOMPARE(d.value.type, quint16(3));
        QCOMPARE(d.value.data, QByteArray("hello"));
        QCOMPARE(d.value.lifetimeSeconds, 300);
        QVERIFY(!d.expired);
        QVERIFY(ProxyValue::decode(R"({"data":"aGk=","expired":true,"id":"5","type":0})").expired);
        QVERIFY(ProxyValue::decode(R"({"cypher":"AAAA","id":"9"})").error.isEmpty()); // encrypted: no data
    }

    void plainLinesReadFastAsTheFullParserReadsThem_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("plain") << QByteArray(R"({"data":"aGVsbG8=","id":"7","type":0})");
        QTest::newRow("escaped slash") << QByteArray(R"({"data":"a\/8=","id":"7","type":0})");
        QTest::newRow("empty data") << QByteArray(R"({"data":"","id":"7","type":0})");
        QTest::newRow("id beyond 64 bits")
            << QByteArray(R"({"data":"aGk=","id":"18446744073709551616","type":0})");
        QTest::newRow("type beyond 16 bits") << QByteArray(R"({"data":"aGk=","id":"1","type":65536})");
        QTest::newRow("trailing CR") << QByteArray("{\"data\":\"aGk=\",\"id\":\"1\",\"type\":5}\r");
    }

    void plainLinesReadFastAsTheFullParserReadsThem()
    {
        // The fast path must say what the JSON parser says, or step aside for it.
        QFETCH(QByteArray, line);
        const auto d = ProxyValue::decode(line);
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        bool idOk = false;
        const quint64 id = o.value(QStringLiteral("id")).toString().toULongLong(&idOk);
        const double type = o.value(QStringLiteral("type")).toDouble();
        QCOMPARE(d.error.isEmpty(), idOk && type <= 65535);
        if (d.error.isEmpty()) {
            QCOMPARE(d.value.id, id);
            QCOMPARE(d.value.data,
                     QByteArray::fromBase64(o.value(QStringLiteral("data")).toString().toLatin1()));
        }
    }

    void base64ReadAsQtReadsIt()
    {
        // Plain lines decode base64 with a decoder of their own: on every text, canonical or
        // not (padding inside, missing, too much; characters outside the alphabet; lengths
        // that are no multiple of 4), it must accept exactly what Qt's strict decoder accepts,
        // with the same bytes. A fixed seed: the same 20 000 texts each run.
        QRandomGenerator random(13);
        const QByteArray alphabet =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/==-_ \\\"\x01\xff";
        int accepted = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray text;
            const int size = random.bounded(0, 14);
            const bool canonical = i % 2 == 0; // half made of base64 output with a defect at most
            if (canonical) {
                QByteArray bytes(random.bounded(0, 10), Qt::Uninitialized);
                for (char& c : bytes)
                    c = char(random.bounded(256));
                text = bytes.toBase64();
                if (!text.isEmpty() && i % 6 == 0)
                    text[random.bounded(text.size())] = alphabet[random.bounded(alphabet.size())];
            } else {
                for (int k = 0; k < size; ++k)
                    text += alphabet[random.bounded(alphabet.size())];
            }
            const QByteArray line = "{\"data\":\"" + text + "\",\"id\":\"1\",\"type\":0}";
            const auto qt = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
            const auto d = ProxyValue::decode(line);
            // Texts that are no JSON string (a quote, a control character) fail as lines anyway.
            if (text.contains('"') || text.contains('\\') || text.contains('\x01') || text.contains('\xff'))
                continue;
            QCOMPARE(d.error.isEmpty(), bool(qt));
            if (qt) {
                QCOMPARE(d.value.data, qt.decoded);
                ++accepted;
            }
        }
        QVERIFY(accepted > 5000); // the comparison covered accepted texts too
    }

    void badLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("mustSay");
        QTest::newRow("not json") << QByteArray("{\"data\":") << QStringLiteral("not JSON");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("not an object");
        QTest::newRow("id as number") << QByteArray("{\"id\":12,\"data\":\"\"}") << QStringLiteral("\"id\"");
        QTest::newRow("no id") << QByteArray("{\"data\":\"aGk=\"}") << QStringLiteral("\"id\"");
        QTest::newRow("bad base64") << QByteArray("{\"id\":\"1\",\"data\":\"a*b=\"}")
                                    << QStringLiteral("base64");
        QTest::newRow("type string") << QByteArray("{\"id\":\"1\",\"type\":\"x\"}") << QStringLiteral("type");
        QTest::newRow("type too big")
            << QByteArray("{\"id\":\"1\",\"type\":70000}") << QStringLiteral("type");
        // Metadata fields of the wrong shape: no proxy writes them (seq is libopendht's uint16).
        QTest::newRow("seq too big") << QByteArray("{\"id\":\"1\",\"owner\":\"x\",\"seq\":70000}")
                                     << QStringLiteral("metadata");
        QTest::newRow("seq negative")
            << QByteArray("{\"id\":\"1\",\"seq\":-1}") << QStringLiteral("metadata");
        QTest::newRow("sig not base64")
            << QByteArray("{\"id\":\"1\",\"sig\":\"a*b\"}") << QStringLiteral("metadata");
        QTest::newRow("owner a number")
            << QByteArray("{\"id\":\"1\",\"owner\":5}") << QStringLiteral("metadata");
        QTest::newRow("cypher not base64")
            << QByteArray("{\"id\":\"1\",\"cypher\":\"!!\"}") << QStringLiteral("metadata");
    }

    void badLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, mustSay);
        const auto d = ProxyValue::decode(line);
        QVERIFY2(d.error.contains(mustSay), qPrintable(d.error));
    }

    void putBodyRoundTrip()
    {
        classic::Item item;
        item.putTimeUs = 1'800'000'000'000'000LL;
        item.ttl = 600;
        item.data = "v";
        item.valueHash = classic::sha1("v");
        const QByteArray body = ProxyValue::encodePut(Q_UINT64_C(18446744073709551615), item.encode());
        const auto d = ProxyValue::decode(body);
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.value.id, Q_UINT64_C(18446744073709551615));
        QCOMPARE(d.value.type, DhtValueType::classicItem);
        QCOMPARE(classic::Item::decode(d.value.data).expiryUs(), item.expiryUs());
    }
};

QTEST_APPLESS_MAIN(TestProxyValue)
#include "tst_proxyvalue.moc"
