// The value decoders of core/decode on real payloads (tests/fixtures/values, made by dhtnode and
// python3-msgpack: see generate.py there) and on hostile ones: each hostile input gives a clear
// "cannot decode: ..." quickly, never a crash, a hang or an unbounded allocation.
#include "core/decode/CertificateDecoder.h"
#include "core/decode/DecodeLimits.h"
#include "core/decode/DecoderRegistry.h"
#include "core/decode/MsgpackDecoder.h"
#include "core/proxy/ProxyValue.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

namespace {

QByteArray fixture(const QString& name)
{
    QFile file(QStringLiteral(ODB_VALUE_FIXTURES "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

DhtValue plain(const QByteArray& data, quint64 id = 7, quint16 type = 0)
{
    DhtValue v;
    v.data = data;
    v.hasId = true;
    v.id = id;
    v.type = type;
    return v;
}

// A value as a stock proxy served it (fixtures/values/*.json).
DhtValue served(const QString& name)
{
    const auto decoded = ProxyValue::decode(fixture(name).trimmed());
    if (!decoded.error.isEmpty())
        qFatal("%s: %s", qPrintable(name), qPrintable(decoded.error));
    DhtValue v = plain(decoded.value.data, decoded.value.id, decoded.value.type);
    v.meta = decoded.value.meta;
    return v;
}

DhtValue withUserType(DhtValue v, const QByteArray& userType)
{
    auto meta = std::make_shared<DhtValueMeta>(v.meta ? *v.meta : DhtValueMeta());
    meta->userType = userType;
    meta->signature = "sig"; // Ham-DHT parts are signed
    v.meta = meta;
    return v;
}

const DecodeNode* find(const QList<DecodeNode>& nodes, const QString& label)
{
    for (const DecodeNode& node : nodes) {
        if (node.label == label)
            return &node;
    }
    return nullptr;
}

// The node at a path of labels, e.g. {"a", "b", "c"}.
const DecodeNode* at(const DecodeResult& result, const QStringList& path)
{
    const QList<DecodeNode>* nodes = &result.nodes;
    const DecodeNode* node = nullptr;
    for (const QString& label : path) {
        node = find(*nodes, label);
        if (!node)
            return nullptr;
        nodes = &node->children;
    }
    return node;
}

QString valueAt(const DecodeResult& result, const QStringList& path)
{
    const DecodeNode* node = at(result, path);
    return node ? node->value : QStringLiteral("<missing %1>").arg(path.join(u'/'));
}

QString bestId(const DhtValue& value)
{
    const ValueDecoder* decoder = DecoderRegistry::instance().best(value);
    return decoder ? decoder->id() : QString();
}

DecodeResult decodeWith(const QString& id, const DhtValue& value)
{
    return DecoderRegistry::instance().byId(id)->decode(value);
}

} // namespace

class TestDecoders : public QObject
{
    Q_OBJECT
private slots:
    void msgpackMap();
    void msgpackArrayAndNesting();
    void msgpackBinaryAsHex();
    void scalarsAndTextAreNotChosen();
    void certificateAnnouncedByDhtnode();
    void certificateInAnyValue();
    void jamiDeviceAnnouncement();
    void jamiTrustRequest();
    void peerConnectionRequest();
    void hamDhtParts_data();
    void hamDhtParts();
    void hamDhtByIdAlone();
    void encryptedValueHasNothingToDecode();
    void hostile_data();
    void hostile();
    void outputIsCapped();
};

void TestDecoders::msgpackMap()
{
    const DhtValue v = plain(fixture(QStringLiteral("msgpack-map.bin")));
    QCOMPARE(bestId(v), QStringLiteral("msgpack"));
    const DecodeResult r = decodeWith(QStringLiteral("msgpack"), v);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.summary, QStringLiteral("msgpack map, 5 entries"));
    QCOMPARE(valueAt(r, {QStringLiteral("name")}), QStringLiteral("<b>x</b>")); // as it is
    QCOMPARE(valueAt(r, {QStringLiteral("count")}), QStringLiteral("3"));
    QCOMPARE(valueAt(r, {QStringLiteral("ok")}), QStringLiteral("true"));
    QCOMPARE(valueAt(r, {QStringLiteral("ratio")}), QStringLiteral("0.5"));
    QCOMPARE(valueAt(r, {QStringLiteral("none")}), QStringLiteral("nil"));
}

void TestDecoders::msgpackArrayAndNesting()
{
    const DecodeResult array =
        decodeWith(QStringLiteral("msgpack"), plain(fixture(QStringLiteral("msgpack-array.bin"))));
    QVERIFY2(array.ok(), qPrintable(array.error));
    QCOMPARE(array.nodes.size(), 5);
    QCOMPARE(valueAt(array, {QStringLiteral("[1]")}), QStringLiteral("-2"));
    QCOMPARE(valueAt(array, {QStringLiteral("[2]")}), QStringLiteral("three"));
    QCOMPARE(valueAt(array, {QStringLiteral("[3]"), QStringLiteral("[1]")}), QStringLiteral("5"));
    QCOMPARE(valueAt(array, {QStringLiteral("[4]")}), QStringLiteral("18446744073709551615")); // exact
    const DecodeResult nested =
        decodeWith(QStringLiteral("msgpack"), plain(fixture(QStringLiteral("msgpack-nested.bin"))));
    QCOMPARE(valueAt(nested, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                              QStringLiteral("[1]"), QStringLiteral("d")}),
             QStringLiteral("deep"));
    QCOMPARE(valueAt(nested, {QStringLiteral("list"), QStringLiteral("[0]")}),
             QStringLiteral("array, 0 elements"));
    QCOMPARE(valueAt(nested, {QStringLiteral("list"), QStringLiteral("[1]")}),
             QStringLiteral("map, 0 entries"));
    QVERIFY(nested.text().contains(QStringLiteral("        d: deep\n")));
}

void TestDecoders::msgpackBinaryAsHex()
{
    const DecodeResult r =
        decodeWith(QStringLiteral("msgpack"), plain(fixture(QStringLiteral("msgpack-binary.bin"))));
    QCOMPARE(valueAt(r, {QStringLiteral("blob")}),
             QStringLiteral("20 bytes: 000102030405060708090a0b0c0d0e0f10111213"));
    QCOMPARE(valueAt(r, {QStringLiteral("text")}), QStringLiteral("café"));
}

void TestDecoders::scalarsAndTextAreNotChosen()
{
    // Most short byte strings are one msgpack scalar ("x" is the integer 120): never automatic.
    for (const QByteArray& bytes :
         {QByteArray("x"), QByteArray("hello"), QByteArray("{\"a\":1}"), QByteArray()})
        QCOMPARE(bestId(plain(bytes)), QString());
    const DecodeResult byHand = decodeWith(QStringLiteral("msgpack"), plain("x"));
    QVERIFY(byHand.ok());
    QCOMPARE(valueAt(byHand, {QStringLiteral("msgpack")}), QStringLiteral("120"));
    const DecodeResult text = decodeWith(QStringLiteral("msgpack"), plain("hello"));
    QVERIFY(text.error.startsWith(QStringLiteral("cannot decode: 4 bytes left")));
}

void TestDecoders::certificateAnnouncedByDhtnode()
{
    const DhtValue v = served(QStringLiteral("cert-type8.json"));
    QCOMPARE(v.type, quint16(8));
    QCOMPARE(bestId(v), QStringLiteral("certificate"));
    const DecodeResult r = decodeWith(QStringLiteral("certificate"), v);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QString printed = QString::fromLatin1(fixture(QStringLiteral("cert-type8.keyid")).trimmed());
    // The key id is the DHT key the node announced its certificate under, as dhtnode printed it.
    QCOMPARE(valueAt(r, {QStringLiteral("certificate 1 of 2"), QStringLiteral("key id")}), printed);
    QVERIFY2(r.summary.contains(printed), qPrintable(r.summary));
    QCOMPARE(valueAt(r, {QStringLiteral("certificate 1 of 2")}), QStringLiteral("DHT Node"));
    QCOMPARE(valueAt(r, {QStringLiteral("certificate 2 of 2")}), QStringLiteral("DHT Node CA"));
    QCOMPARE(valueAt(r, {QStringLiteral("certificate 1 of 2"), QStringLiteral("certificate authority")}),
             QStringLiteral("no (no basic constraints)"));
    QCOMPARE(valueAt(r, {QStringLiteral("certificate 2 of 2"), QStringLiteral("certificate authority")}),
             QStringLiteral("yes"));
    QCOMPARE(valueAt(r, {QStringLiteral("certificate 1 of 2"), QStringLiteral("issuer")}),
             valueAt(r, {QStringLiteral("certificate 2 of 2"), QStringLiteral("subject")}));
    QVERIFY(valueAt(r, {QStringLiteral("certificate 1 of 2"), QStringLiteral("subject")})
                .contains(QStringLiteral("UID=") + printed));
    QVERIFY(valueAt(r, {QStringLiteral("certificate 1 of 2"), QStringLiteral("not after")})
                .endsWith(QStringLiteral(" UTC")));
    QVERIFY(!valueAt(r, {QStringLiteral("certificate 1 of 2"), QStringLiteral("serial")}).isEmpty());
    QVERIFY(valueAt(r, {QStringLiteral("certificate 1 of 2"), QStringLiteral("public key")})
                .startsWith(QStringLiteral("RSA")));
}

void TestDecoders::certificateInAnyValue()
{
    const QList<QSslCertificate> chain =
        CertificateDecoder::certificates(served(QStringLiteral("cert-type8.json")).data);
    QCOMPARE(chain.size(), 2);
    const DhtValue pem = plain(chain.first().toPem(), 3, 0);
    QCOMPARE(DecoderRegistry::instance().byId(QStringLiteral("certificate"))->match(pem),
             int(ValueDecoder::Certain));
    QCOMPARE(bestId(pem), QStringLiteral("certificate"));
    const DhtValue der = plain(chain.first().toDer(), 3, 0);
    QCOMPARE(bestId(der), QStringLiteral("certificate"));
    QCOMPARE(valueAt(decodeWith(QStringLiteral("certificate"), der),
                     {QStringLiteral("certificate"), QStringLiteral("key id")}),
             QString::fromLatin1(fixture(QStringLiteral("cert-type8.keyid")).trimmed()));
    const DecodeResult none =
        decodeWith(QStringLiteral("certificate"), plain("-----BEGIN CERTIFICATE-----\nnot base64"));
    QCOMPARE(none.error, QStringLiteral("cannot decode: no X.509 certificate that Qt can read"));
}

void TestDecoders::jamiDeviceAnnouncement()
{
    const DhtValue v = plain(fixture(QStringLiteral("jami-device.bin")));
    QCOMPARE(bestId(v), QStringLiteral("jami-device"));
    const DecodeResult r = decodeWith(QStringLiteral("jami-device"), v);
    QVERIFY2(r.ok(), qPrintable(r.error));
    // The key is dhtnode's own: its id is the owner id of the value that node signed.
    const QString ownerId = QString::fromLatin1(served(QStringLiteral("signed.json")).ownerId());
    QCOMPARE(ownerId.size(), 40);
    const DecodeNode* key = at(r, {QStringLiteral("device announcement"), QStringLiteral("public key (pk)")});
    QVERIFY(key);
    QCOMPARE(find(key->children, QStringLiteral("key id"))->value, ownerId);
    QCOMPARE(find(key->children, QStringLiteral("algorithm"))->value, QStringLiteral("RSA, 4096 bits"));
    QCOMPARE(valueAt(r, {QStringLiteral("device announcement"), QStringLiteral("device id (dev)")}),
             ownerId + QStringLiteral(" (20 bytes)"));
}

void TestDecoders::jamiTrustRequest()
{
    const DhtValue v = plain(fixture(QStringLiteral("jami-trust.bin")), 9, 4);
    QCOMPARE(bestId(v), QStringLiteral("jami-trust-request"));
    const DecodeResult r = decodeWith(QStringLiteral("jami-trust-request"), v);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QString conversation =
        QString::fromLatin1(QCryptographicHash::hash("conv", QCryptographicHash::Sha1).toHex());
    QCOMPARE(r.summary, QStringLiteral("Jami trust request for conversation ") + conversation);
    QCOMPARE(valueAt(r, {QStringLiteral("trust request"), QStringLiteral("service")}),
             QStringLiteral("cx.ring"));
    QCOMPARE(valueAt(r, {QStringLiteral("trust request"), QStringLiteral("payload")}),
             QStringLiteral("BEGIN:VCARD\r\nFN:<img src=x>\r\nEND:VCARD\r\n"));
    QCOMPARE(valueAt(r, {QStringLiteral("trust request"), QStringLiteral("confirm")}),
             QStringLiteral("false"));
    QVERIFY(valueAt(r, {QStringLiteral("trust request"), QStringLiteral("invited (ms since 1970)")})
                .contains(QStringLiteral("1764590000000 ms")));
}

void TestDecoders::peerConnectionRequest()
{
    const DhtValue v = plain(fixture(QStringLiteral("peer-request.bin")));
    QCOMPARE(bestId(v), QStringLiteral("jami-peer-request"));
    const DecodeResult r = decodeWith(QStringLiteral("jami-peer-request"), v);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(valueAt(r, {QStringLiteral("peer connection request"), QStringLiteral("id")}),
             QStringLiteral("12345678901234567890"));
    QCOMPARE(valueAt(r, {QStringLiteral("peer connection request"), QStringLiteral("connection type")}),
             QStringLiteral("(empty)"));
    QCOMPARE(valueAt(r, {QStringLiteral("peer connection request"), QStringLiteral("ICE message"),
                         QStringLiteral("line 2")}),
             QStringLiteral("a=ice-pwd:xyz"));
}

void TestDecoders::hamDhtParts_data()
{
    QTest::addColumn<QString>("part");
    QTest::addColumn<quint64>("id");
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* name, const char* part, quint64 id, const char* path,
                        const char* expected) {
        QTest::newRow(name) << QString::fromLatin1(part) << id << QString::fromUtf8(path).split(u'|')
                            << QString::fromUtf8(expected);
    };
    row("config", "config", 1, "urfd config|callsign (cs)", "URF307");
    row("config port", "config", 1, "urfd config|ports (port)|m17", "17000");
    row("config module", "config", 1, "urfd config|auto-link modules (almod)|ysf", "67 ('C')");
    row("config description", "config", 1, "urfd config|module descriptions (description)|65 ('A')",
        "Main <b>room</b>");
    row("peers", "peers", 2, "urfd peers|list|[1]|callsign", "URF002");
    row("clients", "clients", 3, "urfd clients|list|[0]|module", "65 ('A')");
    row("users", "users", 4, "urfd users|list|[0]|via peer", "URF001");
    row("timestamp", "users", 4, "urfd users|timestamp", "1764590000 (2025-12-01 11:53:20 UTC)");
}

void TestDecoders::hamDhtParts()
{
    QFETCH(QString, part);
    QFETCH(quint64, id);
    QFETCH(QStringList, path);
    QFETCH(QString, expected);
    const QByteArray userType = "urfd-" + part.toLatin1() + "-1";
    const DhtValue v =
        withUserType(plain(fixture(QString::fromLatin1(userType) + QStringLiteral(".bin")), id), userType);
    QCOMPARE(bestId(v), QStringLiteral("ham-dht"));
    const DecodeResult r = decodeWith(QStringLiteral("ham-dht"), v);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.summary, QStringLiteral("urfd %1, version 1").arg(part));
    QCOMPARE(valueAt(r, path), expected);
}

void TestDecoders::hamDhtByIdAlone()
{
    // Signed, id 2, no user type (or an unknown version): positions by number, part from the id.
    const DhtValue v = withUserType(plain(fixture(QStringLiteral("urfd-peers-1.bin")), 2), "");
    QCOMPARE(bestId(v), QStringLiteral("ham-dht"));
    const DecodeResult r = decodeWith(QStringLiteral("ham-dht"), v);
    QCOMPARE(r.summary, QStringLiteral("Ham-DHT peers (version not known: positions by number)"));
    QCOMPARE(valueAt(r, {QStringLiteral("Ham-DHT peers"), QStringLiteral("[1]")}), QStringLiteral("7"));
    const DhtValue later =
        withUserType(plain(fixture(QStringLiteral("urfd-peers-1.bin")), 2), "mrefd-peers-2");
    QCOMPARE(valueAt(decodeWith(QStringLiteral("ham-dht"), later),
                     {QStringLiteral("mrefd peers"), QStringLiteral("[0]")}),
             QStringLiteral("1764590000"));
    QCOMPARE(bestId(plain(fixture(QStringLiteral("urfd-peers-1.bin")), 2)),
             QStringLiteral("msgpack")); // unsigned
}

void TestDecoders::encryptedValueHasNothingToDecode()
{
    const DhtValue v = served(QStringLiteral("encrypted.json"));
    QVERIFY(v.isEncrypted());
    QCOMPARE(bestId(v), QString());
    QVERIFY(
        decodeWith(QStringLiteral("msgpack"), v).error.startsWith(QStringLiteral("cannot decode: no data")));
}

void TestDecoders::hostile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    const QByteArray map = fixture(QStringLiteral("msgpack-map.bin"));
    QTest::newRow("truncated") << map.left(map.size() - 3) << QStringLiteral("truncated");
    QTest::newRow("nested 10000 deep")
        << QByteArray(10000, '\x91') + '\x00' << QStringLiteral("nested more than 64 deep");
    QTest::newRow("nested maps 10000 deep")
        << QByteArray("\x81\xa1k", 3).repeated(10000) + '\x00' << QStringLiteral("nested more than 64 deep");
    QTest::newRow("str32 of 4 GiB") << QByteArray::fromHex("dbffffffff") + "abc"
                                    << QStringLiteral("truncated");
    QTest::newRow("bin32 of 4 GiB") << QByteArray::fromHex("c6ffffffff") + "abc"
                                    << QStringLiteral("truncated");
    QTest::newRow("ext32 of 4 GiB") << QByteArray::fromHex("c9ffffffff01") + "abc"
                                    << QStringLiteral("truncated");
    QTest::newRow("array32 of 2^32") << QByteArray::fromHex("ddffffffff") + QByteArray(16, '\0')
                                     << QStringLiteral("a length or count larger");
    QTest::newRow("map32 of 2^32") << QByteArray::fromHex("dfffffffff") + QByteArray(16, '\0')
                                   << QStringLiteral("a length or count larger");
    QTest::newRow("array16 longer than the data")
        << QByteArray::fromHex("dcffff00") << QStringLiteral("a length or count larger");
    QTest::newRow("never a msgpack byte") << QByteArray::fromHex("91c1") << QStringLiteral("not msgpack");
    QTest::newRow("trailing bytes") << map + 'x' << QStringLiteral("1 byte left");
    QTest::newRow("too large") << QByteArray::fromHex("dc0000") +
                                      QByteArray(DecodeLimits::maxInputBytes, '\0')
                               << QStringLiteral("more than the 65536 bytes");
    QTest::newRow("certificate: type 8 of 4 GiB")
        << QByteArray::fromHex("c6ffffffff") + "-----BEGIN CERTIFICATE-----"
        << QStringLiteral("no X.509 certificate");
}

void TestDecoders::hostile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const DhtValue v = plain(bytes, 1, 8);
    QElapsedTimer timer;
    timer.start();
    for (const ValueDecoder* decoder : DecoderRegistry::instance().decoders()) {
        QCOMPARE(decoder->match(v) >= ValueDecoder::Likely, false);
        const DecodeResult r = decoder->decode(v);
        QVERIFY2(!r.ok(), qPrintable(decoder->id()));
        QVERIFY2(r.error.startsWith(QStringLiteral("cannot decode: ")), qPrintable(r.error));
        QVERIFY(r.nodes.isEmpty());
    }
    QCOMPARE(DecoderRegistry::instance().best(v), nullptr);
    const QString msgpack = DecoderRegistry::instance().byId(QStringLiteral("msgpack"))->decode(v).error;
    const QString certificate =
        DecoderRegistry::instance().byId(QStringLiteral("certificate"))->decode(v).error;
    QVERIFY2(msgpack.contains(reason) || certificate.contains(reason),
             qPrintable(msgpack + u'|' + certificate));
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

void TestDecoders::outputIsCapped()
{
    // 60 000 small elements: read, but shown only up to the output limit, and said so.
    const QByteArray bytes = QByteArray::fromHex("dd0000ea60") + QByteArray(60000, '\x01');
    const DecodeResult r = decodeWith(QStringLiteral("msgpack"), plain(bytes));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.truncated);
    QVERIFY(r.summary.endsWith(QStringLiteral("(shown in part: output limit)")));
    QVERIFY(r.nodes.size() <= DecodeLimits::maxNodes + 1);
    QCOMPARE(r.nodes.last().label, QStringLiteral("…"));
    QVERIFY(r.nodes.last().value.contains(QStringLiteral("more not shown")));
}

QTEST_GUILESS_MAIN(TestDecoders)
#include "tst_decoders.moc"
