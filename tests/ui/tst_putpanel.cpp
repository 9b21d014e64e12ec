// The put panel as a user sees it: counter, checks beside the fields, files, the put request,
// results shown as plain text, and the remembered TTL.
#include "core/classic/ClassicClient.h"
#include "core/proxy/ProxyClient.h"
#include "ui/common/BrowserSettings.h"
#include "ui/put/FieldNote.h"
#include "ui/put/PlainValueFields.h"
#include "ui/put/PutPanel.h"
#include "ui/put/TtlSlider.h"
#include "ui/put/ValueEditor.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {

const QString someKey = QStringLiteral("text \"fruit\" (sha1 7ac6…)");

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

// 300 bytes that are not UTF-8 (0xff never is), including NUL and every byte value.
QByteArray binaryBytes()
{
    QByteArray bytes;
    for (int i = 0; i < 300; ++i)
        bytes.append(char(255 - i % 256));
    return bytes;
}

bool showsProblem(const QLabel* label)
{
    const auto* note = qobject_cast<const FieldNote*>(label);
    return note && note->isProblem() &&
           label->palette().color(QPalette::WindowText) == FieldNote::problemColour(label->palette());
}

} // namespace

class TstPutPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();

    void counterCountsUtf8Bytes();
    void overlongValueDisablesPutAndKeepsTheText();
    void overlongSecretIsShownBesideTheField();
    void problemColourFollowsTheTheme();
    void noKeyDisablesPutWithTheReason();
    void putCarriesExactlyTheForm();
    void ctrlReturnPuts();
    void busyDisablesPutButTypingGoesOn();
    void resultIsShownAsPlainText();
    void fileOverTheLimitIsRefusedWithItsSize();
    void binaryFileIsHeldAsExactBytes();
    void textFileLoadsIntoTheEditorAndCanBeUndone();
    void textFileTheEditorWouldChangeIsHeldAsBytes();
    void pastingHtmlPastesText();
    void ttlIsRememberedAcrossPanels();
    void aDraggedSliderWritesTheFileOnceItRests();
    void plainValuesAreRefusedWhereOnlyXmlRpcIsSpoken();
    void plainPutCarriesTypeUserTypeAndSaysWhenItEnds();

private:
    std::unique_ptr<PutPanel> shownPanel();
    QTemporaryDir m_dir;
};

void TstPutPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("opendht-browser-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_putpanel"));
    QVERIFY(m_dir.isValid());
}

void TstPutPanel::init()
{
    browserSettings().flush(); // what the last test left pending, then nothing
    QSettings().remove(QStringLiteral("put"));
}

std::unique_ptr<PutPanel> TstPutPanel::shownPanel()
{
    auto panel = std::make_unique<PutPanel>();
    panel->setTargetKey(someKey);
    panel->resize(500, 600);
    panel->show();
    QApplication::setActiveWindow(panel.get());
    if (!QTest::qWaitForWindowActive(panel.get()))
        return nullptr;
    return panel;
}

void TstPutPanel::counterCountsUtf8Bytes()
{
    PutPanel panel;
    panel.setTargetKey(someKey);
    QCOMPARE(panel.byteCounter()->text(), QStringLiteral("0 / 1024 bytes"));
    panel.valueEdit()->setPlainText(QStringLiteral("héllo €")); // é: 2 bytes, €: 3 bytes
    QCOMPARE(panel.byteCounter()->text(), QStringLiteral("10 / 1024 bytes"));
    QVERIFY(!showsProblem(panel.byteCounter()));
    QCOMPARE(panel.value(), QStringLiteral("héllo €").toUtf8());
}

void TstPutPanel::overlongValueDisablesPutAndKeepsTheText()
{
    auto panel = shownPanel();
    QVERIFY(panel);
    const QString fits = QString(512, u'é'); // 1024 bytes in 512 characters
    panel->valueEdit()->setPlainText(fits);
    QCOMPARE(panel->byteCounter()->text(), QStringLiteral("1024 / 1024 bytes"));
    QVERIFY(!showsProblem(panel->byteCounter()));
    QVERIFY(panel->putButton()->isEnabled());

    panel->valueEdit()->setFocus();
    panel->valueEdit()->moveCursor(QTextCursor::End);
    QTest::keyClicks(panel->valueEdit(), QStringLiteral("a"));

    QCOMPARE(panel->valueEdit()->toPlainText(), fits + u'a');
    QVERIFY2(panel->byteCounter()->text().startsWith(QStringLiteral("1025 / 1024 bytes")),
             qPrintable(panel->byteCounter()->text()));
    QVERIFY(panel->byteCounter()->text().contains(QStringLiteral("too long")));
    QVERIFY(showsProblem(panel->byteCounter()));
    QVERIFY(!panel->putButton()->isEnabled());
    QVERIFY(panel->valueNote()->isVisible());
    QVERIFY2(panel->valueNote()->text().contains(QStringLiteral("1025")),
             qPrintable(panel->valueNote()->text()));
    QVERIFY(showsProblem(panel->valueNote()));

    // Ctrl+Return does not put an invalid form either.
    QSignalSpy requested(panel.get(), &PutPanel::putRequested);
    QTest::keyClick(panel->valueEdit(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(requested.size(), 0);

    QTest::keyClick(panel->valueEdit(), Qt::Key_Backspace);
    QVERIFY(panel->putButton()->isEnabled());
    QVERIFY(!showsProblem(panel->byteCounter()));
    QVERIFY(!panel->valueNote()->isVisible());
}

void TstPutPanel::overlongSecretIsShownBesideTheField()
{
    PutPanel panel;
    panel.setTargetKey(someKey);
    panel.valueEdit()->setPlainText(QStringLiteral("v"));
    panel.secretEdit()->setText(QString(20, u'é')); // 40 bytes: fits
    QVERIFY(panel.putButton()->isEnabled());
    QVERIFY(!showsProblem(panel.secretNote()));

    panel.secretEdit()->setText(QString(20, u'é') + u'x');
    QVERIFY(!panel.putButton()->isEnabled());
    QVERIFY(showsProblem(panel.secretNote()));
    QVERIFY2(panel.secretNote()->text().contains(QStringLiteral("41")),
             qPrintable(panel.secretNote()->text()));
    QCOMPARE(panel.secretEdit()->text(), QString(20, u'é') + u'x');
    QCOMPARE(panel.secretEdit()->echoMode(), QLineEdit::Password);
}

void TstPutPanel::problemColourFollowsTheTheme()
{
    PutPanel panel;
    panel.valueEdit()->setPlainText(QString(1025, u'x'));
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xf0, 0xf0, 0xf0));
    light.setColor(QPalette::WindowText, Qt::black);
    panel.setPalette(light);
    const QColor onLight = panel.byteCounter()->palette().color(QPalette::WindowText);
    QVERIFY(showsProblem(panel.byteCounter()));

    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, Qt::white);
    panel.setPalette(dark);
    const QColor onDark = panel.byteCounter()->palette().color(QPalette::WindowText);
    QVERIFY(showsProblem(panel.byteCounter()));
    QVERIFY(onDark != onLight);
    QVERIFY(onDark.lightness() > onLight.lightness()); // a lighter red on a dark window
    // The other notes still follow the theme's own text colour.
    QCOMPARE(panel.secretNote()->palette().color(QPalette::WindowText), QColor(Qt::white));
}

void TstPutPanel::noKeyDisablesPutWithTheReason()
{
    PutPanel panel;
    panel.valueEdit()->setPlainText(QStringLiteral("v"));
    QVERIFY(!panel.putButton()->isEnabled());
    QVERIFY2(panel.putStatusLabel()->text().contains(QStringLiteral("No key")),
             qPrintable(panel.putStatusLabel()->text()));

    panel.setTargetKey(someKey);
    QVERIFY(panel.putButton()->isEnabled());
    panel.setTargetKey({});
    QVERIFY(!panel.putButton()->isEnabled());
    QCOMPARE(panel.valueEdit()->toPlainText(), QStringLiteral("v"));
}

void TstPutPanel::putCarriesExactlyTheForm()
{
    auto panel = shownPanel();
    QVERIFY(panel);
    QSignalSpy requested(panel.get(), &PutPanel::putRequested);
    panel->valueEdit()->setFocus();
    QTest::keyClicks(panel->valueEdit(), QStringLiteral("h"));
    panel->valueEdit()->insertPlainText(QStringLiteral("é")); // QTest types ASCII only
    QTest::keyClicks(panel->valueEdit(), QStringLiteral("llo <b>"));
    panel->ttlSlider()->setSeconds(9000);
    QTest::keyClicks(panel->secretEdit(), QStringLiteral("s3cret"));
    QTest::mouseClick(panel->putButton(), Qt::LeftButton);

    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toByteArray(), QStringLiteral("héllo <b>").toUtf8());
    QCOMPARE(requested.at(0).at(1).toInt(), 9000);
    QCOMPARE(requested.at(0).at(2).toByteArray(), QByteArray("s3cret"));

    // Without a secret: an empty secret (a plain put).
    panel->secretEdit()->clear();
    QTest::mouseClick(panel->putButton(), Qt::LeftButton);
    QCOMPARE(requested.size(), 2);
    QCOMPARE(requested.at(1).at(2).toByteArray(), QByteArray());
}

void TstPutPanel::ctrlReturnPuts()
{
    auto panel = shownPanel();
    QVERIFY(panel);
    QSignalSpy requested(panel.get(), &PutPanel::putRequested);
    panel->valueEdit()->setFocus();
    QTest::keyClicks(panel->valueEdit(), QStringLiteral("line one"));
    QTest::keyClick(panel->valueEdit(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toByteArray(), QByteArray("line one")); // no newline typed
    QCOMPARE(requested.at(0).at(1).toInt(), panel->ttlSeconds());

    panel->secretEdit()->setFocus();
    QTest::keyClicks(panel->secretEdit(), QStringLiteral("pw"));
    QTest::keyClick(panel->secretEdit(), Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
    QCOMPARE(requested.size(), 2);
    QCOMPARE(requested.at(1).at(2).toByteArray(), QByteArray("pw"));
}

void TstPutPanel::busyDisablesPutButTypingGoesOn()
{
    auto panel = shownPanel();
    QVERIFY(panel);
    panel->valueEdit()->setFocus();
    QTest::keyClicks(panel->valueEdit(), QStringLiteral("abc"));
    panel->setBusy(true);
    QVERIFY(!panel->putButton()->isEnabled());
    QCOMPARE(panel->resultLabel()->text(), QStringLiteral("Putting…"));
    QSignalSpy requested(panel.get(), &PutPanel::putRequested);
    QTest::keyClick(panel->valueEdit(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(requested.size(), 0);

    QTest::keyClicks(panel->valueEdit(), QStringLiteral("d"));
    QCOMPARE(panel->valueEdit()->toPlainText(), QStringLiteral("abcd"));

    panel->showResult(true, QStringLiteral("Stored 3 bytes for 1 h (0.4 s)"));
    QVERIFY(panel->putButton()->isEnabled());
    QCOMPARE(panel->resultLabel()->text(), QStringLiteral("Stored 3 bytes for 1 h (0.4 s)"));
    QCOMPARE(panel->valueEdit()->toPlainText(), QStringLiteral("abcd"));
}

void TstPutPanel::resultIsShownAsPlainText()
{
    PutPanel panel;
    panel.setTargetKey(someKey);
    panel.valueEdit()->setPlainText(QStringLiteral("kept"));
    panel.secretEdit()->setText(QStringLiteral("kept too"));
    const QString hostile = QStringLiteral("<b>x</b><img src=\"file:///etc/passwd\"> &amp;");
    panel.showResult(false, hostile);
    QCOMPARE(panel.resultLabel()->textFormat(), Qt::PlainText);
    QCOMPARE(panel.resultLabel()->text(), hostile);
    QVERIFY(showsProblem(panel.resultLabel()));
    QVERIFY(panel.resultLabel()->textInteractionFlags() & Qt::TextSelectableByMouse);

    panel.showResult(true, hostile);
    QCOMPARE(panel.resultLabel()->text(), hostile);
    QVERIFY(!showsProblem(panel.resultLabel()));
    QCOMPARE(panel.valueEdit()->toPlainText(), QStringLiteral("kept"));
    QCOMPARE(panel.secretEdit()->text(), QStringLiteral("kept too"));

    // The key description is untrusted too.
    panel.setTargetKey(hostile);
    QVERIFY(panel.findChildren<QLabel*>().size() > 0);
    for (QLabel* label : panel.findChildren<QLabel*>()) {
        if (label->text() == hostile)
            QCOMPARE(label->textFormat(), Qt::PlainText);
    }
}

void TstPutPanel::fileOverTheLimitIsRefusedWithItsSize()
{
    PutPanel panel;
    panel.setTargetKey(someKey);
    panel.valueEdit()->setPlainText(QStringLiteral("keep me"));
    const QString path = writeFile(m_dir, QStringLiteral("big%2.txt"), QByteArray(1100, 'a'));
    QVERIFY(!path.isEmpty());

    QVERIFY(!panel.loadFile(path));
    QVERIFY2(panel.valueNote()->text().contains(QStringLiteral("1100")),
             qPrintable(panel.valueNote()->text()));
    QVERIFY(panel.valueNote()->text().contains(QStringLiteral("big%2.txt")));
    QVERIFY(showsProblem(panel.valueNote()));
    QCOMPARE(panel.valueEdit()->toPlainText(), QStringLiteral("keep me"));
    QCOMPARE(panel.value(), QByteArray("keep me"));
    QVERIFY(panel.putButton()->isEnabled()); // the value itself is still fine

    QVERIFY(!panel.loadFile(m_dir.filePath(QStringLiteral("missing"))));
    QVERIFY(panel.valueNote()->text().contains(QStringLiteral("missing")));
    QCOMPARE(panel.value(), QByteArray("keep me"));
}

void TstPutPanel::binaryFileIsHeldAsExactBytes()
{
    auto panel = shownPanel();
    QVERIFY(panel);
    panel->valueEdit()->setPlainText(QStringLiteral("typed before"));
    const QByteArray bytes = binaryBytes();
    const QString path = writeFile(m_dir, QStringLiteral("blob%2.bin"), bytes);
    QVERIFY(!path.isEmpty());

    QVERIFY(panel->loadFile(path));
    QCOMPARE(panel->value(), bytes);
    QCOMPARE(panel->byteCounter()->text(), QStringLiteral("300 / 1024 bytes"));
    QLabel* notice = panel->valueEditor()->fileNotice();
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->text(), QStringLiteral("binary file blob%2.bin, 300 bytes"));
    QCOMPARE(notice->textFormat(), Qt::PlainText);
    QVERIFY(!panel->valueEdit()->isVisible());

    QSignalSpy requested(panel.get(), &PutPanel::putRequested);
    QTest::mouseClick(panel->putButton(), Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toByteArray(), bytes);

    // Back to typing: the text typed before is still there.
    QTest::mouseClick(panel->valueEditor()->typeInsteadButton(), Qt::LeftButton);
    QVERIFY(panel->valueEdit()->isVisible());
    QCOMPARE(panel->value(), QByteArray("typed before"));
    QCOMPARE(panel->byteCounter()->text(), QStringLiteral("12 / 1024 bytes"));
}

void TstPutPanel::textFileLoadsIntoTheEditorAndCanBeUndone()
{
    PutPanel panel;
    panel.setTargetKey(someKey);
    panel.valueEdit()->setPlainText(QStringLiteral("typed"));
    const QByteArray bytes = QStringLiteral("{\"a\": \"é\"}\n\tsecond line\n").toUtf8();
    const QString path = writeFile(m_dir, QStringLiteral("value.json"), bytes);
    QVERIFY(panel.loadFile(path));
    QVERIFY(!panel.valueEditor()->holdsFileBytes());
    QCOMPARE(panel.value(), bytes);
    QVERIFY(panel.valueNote()->text().contains(QStringLiteral("value.json")));

    panel.valueEdit()->undo();
    QCOMPARE(panel.valueEdit()->toPlainText(), QStringLiteral("typed"));
    QVERIFY(panel.valueNote()->text().isEmpty());
}

void TstPutPanel::textFileTheEditorWouldChangeIsHeldAsBytes()
{
    PutPanel panel;
    panel.setTargetKey(someKey);
    const QByteArray crlf("first\r\nsecond\r\n");
    QVERIFY(panel.loadFile(writeFile(m_dir, QStringLiteral("crlf.txt"), crlf)));
    QVERIFY(panel.valueEditor()->holdsFileBytes());
    QCOMPARE(panel.value(), crlf);
    QVERIFY(panel.valueEditor()->fileNotice()->text().contains(QStringLiteral("15 bytes")));

    const QByteArray bom("\xef\xbb\xbfhello");
    QVERIFY(panel.loadFile(writeFile(m_dir, QStringLiteral("bom.txt"), bom)));
    QCOMPARE(panel.value(), bom);
}

void TstPutPanel::pastingHtmlPastesText()
{
    PutPanel panel;
    auto* mime = new QMimeData; // what a browser puts on the clipboard: HTML and its text
    mime->setHtml(QStringLiteral("<b>rich</b> words"));
    mime->setText(QStringLiteral("plain words"));
    QGuiApplication::clipboard()->setMimeData(mime);
    panel.valueEdit()->paste();
    QCOMPARE(panel.valueEdit()->toPlainText(), QStringLiteral("plain words"));
    QCOMPARE(panel.value(), QByteArray("plain words"));
    QTextCursor cursor(panel.valueEdit()->document());
    cursor.setPosition(1);
    QVERIFY(cursor.charFormat().fontWeight() != QFont::Bold);
}

void TstPutPanel::ttlIsRememberedAcrossPanels()
{
    {
        PutPanel first;
        QCOMPARE(first.ttlSeconds(), 3600); // the default, nothing remembered yet
        first.ttlSlider()->secondsBox()->setValue(9001);
    }
    PutPanel second;
    QCOMPARE(second.ttlSeconds(), 9001);
    QCOMPARE(second.ttlSlider()->slider()->value(), TtlSlider::positionFor(9001));

    second.ttlSlider()->slider()->setValue(TtlSlider::positionFor(2 * 86400));
    PutPanel third;
    QCOMPARE(third.ttlSeconds(), 2 * 86400);
}

void TstPutPanel::plainValuesAreRefusedWhereOnlyXmlRpcIsSpoken()
{
    auto panel = shownPanel();
    QVERIFY(panel);
    QNetworkAccessManager nam; // nothing is sent: the clients only say what they can do
    ClassicClient classic(&nam);
    classic.setGateway(QUrl(QStringLiteral("http://classic.example:5851/")));
    panel->setGateway(&classic);
    const auto* model = qobject_cast<QStandardItemModel*>(panel->putAsCombo()->model());
    QVERIFY(model);
    QVERIFY(!model->item(1)->isEnabled());
    QVERIFY(panel->putAsNote()->isVisible());
    QVERIFY2(panel->putAsNote()->text().contains(u"classic.example:5851 speaks only the classic Open DHT "
                                                 u"protocol (XML-RPC)"),
             qPrintable(panel->putAsNote()->text()));
    QCOMPARE(panel->putAsNote()->textFormat(), Qt::PlainText);
    // Found to be opendht-gateway, which speaks the proxy REST API too: the choice is open.
    classic.setProxyRest(true);
    QVERIFY(model->item(1)->isEnabled());
    QVERIFY(panel->putAsNote()->isHidden());
    panel->putAsCombo()->setCurrentIndex(1);
    QVERIFY(panel->isPlain());
    QVERIFY(!panel->secretEdit()->isVisible()); // a plain value cannot be removed
    // Back to XML-RPC only: back to a classic item, with the reason.
    classic.setProxyRest(false);
    QVERIFY(!panel->isPlain());
    QVERIFY(!model->item(1)->isEnabled());
}

void TstPutPanel::plainPutCarriesTypeUserTypeAndSaysWhenItEnds()
{
    auto panel = shownPanel();
    QVERIFY(panel);
    QNetworkAccessManager nam;
    ProxyClient proxy(&nam);
    panel->setGateway(&proxy);
    panel->putAsCombo()->setCurrentIndex(1);
    PlainValueFields* fields = panel->plainFields();
    QVERIFY(fields->isVisible());
    fields->typeCombo()->setCurrentText(QStringLiteral("banana"));
    QVERIFY(showsProblem(fields->typeNote()));
    QVERIFY(!panel->putButton()->isEnabled());
    fields->typeCombo()->setCurrentText(QStringLiteral("77"));
    QVERIFY2(
        fields->typeNote()->text().contains(u"Type 77 is unknown to stock nodes: they keep it as user data, "
                                            u"10 minutes"),
        qPrintable(fields->typeNote()->text()));
    fields->typeCombo()->setCurrentIndex(fields->typeCombo()->findData(5));
    QVERIFY2(fields->typeNote()->text().contains(u"1 minute"), qPrintable(fields->typeNote()->text()));
    fields->userTypeEdit()->setText(QStringLiteral("application/x-ice"));
    panel->valueEdit()->setPlainText(QStringLiteral("candidate"));
    panel->ttlSlider()->setSeconds(180);
    QVERIFY2(panel->putStatusLabel()->text().contains(u"the browser keeps it, it ends between"),
             qPrintable(panel->putStatusLabel()->text()));
    QSignalSpy plain(panel.get(), &PutPanel::plainPutRequested);
    QSignalSpy classic(panel.get(), &PutPanel::putRequested);
    QTest::mouseClick(panel->putButton(), Qt::LeftButton);
    QCOMPARE(plain.size(), 1);
    QCOMPARE(classic.size(), 0);
    const auto value = plain.first().first().value<PlainValue>();
    QCOMPARE(value.data, QByteArray("candidate"));
    QCOMPARE(value.type, quint16(5));
    QCOMPARE(value.userType, QStringLiteral("application/x-ice"));
    QCOMPARE(plain.first().at(1).toInt(), 180);
}

void TstPutPanel::aDraggedSliderWritesTheFileOnceItRests()
{
    PutPanel panel;
    QSlider* slider = panel.ttlSlider()->slider();
    const QString file = browserSettings().fileName();
    const auto onDisk = [&file] {
        QFile settings(file);
        return settings.open(QIODevice::ReadOnly) ? settings.readAll() : QByteArray();
    };
    const QByteArray last = "ttlSeconds=" + QByteArray::number(TtlSlider::maxSeconds);
    QVERIFY(!onDisk().contains("ttlSeconds")); // init() took the put settings away
    // Every step of a drag from one end to the other, as fast as a hand: none is written...
    for (int position = slider->minimum(); position <= slider->maximum(); ++position) {
        slider->setValue(position);
        QVERIFY2(!onDisk().contains("ttlSeconds"), "a slider step wrote the settings file");
    }
    // ...and the last one is, once the slider rests.
    QTRY_VERIFY_WITH_TIMEOUT(onDisk().contains(last), 10000);
}

QTEST_MAIN(TstPutPanel)
#include "tst_putpanel.moc"
