// ValueViewer: the Auto choice, each mode and what it says when it does not apply, the image
// size cap, untrusted text shown literally, the remembered mode, copy and save.
#include "ui/common/BrowserSettings.h"
#include "ui/values/ImageLabel.h"
#include "ui/values/ValueDetails.h"
#include "ui/values/ValueFind.h"
#include "ui/values/ValueFormat.h"
#include "ui/values/ValueViewer.h"
#include "ui/values/ValuesModel.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>
#include <QtEndian>

namespace {

DhtValue value(const QByteArray& data)
{
    DhtValue v;
    v.data = data;
    v.ttlLeft = 3600;
    return v;
}

QByteArray png(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::red);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

quint32 crc32(const QByteArray& bytes)
{
    quint32 crc = 0xffffffff;
    for (char c : bytes) {
        crc ^= uchar(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
    }
    return ~crc;
}

QByteArray pngChunk(const QByteArray& type, const QByteArray& data)
{
    QByteArray length(4, '\0'), crc(4, '\0');
    qToBigEndian(quint32(data.size()), length.data());
    qToBigEndian(crc32(type + data), crc.data());
    return length + type + data + crc;
}

// A well-formed PNG that claims width × height pixels, with a few bytes of pixel data only.
QByteArray pngHeader(quint32 width, quint32 height)
{
    QByteArray header(8, '\0');
    qToBigEndian(width, header.data());
    qToBigEndian(height, header.data() + 4);
    header += QByteArray("\x08\x02\x00\x00\x00", 5); // 8 bits, RGB, deflate, no filter, no interlace
    return QByteArray("\x89PNG\r\n\x1a\n") + pngChunk("IHDR", header) +
           pngChunk("IDAT", QByteArray::fromHex("789c636000000002000148")) + pngChunk("IEND", {});
}

} // namespace

class TestValueViewer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void emptyState();
    void autoChooses_data();
    void autoChooses();
    void autoShowsPng();
    void imageCapRefusesHugeHeader();
    void modeThatDoesNotApplySaysSo();
    void textModeShowsControlsVisibly();
    void untrustedTextShownLiterally();
    void modeRememberedAcrossViewers();
    void modeRememberedPerKind();
    void clearsWhenTheTableLosesTheValue();
    void findHighlightsMatches();
    void zoomsImages();
    void hexLinesFitTheWidth();
    void saveWritesExactBytes();
    void saveReportsErrors();
    void copyAs();
    void copyCommandNeedsContext();
    void detailsSaySignatureCheckerAndPermanence();
};

void TestValueViewer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestValueViewer::init()
{
    browserSettings().flush(); // what the last test left pending, then nothing
    QSettings().remove(QStringLiteral("viewer"));
}

void TestValueViewer::emptyState()
{
    ValueViewer viewer;
    QVERIFY(!viewer.hasValue());
    QVERIFY(viewer.shownText().isEmpty());
    QVERIFY(!viewer.showsImage());
    QVERIFY(!viewer.copyAction(ValueViewer::Format::Hex)->isEnabled());
    QVERIFY(!viewer.saveAction()->isEnabled());
    viewer.setValue(value("x"));
    QVERIFY(viewer.saveAction()->isEnabled());
    viewer.clear();
    QVERIFY(viewer.shownText().isEmpty());
    QVERIFY(!viewer.saveAction()->isEnabled());
    bool placeholder = false;
    for (const QLabel* label : viewer.findChildren<QLabel*>())
        placeholder =
            placeholder || (label->isVisibleTo(&viewer) && label->text().contains(QStringLiteral("Select")));
    QVERIFY(placeholder);
}

void TestValueViewer::autoChooses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QString>("shownAs");
    QTest::newRow("text") << QByteArray("hello\nworld") << QStringLiteral("hello\nworld")
                          << QStringLiteral("text");
    QTest::newRow("json") << QByteArray(R"({"b":1,"a":[2]})")
                          << QStringLiteral("{\n    \"b\": 1,\n    \"a\": [\n        2\n    ]\n}")
                          << QStringLiteral("JSON");
    const QByteArray binary("\x00\x01\xff", 3);
    QTest::newRow("binary") << binary << ValueFormat::hexDump(binary) << QStringLiteral("hex");
    QTest::newRow("json scalar is text")
        << QByteArray("42") << QStringLiteral("42") << QStringLiteral("text");
    const QByteArray broken = "\x89PNG\r\n\x1a\nnot really";
    QTest::newRow("broken png") << broken << ValueFormat::hexDump(broken) << QStringLiteral("hex");
}

void TestValueViewer::autoChooses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, shown);
    QFETCH(QString, shownAs);
    ValueViewer viewer;
    QCOMPARE(viewer.mode(), ValueViewer::Mode::Auto);
    viewer.setValue(value(bytes));
    QCOMPARE(viewer.shownText(), shown);
    QVERIFY(!viewer.showsImage());
    QVERIFY2(viewer.statusText().contains(shownAs), qPrintable(viewer.statusText()));
}

void TestValueViewer::autoShowsPng()
{
    ValueViewer viewer;
    viewer.resize(400, 300);
    viewer.setValue(value(png(8, 6)));
    QVERIFY(viewer.showsImage());
    QVERIFY(viewer.shownText().isEmpty());
    QVERIFY2(viewer.statusText().contains(QStringLiteral("PNG, 8 × 6 pixels")),
             qPrintable(viewer.statusText()));
    viewer.setMode(ValueViewer::Mode::Hex); // the same bytes, as hex
    QVERIFY(!viewer.showsImage());
    QVERIFY(viewer.shownText().startsWith(QStringLiteral("00000000  89 50 4e 47 0d 0a 1a 0a")));
}

void TestValueViewer::imageCapRefusesHugeHeader()
{
    const QByteArray huge = pngHeader(100000, 100000);
    ValueViewer viewer;
    viewer.setMode(ValueViewer::Mode::Image);
    viewer.setValue(value(huge));
    QVERIFY(!viewer.showsImage());
    QVERIFY2(viewer.statusText().contains(QStringLiteral("100000 × 100000")),
             qPrintable(viewer.statusText()));
    QCOMPARE(viewer.shownText(), ValueFormat::hexDump(huge)); // the bytes are still there to see
    viewer.setMode(ValueViewer::Mode::Auto);
    QVERIFY(!viewer.showsImage());
    QVERIFY(viewer.statusText().contains(QStringLiteral("100000 × 100000")));
    // Within the cap, the same kind of header is accepted as far as its size goes.
    viewer.setValue(value(png(4096, 1)));
    QVERIFY(viewer.showsImage());
}

void TestValueViewer::modeThatDoesNotApplySaysSo()
{
    ValueViewer viewer;
    viewer.setMode(ValueViewer::Mode::Json);
    viewer.setValue(value("plain words"));
    QVERIFY2(viewer.statusText().contains(QStringLiteral("Not JSON")), qPrintable(viewer.statusText()));
    QCOMPARE(viewer.shownText(), QStringLiteral("plain words"));
    viewer.setMode(ValueViewer::Mode::Image);
    QVERIFY(!viewer.showsImage());
    QVERIFY2(viewer.statusText().contains(QStringLiteral("Not shown as an image")),
             qPrintable(viewer.statusText()));
    QCOMPARE(viewer.shownText(), QStringLiteral("plain words"));
    viewer.setValue(value("caf\xe9")); // not UTF-8: binary, a kind with its own mode
    viewer.setMode(ValueViewer::Mode::Text);
    QCOMPARE(viewer.shownText(), QStringLiteral("caf\uFFFD"));
    QVERIFY(viewer.statusText().contains(QStringLiteral("Not plain text")));
}

void TestValueViewer::textModeShowsControlsVisibly()
{
    ValueViewer viewer;
    viewer.setMode(ValueViewer::Mode::Text);
    viewer.setValue(value(QByteArray("a\x07"
                                     "b\tc\nd\0e\xe2\x80\xae",
                                     12)));
    QCOMPARE(viewer.shownText(), QStringLiteral("a␇b\tc\nd␀e⟨U+202E⟩"));
}

void TestValueViewer::untrustedTextShownLiterally()
{
    const QByteArray html = "<b>x</b><img src=http://x>";
    ValueViewer viewer;
    viewer.setValue(value(html));
    QCOMPARE(viewer.shownText(), QString::fromUtf8(html));
    viewer.setMode(ValueViewer::Mode::Image); // its words about the value go into a label
    for (const QLabel* label : viewer.findChildren<QLabel*>())
        QCOMPARE(label->textFormat(), label->buddy() ? label->textFormat() : Qt::PlainText);
}

void TestValueViewer::modeRememberedAcrossViewers()
{
    {
        ValueViewer first;
        auto* box = first.findChild<QComboBox*>();
        QVERIFY(box);
        box->setFocus();
        QTest::keyClick(box, Qt::Key_Down); // the user picks the next mode: Text
        QCOMPARE(first.mode(), ValueViewer::Mode::Text);
        first.setMode(ValueViewer::Mode::Hex);
    }
    ValueViewer second;
    QCOMPARE(second.mode(), ValueViewer::Mode::Hex);
    QCOMPARE(second.findChild<QComboBox*>()->currentText(), QStringLiteral("Hex"));
    second.setValue(value("abc"));
    QCOMPARE(second.shownText(), ValueFormat::hexDump("abc"));
}

void TestValueViewer::modeRememberedPerKind()
{
    {
        ValueViewer first;
        first.resize(400, 300);
        first.setValue(value("some words"));
        auto* box = first.findChild<QComboBox*>();
        box->setFocus();
        QTest::keyClick(box, Qt::Key_Down); // the user picks Text for a text value
        QCOMPARE(first.mode(), ValueViewer::Mode::Text);
        first.setValue(value(png(8, 6))); // a PNG still shows as an image
        QCOMPARE(first.mode(), ValueViewer::Mode::Auto);
        QVERIFY(first.showsImage());
        first.setMode(ValueViewer::Mode::Hex); // and PNGs as hex from now on
        first.setValue(value("more words"));
        QCOMPARE(first.mode(), ValueViewer::Mode::Text);
        QCOMPARE(box->currentText(), QStringLiteral("Text"));
    }
    ValueViewer second; // in the settings, for the next start
    second.setValue(value(png(8, 6)));
    QCOMPARE(second.mode(), ValueViewer::Mode::Hex);
    QVERIFY(!second.showsImage());
    second.setValue(value("{\"a\": 1}"));
    QCOMPARE(second.mode(), ValueViewer::Mode::Auto);
    second.setValue(value("words"));
    QCOMPARE(second.mode(), ValueViewer::Mode::Text);
    // A choice with no value shown is for every kind; one made later for a kind still wins.
    second.clear();
    second.setMode(ValueViewer::Mode::Hex);
    second.setValue(value("words"));
    QCOMPARE(second.mode(), ValueViewer::Mode::Hex);
    second.setMode(ValueViewer::Mode::Text);
    ValueViewer third;
    third.setValue(value("words"));
    QCOMPARE(third.mode(), ValueViewer::Mode::Text);
    third.setValue(value("{\"a\": 1}"));
    QCOMPARE(third.mode(), ValueViewer::Mode::Hex);
}

void TestValueViewer::clearsWhenTheTableLosesTheValue()
{
    ValuesModel model;
    model.setValues({value("one"), value("two")});
    ValueViewer viewer;
    viewer.followModel(&model);
    viewer.setValue(model.valueAt(1));
    QVERIFY(viewer.copyAction(ValueViewer::Format::Hex)->isEnabled());
    model.setValues({value("two"), value("three")}); // fetched again: still there
    QVERIFY(viewer.hasValue());
    model.mergeValues({value("three")}, false); // removed
    QVERIFY(!viewer.hasValue());
    QVERIFY(!viewer.copyAction(ValueViewer::Format::Hex)->isEnabled());
    QVERIFY(!viewer.saveAction()->isEnabled());
    QVERIFY(viewer.shownText().isEmpty());
}

void TestValueViewer::findHighlightsMatches()
{
    ValueViewer viewer;
    viewer.resize(500, 300);
    viewer.show();
    QApplication::setActiveWindow(&viewer); // F3 is a shortcut of the viewer's window
    QVERIFY(QTest::qWaitForWindowActive(&viewer));
    viewer.setValue(value("one <b>two</b> one two one"));
    ValueFind* find = viewer.finder();
    find->field()->setFocus();
    QVERIFY(find->isVisible());
    QTest::keyClicks(find->field(), QStringLiteral("one"));
    QCOMPARE(find->matchCount(), 3);
    QCOMPARE(viewer.textView()->extraSelections().size(), 3);
    QCOMPARE(find->countText(), QStringLiteral("1 of 3"));
    QTest::keyClick(find->field(), Qt::Key_Return);
    QCOMPARE(find->countText(), QStringLiteral("2 of 3"));
    QCOMPARE(viewer.textView()->textCursor().selectionStart(), 15);
    QTest::keyClick(find->field(), Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(find->currentMatch(), 1);
    find->findPrevious(); // wraps round
    QCOMPARE(find->currentMatch(), 3);
    // Markup in the value is found as the characters it is, never as rich text.
    find->field()->setText(QStringLiteral("<b>"));
    QCOMPARE(find->matchCount(), 1);
    QCOMPARE(viewer.shownText(), QStringLiteral("one <b>two</b> one two one"));
    find->field()->setText(QStringLiteral("absent"));
    QCOMPARE(find->countText(), QStringLiteral("no match"));
    QVERIFY(viewer.textView()->extraSelections().isEmpty());
    // Another value: the same search, its own matches.
    find->field()->setText(QStringLiteral("two"));
    viewer.setValue(value("two two"));
    QCOMPARE(find->matchCount(), 2);
    viewer.setValue(value(png(8, 6)));
    QVERIFY(!find->isVisible()); // nothing to find in an image
}

void TestValueViewer::zoomsImages()
{
    ValueViewer viewer;
    viewer.resize(300, 300);
    viewer.show();
    viewer.setValue(value(png(1000, 500)));
    QVERIFY(viewer.showsImage());
    ImageLabel* image = viewer.imageLabel();
    QVERIFY(image->fits());
    QVERIFY(image->shownScale() < 0.5); // scaled down to fit
    auto* hundred = viewer.findChild<QToolButton*>(QString(), Qt::FindChildrenRecursively);
    QVERIFY(hundred);
    QVERIFY(viewer.findChild<QLabel*>() != nullptr);
    for (QToolButton* button : viewer.findChildren<QToolButton*>()) {
        if (button->text() == QStringLiteral("100 %"))
            button->click();
    }
    QCOMPARE(image->shownScale(), 1.0);
    QCOMPARE(image->pixmap().size(), QSize(1000, 500));
    image->zoomIn();
    QCOMPARE(image->shownScale(), ImageLabel::step);
    // Ctrl+wheel zooms out, a plain wheel scrolls.
    QWheelEvent out(QPointF(10, 10), image->mapToGlobal(QPointF(10, 10)), {}, QPoint(0, -120), Qt::NoButton,
                    Qt::ControlModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(image, &out);
    QCOMPARE(image->shownScale(), 1.0);
    QWheelEvent plain(QPointF(10, 10), image->mapToGlobal(QPointF(10, 10)), {}, QPoint(0, -120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(image, &plain);
    QCOMPARE(image->shownScale(), 1.0);
    image->fit();
    QTRY_VERIFY(image->shownScale() < 0.5); // once the scroll area gave it its viewport again
    // A new value is shown to fit again.
    image->setScale(2);
    viewer.setValue(value(png(16, 16)));
    QVERIFY(image->fits());
    QCOMPARE(image->shownScale(), 1.0); // never scaled up to fit
}

void TestValueViewer::hexLinesFitTheWidth()
{
    QByteArray bytes;
    for (int i = 0; i < 64; ++i)
        bytes += char(i);
    ValueViewer viewer;
    viewer.setMode(ValueViewer::Mode::Hex);
    viewer.resize(1000, 300);
    viewer.show();
    viewer.setValue(value(bytes));
    QTRY_COMPARE(viewer.hexBytesPerLine(), 16);
    QCOMPARE(viewer.shownText(), ValueFormat::hexDump(bytes));
    viewer.resize(250, 300); // too narrow for 16 bytes and their ASCII: 8 a line
    QTRY_COMPARE(viewer.hexBytesPerLine(), 8);
    QCOMPARE(viewer.shownText(), ValueFormat::hexDump(bytes, 8));
    QVERIFY(viewer.shownText().startsWith(QStringLiteral("00000000  00 01 02 03 04 05 06 07  |........|\n")));
    viewer.resize(1000, 300);
    QTRY_COMPARE(viewer.hexBytesPerLine(), 16);
}

void TestValueViewer::saveWritesExactBytes()
{
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all += char(i);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("value.bin"));
    ValueViewer viewer;
    QSignalSpy messages(&viewer, &ValueViewer::message);
    viewer.setValue(value(all));
    QVERIFY(viewer.saveToFile(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), all);
    QCOMPARE(messages.size(), 1);
    QVERIFY(messages.first().first().toString().contains(QStringLiteral("256 bytes")));
}

void TestValueViewer::saveReportsErrors()
{
    QTemporaryDir dir;
    ValueViewer viewer;
    QSignalSpy messages(&viewer, &ValueViewer::message);
    viewer.setValue(value("abc"));
    QVERIFY(!viewer.saveToFile(dir.filePath(QStringLiteral("missing/dir/value.bin"))));
    QCOMPARE(messages.size(), 1);
    QVERIFY2(messages.first().first().toString().startsWith(QStringLiteral("Could not save")),
             qPrintable(messages.first().first().toString()));
}

void TestValueViewer::copyAs()
{
    ValueViewer viewer;
    QSignalSpy messages(&viewer, &ValueViewer::message);
    viewer.setValue(value(QByteArray("hi\0\xff", 4)));
    viewer.copyAs(ValueViewer::Format::Hex);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("686900ff"));
    QCOMPARE(messages.last().first().toString(), QStringLiteral("Copied 4 bytes as hex"));
    viewer.copyAction(ValueViewer::Format::Base64)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("aGkA/w=="));
    viewer.setValue(value("<b>text</b>"));
    viewer.copyAs(ValueViewer::Format::Text);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("<b>text</b>"));
    QCOMPARE(messages.last().first().toString(), QStringLiteral("Copied 11 bytes as text"));
}

void TestValueViewer::copyCommandNeedsContext()
{
    ValueViewer viewer;
    viewer.setValue(value("hello"));
    QVERIFY(!viewer.copyAction(ValueViewer::Format::Command)->isEnabled());
    const DhtKey key = DhtKey::parse(QStringLiteral("k"), DhtKey::Mode::Text);
    const QUrl gateway(QStringLiteral("http://127.0.0.1:5851/"));
    viewer.setContext(key, gateway, GatewayKind::Classic);
    QVERIFY(viewer.copyAction(ValueViewer::Format::Command)->isEnabled());
    QCOMPARE(viewer.copyText(ValueViewer::Format::Command),
             ValueFormat::cliCommand(key, "hello", 3600, gateway, GatewayKind::Classic));
    viewer.copyAs(ValueViewer::Format::Command);
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(QStringLiteral("opendht-cli put ")));
}

void TestValueViewer::detailsSaySignatureCheckerAndPermanence()
{
    ValueViewer viewer;
    const ValueDetails* d = viewer.details();
    DhtValue classic = value("classic");
    classic.classicItem = true;
    viewer.setValue(classic);
    QVERIFY(d->fieldText(QStringLiteral("permanent")).startsWith(u"no"));
    QVERIFY(d->fieldText(QStringLiteral("signatureCheckedBy")).startsWith(u"nothing to check"));

    DhtValue other = value("from a proxy");
    other.hasId = true;
    other.id = 7;
    auto meta = std::make_shared<DhtValueMeta>();
    meta->signature = QByteArray(512, 's');
    other.meta = meta;
    viewer.setValue(other); // signed, but read back from a file, say: nobody checked it
    QCOMPARE(d->fieldText(QStringLiteral("signatureCheckedBy")), QStringLiteral("not checked"));
    QVERIFY(d->fieldText(QStringLiteral("permanent")).startsWith(u"unknown"));
    meta->signatureCheckedBy = QStringLiteral("http://proxy.example:8080");
    meta->permanent = true;
    viewer.setValue(other);
    QVERIFY(d->fieldText(QStringLiteral("signatureCheckedBy"))
                .startsWith(u"the gateway http://proxy.example:8080"));
    QVERIFY(d->fieldText(QStringLiteral("permanent")).startsWith(u"yes"));
}

QTEST_MAIN(TestValueViewer)
#include "tst_valueviewer.moc"
