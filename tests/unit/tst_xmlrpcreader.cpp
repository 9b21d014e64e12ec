// How the gateway reads requests: as leniently as the classic gateway, and not more.
#include "fixtures/requests.h"

#include "core/xmlrpc/XmlRpcReader.h"

#include <QTest>

using xmlrpc::Reader;
using T = xmlrpc::Value::Type;

namespace {
QByteArray call(const QByteArray& inner)
{
    return "<?xml version=\"1.0\"?><methodCall><methodName>m</methodName><params>" + inner +
           "</params></methodCall>";
}
} // namespace

class TestXmlRpcReader : public QObject
{
    Q_OBJECT
private slots:
    void pythonPut()
    {
        const auto r = Reader::readCall(fixtures::pythonPut());
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.call.methodName, QStringLiteral("put"));
        QCOMPARE(r.call.params.size(), 4);
        QCOMPARE(r.call.params[0].toBytes().size(), 20);
        QCOMPARE(r.call.params[1].toBytes(), QByteArray("red"));
        QCOMPARE(r.call.params[2].toInt(), 3600);
        QCOMPARE(r.call.params[3].toString(), QStringLiteral("put.py"));
    }

    void perlShapeAndUtf8Label()
    {
        const auto r = Reader::readCall(fixtures::perlGetWithPlacemark());
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.call.params.size(), 4);
        QCOMPARE(r.call.params[0].toBytes(), QByteArray("simple.t: key4711"));
        QCOMPARE(r.call.params[1].toInt(), 1);
        QCOMPARE(r.call.params[2].toBytes().size(), 77); // base64 broken over two lines
        QCOMPARE(r.call.params[3].type(), T::String);
        QCOMPARE(r.call.params[3].toString(), QStringLiteral("simple.t"));
    }

    void scalars_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("text");
        QTest::newRow("untyped keeps spaces")
            << QByteArray("<value> a b </value>") << int(T::String) << QStringLiteral(" a b ");
        QTest::newRow("empty element is empty string")
            << QByteArray("<value/>") << int(T::String) << QString();
        QTest::newRow("string tag") << QByteArray("<value><string>x&amp;y</string></value>") << int(T::String)
                                    << QStringLiteral("x&y");
        QTest::newRow("i4 with spaces")
            << QByteArray("<value><i4> -7 </i4></value>") << int(T::Int) << QStringLiteral("-7");
        QTest::newRow("double parses but matches nothing")
            << QByteArray("<value><double>1.5</double></value>") << int(T::Double) << QStringLiteral("1.5");
        QTest::newRow("boolean") << QByteArray("<value><boolean>1</boolean></value>") << int(T::Boolean)
                                 << QStringLiteral("1");
    }

    void scalars()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, type);
        QFETCH(QString, text);
        const auto r = Reader::readCall(call("<param>" + value + "</param>"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.call.params.size(), 1);
        QCOMPARE(int(r.call.params[0].type()), type);
        if (type == int(T::Int))
            QCOMPARE(QString::number(r.call.params[0].toInt()), text);
        else
            QCOMPARE(r.call.params[0].toString(), text);
    }

    void methodNameIsNotTrimmed()
    {
        const auto r = Reader::readCall("<methodCall><methodName> put </methodName></methodCall>");
        QVERIFY(r.ok());
        QCOMPARE(r.call.methodName, QStringLiteral(" put "));
    }

    void nestedValuesAreOneParameter()
    {
        const auto r = Reader::readCall(
            call("<param><value><array><data><value><int>1</int></value><value>x</value></data></array>"
                 "</value></param><param><value><struct><member><name>n</name><value><int>2</int></value>"
                 "</member></struct></value></param>"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.call.params.size(), 2);
        QCOMPARE(r.call.params[0].elements().size(), 2);
        QCOMPARE(r.call.params[1].members().first().first, QStringLiteral("n"));
    }

    void unreadable_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::newRow("empty int") << call("<param><value><int></int></value></param>");
        QTest::newRow("fractional int") << call("<param><value><int>1.5</int></value></param>");
        QTest::newRow("int overflow") << call("<param><value><int>2147483648</int></value></param>");
        QTest::newRow("bad base64") << call("<param><value><base64>a*b=</base64></value></param>");
        QTest::newRow("truncated") << fixtures::pythonPut().left(120);
        QTest::newRow("not xml") << QByteArray("hello");
        QTest::newRow("not a call") << QByteArray("<methodResponse/>");
        QTest::newRow("entity bomb") << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaa\">"
                                                   "<!ENTITY b \"&a;&a;&a;&a;\">]><methodCall><methodName>&b;"
                                                   "</methodName></methodCall>");
        QTest::newRow("external entity")
            << QByteArray("<!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                          "<methodCall><methodName>&x;</methodName></methodCall>");
        QTest::newRow("undeclared entity")
            << QByteArray("<methodCall><methodName>&x;</methodName></methodCall>");
        QByteArray deep = "<methodCall>";
        for (int i = 0; i < 10000; ++i)
            deep += "<value><array><data>";
        QTest::newRow("10000 deep") << deep;
        QByteArray deepElements = "<methodCall>";
        for (int i = 0; i < 10000; ++i)
            deepElements += "<a>";
        QTest::newRow("10000 deep elements") << deepElements;
    }

    void unreadable()
    {
        QFETCH(QByteArray, document);
        const auto r = Reader::readCall(document);
        QVERIFY(!r.ok());
    }
};

QTEST_APPLESS_MAIN(TestXmlRpcReader)
#include "tst_xmlrpcreader.moc"
