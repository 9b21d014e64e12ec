// ValueViewer with the decoders and the details pane: each kind of value a real proxy serves
// (plain, signed with an owner, encrypted, decrypted by the gateway, a type 8 certificate,
// msgpack), every field shown, decoders chosen automatically and by hand, and untrusted text
// (user type, owner PEM, decoded strings) never interpreted as rich text.
#include "ui/common/BrowserSettings.h"
#include "ui/values/DecodeView.h"
#include "ui/values/ValueDetails.h"
#include "ui/values/ValueFormat.h"
#include "ui/values/ValueViewer.h"

#include "core/proxy/ProxyValue.h"

#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

namespace {

QByteArray fixture(const QString& name)
{
    QFile file(QStringLiteral(ODB_VALUE_FIXTURES "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

DhtValue served(const QString& name)
{
    const auto decoded = ProxyValue::decode(fixture(name).trimmed());
    if (!decoded.error.isEmpty())
        qFatal("%s: %s", qPrintable(name), qPrintable(decoded.error));
    DhtValue v;
    v.data = decoded.value.data;
    v.hasId = true;
    v.id = decoded.value.id;
    v.type = decoded.value.type;
    v.meta = decoded.value.meta;
    v.ttlLeft = 550;
    v.ttlIsUpperBound = true;
    return v;
}

DhtValue bytes(const QByteArray& data)
{
    DhtValue v;
    v.data = data;
    v.hasId = true;
    v.id = 42;
    v.ttlLeft = 300;
    v.ttlIsUpperBound = true;
    return v;
}

QString keyIdFile(const QString& name)
{
    return QString::fromLatin1(fixture(name).trimmed());
}

// Every row of the decoded tree, depth first, as "label=value".
QStringList rows(const QTreeWidget* tree)
{
    QStringList out;
    QList<const QTreeWidgetItem*> stack;
    for (int i = tree->topLevelItemCount() - 1; i >= 0; --i)
        stack.append(tree->topLevelItem(i));
    while (!stack.isEmpty()) {
        const QTreeWidgetItem* item = stack.takeLast();
        out.append(item->text(0) + u'=' + item->text(1));
        for (int i = item->childCount() - 1; i >= 0; --i)
            stack.append(item->child(i));
    }
    return out;
}

// No label of the viewer reads its text as rich text (a buddy label's own mnemonic aside).
void checkLabelsArePlain(const QWidget& viewer)
{
    for (const QLabel* label : viewer.findChildren<QLabel*>()) {
        if (!label->buddy())
            QCOMPARE(label->textFormat(), Qt::PlainText);
    }
}

} // namespace

class TestValueDecode : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        browserSettings().flush(); // what the last test left pending, then nothing
        QSettings().remove(QStringLiteral("viewer"));
    }
    void plainValueDetails();
    void classicItemTtlIsExact();
    void signedValueWithOwner();
    void encryptedShowsCiphertext();
    void encryptedForAKnownRecipient();
    void decryptedByTheGateway();
    void certificateDecodedAutomatically();
    void msgpackDecodedAutomatically();
    void decoderByHand();
    void untrustedTextIsNeverRichText();
};

void TestValueDecode::plainValueDetails()
{
    DhtValue v = bytes("plain words");
    v.id = Q_UINT64_C(18446744073709551615);
    ValueViewer viewer;
    viewer.setValue(v);
    QCOMPARE(viewer.shownText(), QStringLiteral("plain words"));
    QVERIFY(!viewer.showsDecoded());
    const ValueDetails* d = viewer.details();
    QCOMPARE(d->fieldText(QStringLiteral("id")), QStringLiteral("18446744073709551615")); // exact
    QCOMPARE(d->fieldText(QStringLiteral("type")), QStringLiteral("0 user data"));
    QCOMPARE(d->fieldText(QStringLiteral("userType")), QStringLiteral("none"));
    QCOMPARE(d->fieldText(QStringLiteral("size")), QStringLiteral("11 bytes"));
    QCOMPARE(d->fieldText(QStringLiteral("ttl")), QStringLiteral("at most 05:00 (300 s)"));
    QCOMPARE(d->fieldText(QStringLiteral("removable")), QStringLiteral("no (no secret hash)"));
    QCOMPARE(d->fieldText(QStringLiteral("application")), QStringLiteral("not told"));
    QCOMPARE(d->fieldText(QStringLiteral("owner")), QStringLiteral("none (unsigned)"));
    QCOMPARE(d->fieldText(QStringLiteral("seq")), QStringLiteral("none (unsigned)"));
    QCOMPARE(d->fieldText(QStringLiteral("signed")), QStringLiteral("no"));
    QCOMPARE(d->fieldText(QStringLiteral("recipient")), QStringLiteral("none"));
    QCOMPARE(d->fieldText(QStringLiteral("encrypted")), QStringLiteral("no"));
    QCOMPARE(d->fieldText(QStringLiteral("decrypted")), QStringLiteral("no"));
    QCOMPARE(d->fieldText(QStringLiteral("priority")), QStringLiteral("0"));
    v.type = 12345;
    viewer.setValue(v);
    QVERIFY(d->fieldText(QStringLiteral("type"))
                .startsWith(QStringLiteral("12345 (not a type stock nodes know")));
    viewer.clear();
    QVERIFY(d->fieldText(QStringLiteral("id")).isNull());
}

void TestValueDecode::classicItemTtlIsExact()
{
    DhtValue v = bytes("classic");
    v.classicItem = true;
    v.ttlIsUpperBound = false;
    v.ttlLeft = 3725;
    v.secretHash = QByteArray(20, '\x01');
    v.application = QStringLiteral("<b>app</b>");
    v.type = 0x4F43;
    ValueViewer viewer;
    viewer.setValue(v);
    const ValueDetails* d = viewer.details();
    QCOMPARE(d->fieldText(QStringLiteral("ttl")), QStringLiteral("01:02:05 (3725 s, exact)"));
    QCOMPARE(d->fieldText(QStringLiteral("removable")), QStringLiteral("yes (put with a secret)"));
    QCOMPARE(d->fieldText(QStringLiteral("secretHash")),
             QStringLiteral("0101010101010101010101010101010101010101"));
    QCOMPARE(d->fieldText(QStringLiteral("application")), QStringLiteral("<b>app</b>"));
    QCOMPARE(d->fieldText(QStringLiteral("type")), QStringLiteral("20291 classic item"));
}

void TestValueDecode::signedValueWithOwner()
{
    const DhtValue v = served(QStringLiteral("signed.json"));
    ValueViewer viewer;
    viewer.setValue(v);
    QCOMPARE(viewer.shownText(), QStringLiteral("<b>signed</b><img")); // as dhtnode's shell put it
    const ValueDetails* d = viewer.details();
    QCOMPARE(d->fieldText(QStringLiteral("owner")), QString::fromLatin1(v.ownerId()));
    QCOMPARE(d->fieldText(QStringLiteral("owner")).size(), 40);
    QVERIFY(
        d->fieldText(QStringLiteral("ownerPem")).startsWith(QStringLiteral("-----BEGIN PUBLIC KEY----- …")));
    QCOMPARE(d->fieldText(QStringLiteral("signed")), QStringLiteral("yes (512 bytes of signature)"));
    QCOMPARE(d->fieldText(QStringLiteral("seq")), QStringLiteral("0"));
    QCOMPARE(d->fieldText(QStringLiteral("userType")), QStringLiteral("text/plain"));
    QCOMPARE(d->fieldText(QStringLiteral("id")), QString::number(v.id));
    QCOMPARE(d->fieldText(QStringLiteral("ttl")), QStringLiteral("at most 09:10 (550 s)"));
    viewer.details()->copyOwnerKey();
    QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromUtf8(v.meta->ownerPem)); // whole
    // libopendht writes the PEM with a NUL at its end: copied as served.
    QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("-----END PUBLIC KEY-----\n")));
}

void TestValueDecode::encryptedShowsCiphertext()
{
    const DhtValue v = served(QStringLiteral("encrypted.json"));
    QVERIFY(v.isEncrypted());
    ValueViewer viewer;
    viewer.setValue(v);
    const QString size = ValueFormat::byteCount(v.meta->cypher.size());
    QCOMPARE(viewer.statusText(),
             QStringLiteral("encrypted, recipient unknown: %1 of ciphertext, shown as hex").arg(size));
    QCOMPARE(viewer.shownText(), ValueFormat::hexDump(v.meta->cypher));
    QVERIFY(!viewer.showsDecoded());
    const ValueDetails* d = viewer.details();
    QCOMPARE(d->fieldText(QStringLiteral("encrypted")), QStringLiteral("yes (%1 of ciphertext)").arg(size));
    QCOMPARE(d->fieldText(QStringLiteral("recipient")), QStringLiteral("unknown"));
    // What travels inside the ciphertext is not known: not "user data", not "unsigned".
    for (const QString& field : {QStringLiteral("type"), QStringLiteral("userType"), QStringLiteral("owner"),
                                 QStringLiteral("seq"), QStringLiteral("signed")})
        QCOMPARE(d->fieldText(field), QStringLiteral("unknown (inside the ciphertext)"));
    QCOMPARE(d->fieldText(QStringLiteral("size")), QStringLiteral("%1 of ciphertext").arg(size));
    QCOMPARE(d->fieldText(QStringLiteral("decrypted")), QStringLiteral("no"));
    viewer.setDecoder(QStringLiteral("msgpack")); // by hand too: the ciphertext, in hex
    QCOMPARE(viewer.shownText(), ValueFormat::hexDump(v.meta->cypher));
}

void TestValueDecode::encryptedForAKnownRecipient()
{
    DhtValue v = served(QStringLiteral("encrypted.json"));
    auto meta = std::make_shared<DhtValueMeta>(*v.meta);
    meta->recipientHex = keyIdFile(QStringLiteral("decrypted.keyid")).toLatin1();
    v.meta = meta;
    ValueViewer viewer;
    viewer.setValue(v);
    QVERIFY2(viewer.statusText().startsWith(QStringLiteral("encrypted for ") +
                                            keyIdFile(QStringLiteral("decrypted.keyid"))),
             qPrintable(viewer.statusText()));
}

void TestValueDecode::decryptedByTheGateway()
{
    const DhtValue v = served(QStringLiteral("decrypted.json"));
    const QString recipient = keyIdFile(QStringLiteral("decrypted.keyid"));
    ValueViewer viewer;
    viewer.setValue(v);
    QCOMPARE(viewer.shownText(), QStringLiteral("secret-for-c"));
    QVERIFY2(viewer.statusText().startsWith(
                 QStringLiteral("decrypted by the gateway (encrypted for %1)\n").arg(recipient)),
             qPrintable(viewer.statusText()));
    const ValueDetails* d = viewer.details();
    QCOMPARE(d->fieldText(QStringLiteral("decrypted")),
             QStringLiteral("yes (encrypted for %1)").arg(recipient));
    QCOMPARE(d->fieldText(QStringLiteral("recipient")), recipient);
    QCOMPARE(d->fieldText(QStringLiteral("encrypted")), QStringLiteral("no"));
    QVERIFY(d->fieldText(QStringLiteral("signed")).startsWith(QStringLiteral("yes")));
}

void TestValueDecode::certificateDecodedAutomatically()
{
    const DhtValue v = served(QStringLiteral("cert-type8.json"));
    const QString keyId = keyIdFile(QStringLiteral("cert-type8.keyid"));
    ValueViewer viewer;
    viewer.setValue(v);
    QCOMPARE(viewer.mode(), ValueViewer::Mode::Auto);
    QVERIFY(viewer.showsDecoded());
    QCOMPARE(viewer.decoderId(), QStringLiteral("certificate"));
    QVERIFY2(viewer.statusText().contains(
                 QStringLiteral("X.509 certificate (chain of 2 certificates of DHT Node, key id ") + keyId),
             qPrintable(viewer.statusText()));
    QVERIFY(rows(viewer.decodeView()).contains(QStringLiteral("key id=") + keyId));
    QCOMPARE(viewer.details()->fieldText(QStringLiteral("type")), QStringLiteral("8 certificate"));
    QCOMPARE(viewer.details()->fieldText(QStringLiteral("id")), QStringLiteral("1"));
    viewer.setMode(ValueViewer::Mode::Hex); // the bytes themselves are still there to see
    QCOMPARE(viewer.shownText(), ValueFormat::hexDump(v.data));
}

void TestValueDecode::msgpackDecodedAutomatically()
{
    ValueViewer viewer;
    viewer.setValue(bytes(fixture(QStringLiteral("msgpack-nested.bin"))));
    QVERIFY(viewer.showsDecoded());
    QCOMPARE(viewer.decoderId(), QStringLiteral("msgpack"));
    QVERIFY2(viewer.statusText().contains(QStringLiteral("msgpack (msgpack map, 2 entries)")),
             qPrintable(viewer.statusText()));
    QVERIFY(rows(viewer.decodeView()).contains(QStringLiteral("d=deep")));
    viewer.setValue(bytes(fixture(QStringLiteral("jami-device.bin"))));
    QCOMPARE(viewer.decoderId(), QStringLiteral("jami-device"));
    viewer.setValue(bytes("just text")); // no decoder fits: today's choice
    QVERIFY(!viewer.showsDecoded());
    QCOMPARE(viewer.shownText(), QStringLiteral("just text"));
}

void TestValueDecode::decoderByHand()
{
    ValueViewer viewer;
    auto* box = viewer.findChild<QComboBox*>();
    QVERIFY(box->findText(QStringLiteral("msgpack")) > 0);
    QVERIFY(box->findText(QStringLiteral("X.509 certificate")) > 0);
    QVERIFY(box->findText(QStringLiteral("Ham-DHT reflector part")) > 0);
    const QByteArray array = fixture(QStringLiteral("msgpack-array.bin"));
    viewer.setValue(bytes(array));
    QVERIFY(viewer.showsDecoded());
    // The user picks the certificate decoder: it cannot, says why, and shows the bytes.
    const int index = box->findText(QStringLiteral("X.509 certificate"));
    box->setCurrentIndex(index);
    emit box->activated(index);
    QCOMPARE(viewer.mode(), ValueViewer::Mode::Decoder);
    QCOMPARE(viewer.decoderId(), QStringLiteral("certificate"));
    QVERIFY(!viewer.showsDecoded());
    QVERIFY2(viewer.statusText().contains(QStringLiteral("Not shown as X.509 certificate: cannot decode: ")),
             qPrintable(viewer.statusText()));
    QCOMPARE(viewer.shownText(), ValueFormat::hexDump(array));
    viewer.setDecoder(QStringLiteral("msgpack"));
    QVERIFY(viewer.showsDecoded());
    QCOMPARE(box->currentText(), QStringLiteral("msgpack"));
    // A hostile value: never chosen automatically; by hand, a clear reason and the bytes.
    const QByteArray deep = QByteArray(10000, '\x91') + '\x00';
    viewer.setValue(bytes(deep));
    QVERIFY(!viewer.showsDecoded());
    QVERIFY2(viewer.statusText().contains(QStringLiteral("cannot decode: nested more than 64 deep")),
             qPrintable(viewer.statusText()));
    QCOMPARE(viewer.shownText(), ValueFormat::hexDump(deep));
    // Remembered for the kind, as the other modes are.
    ValueViewer second;
    second.setValue(bytes(fixture(QStringLiteral("urfd-peers-1.bin"))));
    QCOMPARE(second.mode(), ValueViewer::Mode::Decoder);
    QCOMPARE(second.decoderId(), QStringLiteral("msgpack"));
    QCOMPARE(second.findChild<QComboBox*>()->currentText(), QStringLiteral("msgpack"));
    second.setValue(bytes("text stays text"));
    QCOMPARE(second.mode(), ValueViewer::Mode::Auto);
}

void TestValueDecode::untrustedTextIsNeverRichText()
{
    const QString bold = QStringLiteral("<b>x</b>"), image = QStringLiteral("<img src=http://x/y.png>");
    DhtValue v = bytes(fixture(QStringLiteral("msgpack-map.bin"))); // "name": "<b>x</b>"
    auto meta = std::make_shared<DhtValueMeta>();
    meta->userType = bold.toUtf8();
    meta->ownerPem = image.toUtf8() + "\n" + bold.toUtf8();
    meta->signature = "s";
    v.meta = meta;
    ValueViewer viewer;
    viewer.resize(600, 500);
    viewer.show();
    viewer.setValue(v);
    QVERIFY(viewer.showsDecoded());
    QVERIFY(rows(viewer.decodeView()).contains(QStringLiteral("name=") + bold));
    const ValueDetails* d = viewer.details();
    QCOMPARE(d->fieldText(QStringLiteral("userType")), bold);
    QCOMPARE(d->fieldText(QStringLiteral("owner")),
             QStringLiteral("unknown (the owner is not a PEM public key)"));
    QVERIFY(d->fieldText(QStringLiteral("ownerPem")).startsWith(image + QStringLiteral(" …")));
    // Tooltips are rich text by Qt's design: they carry the text escaped (plainToolTip).
    for (const QTreeWidget* tree : QList<const QTreeWidget*>{viewer.decodeView(), d->view()}) {
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            const QString tip = tree->topLevelItem(i)->toolTip(1);
            QVERIFY2(!tip.contains(bold) && !tip.contains(image), qPrintable(tip));
        }
    }
    checkLabelsArePlain(viewer);
    // A decoded vCard with markup: literal, its line breaks made visible.
    viewer.setValue(bytes(fixture(QStringLiteral("jami-trust.bin"))));
    QVERIFY(rows(viewer.decodeView())
                .contains(QStringLiteral("payload=BEGIN:VCARD␍␊FN:<img src=x>␍␊END:VCARD␍␊")));
    QVERIFY2(viewer.statusText().contains(QStringLiteral("Jami trust request")),
             qPrintable(viewer.statusText()));
    checkLabelsArePlain(viewer);
}

QTEST_MAIN(TestValueDecode)
#include "tst_valuedecode.moc"
