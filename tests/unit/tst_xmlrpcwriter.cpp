// The classic reply shapes, byte for byte, from the examples of classic-protocol.md section 13.
#include "core/xmlrpc/XmlRpcWriter.h"

#include <QTest>

using xmlrpc::Value;
using xmlrpc::Writer;

class TestXmlRpcWriter : public QObject
{
    Q_OBJECT
private slots:
    void putStatus()
    {
        const QByteArray body = Writer::response(Value::fromInt(0));
        QCOMPARE(body,
                 QByteArray("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><methodResponse><params><param>"
                            "<value><int>0</int></value></param></params></methodResponse>"));
        QCOMPARE(body.size(), 135); // E1
    }

    void getTwoValues()
    {
        const Value v = Value::fromArray(
            {Value::fromArray({Value::fromBytes("red"), Value::fromBytes("blue")}), Value::fromBytes({})});
        const QByteArray body = Writer::response(v);
        QCOMPARE(body.size(), 304); // E3
        QVERIFY(body.contains(
            "<value><base64>cmVk\n</base64></value><value><base64>Ymx1ZQ==\n</base64></value>"));
        QVERIFY(body.contains("<value><base64></base64></value></data></array>"));
    }

    void emptyGet()
    {
        const Value v = Value::fromArray({Value::fromArray({}), Value::fromBytes({})});
        QCOMPARE(Writer::response(v).size(), 226); // E6
    }

    void faults()
    {
        QCOMPARE(Writer::fault(QStringLiteral("java.lang.Exception: key is longer than 20 bytes")).size(),
                 293);
        QCOMPARE(Writer::fault(QStringLiteral("java.lang.Exception: no such handler: get_all")).size(), 290);
        QVERIFY(
            Writer::fault(QStringLiteral("x"))
                .contains("<fault><value><struct><member><name>faultString</name><value>x</value></member>"
                          "<member><name>faultCode</name><value><int>0</int></value></member></struct></"
                          "value></fault>"));
    }

    void base64LinesOf76WithTrailingLineFeed()
    {
        QByteArray out;
        Writer::appendBase64Lines(out, QByteArray(100, 'a'));
        const QList<QByteArray> lines = out.split('\n');
        QCOMPARE(lines.size(), 3); // two lines and the empty rest after the final LF
        QCOMPARE(lines[0].size(), 76);
        QCOMPARE(lines[1].size(), 136 - 76);
        QVERIFY(lines[2].isEmpty());
    }

    void escapesOnlyMarkup()
    {
        QByteArray out;
        Writer::appendEscaped(out, QStringLiteral("a<b>&\"c'\u00e9\u20ac"));
        QCOMPARE(out, QByteArray("a&lt;b&gt;&amp;\"c'\xe9&#8364;"));
        out.clear();
        Writer::appendEscaped(out,
                              QStringLiteral("a\x1d\tb\r\n")); // e.g. a hostile User-Agent echoed by ping
        QCOMPARE(out, QByteArray("a&#65533;\tb&#13;\n"));
        out.clear();
        Writer::appendEscaped(out,
                              QString::fromUtf8("caf\xc3\xa9\xf0\x9f\x98\x80")); // one code point, not two
        QCOMPARE(out, QByteArray("caf\xe9&#128512;"));
    }

    void callIsStandard()
    {
        const QByteArray call = Writer::call(QStringLiteral("get"),
                                             {Value::fromBytes(QByteArray(60, 'k')), Value::fromInt(10),
                                              Value::fromBytes({}), Value::fromString(QStringLiteral("t"))});
        QVERIFY(call.startsWith("<?xml version=\"1.0\" "
                                "encoding=\"ISO-8859-1\"?><methodCall><methodName>get</methodName><params>"));
        QVERIFY(!call.contains('\n')); // base64 unbroken
        QVERIFY(call.contains("<param><value><int>10</int></value></param>"));
        QVERIFY(call.contains("<param><value><string>t</string></value></param>"));
    }
};

QTEST_APPLESS_MAIN(TestXmlRpcWriter)
#include "tst_xmlrpcwriter.moc"
