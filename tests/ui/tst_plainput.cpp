// The put dock puts plain OpenDHT values for other software (issue #19), driven as a user does
// on the offscreen platform: "Put as: plain OpenDHT value", a value type and a user type. Real
// parts: two Debian `dhtnode` processes, the second a --proxyserver, behind the TEST-ONLY
// POST-counting relay (tests/client/StockRelay.h); the value read back by python3-opendht
// (tests/gateway/plain_reader.py under /usr/bin/python3) and by a stock dhtnode's shell `g`.
// A put kept past its type's lifetime is listed in File > Kept Puts and resumed after a restart.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"
#include "support/KeptPutsFixture.h"
#include "support/StockNode.h"

#include "core/kept/KeptPutKeeper.h"
#include "ui/kept/KeptPutsDialog.h"
#include "ui/put/FieldNote.h"
#include "ui/put/PlainValueFields.h"
#include "ui/put/PutPanel.h"
#include "ui/put/TtlSlider.h"

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace keptputs;

namespace {

// The values of one type python3-opendht reads under the key: (data, user type) pairs.
QList<QPair<QByteArray, QString>> pythonValues(const StockProxy& stock, const DhtKey& key, int type)
{
    QProcess reader;
    reader.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(ODB_PLAIN_READER), QString::number(stock.network()), stock.firstNode(),
                  key.infoHashHex(), QString::number(type)});
    QList<QPair<QByteArray, QString>> values;
    if (!reader.waitForFinished(eventDeadlineMs)) {
        reader.kill();
        reader.waitForFinished();
        return values;
    }
    for (const QJsonValue& v : QJsonDocument::fromJson(reader.readAllStandardOutput()).array()) {
        const QJsonObject o = v.toObject();
        values.append({QByteArray::fromBase64(o.value(QStringLiteral("data")).toString().toLatin1()),
                       o.value(QStringLiteral("user_type")).toString()});
    }
    return values;
}

// Types the value and chooses what the user would, then presses Put until the proxy, whose node
// answers 502 until it has found its peer, took it; the result line.
QString putPlain(MainWindow& window, int typeIndex, const QString& userType, const QString& value, int ttl)
{
    PutPanel* put = window.putPanel();
    put->putAsCombo()->setCurrentIndex(1);
    put->plainFields()->typeCombo()->setCurrentIndex(typeIndex);
    put->plainFields()->userTypeEdit()->setText(userType);
    put->valueEdit()->setPlainText(value);
    put->ttlSlider()->setSeconds(ttl);
    for (int attempt = 0; attempt < 60; ++attempt) {
        if (!QTest::qWaitFor([&] { return put->putButton()->isEnabled(); }, eventDeadlineMs))
            return QStringLiteral("<Put stayed disabled: %1>").arg(put->putStatusLabel()->text());
        QSignalSpy done(window.findChild<KeyTab*>(), &KeyTab::putFinished);
        put->putButton()->click();
        if (!done.wait(eventDeadlineMs))
            return QStringLiteral("<no answer>");
        if (done.first().first().toBool())
            return put->resultLabel()->text();
        QTest::qWait(250);
    }
    return QStringLiteral("<refused: %1>").arg(put->resultLabel()->text());
}

} // namespace

class TestPlainPut : public QObject
{
    Q_OBJECT

    RelayedProxy m_proxy;
    QTemporaryDir m_dir;

    std::unique_ptr<MainWindow> startBrowser()
    {
        return windowtest::keepingWindow(m_proxy.url(), m_dir.filePath(QStringLiteral("kept-puts.sqlite")),
                                         1500);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        uitest::clearSettings();
        QVERIFY(m_dir.isValid());
        QVERIFY(m_proxy.start());
    }

    void aPlainValueIsReadByOtherSoftwareWithItsTypeAndUserType()
    {
        auto window = startBrowser();
        QVERIFY(windowtest::usesGateway(*window, m_proxy.url()));
        const DhtKey key = DhtKey::parse(QStringLiteral("plain from the dock"), DhtKey::Mode::Text);
        window->openKey(key, true);
        PutPanel* put = window->putPanel();
        QTRY_VERIFY(put->putAsNote()->isHidden()); // a proxy takes plain values: nothing to say
        put->putAsCombo()->setCurrentIndex(1);
        put->plainFields()->typeCombo()->setCurrentIndex(put->plainFields()->typeCombo()->findData(3));
        QVERIFY2(put->plainFields()->typeNote()->text().contains(u"keep a value of this type 5 minutes"),
                 qPrintable(put->plainFields()->typeNote()->text()));
        put->valueEdit()->setPlainText(QStringLiteral("x"));
        put->ttlSlider()->setSeconds(240);
        QVERIFY2(put->putStatusLabel()->text().contains(u"one POST, it ends about"),
                 qPrintable(put->putStatusLabel()->text()));

        const int im = put->plainFields()->typeCombo()->findData(3);
        const QString result = putPlain(*window, im, QStringLiteral("text/plain"),
                                        QStringLiteral("hello from the browser"), 240);
        QVERIFY2(result.contains(u"as a plain value of type 3 IM message") &&
                     result.contains(u"it ends about"),
                 qPrintable(result));
        QVERIFY(window->keptPuts()->puts().isEmpty()); // 4 minutes: one POST lives that long

        // python3-opendht asks the storing nodes for type 3: the same bytes and user type.
        const QPair<QByteArray, QString> expected{"hello from the browser", QStringLiteral("text/plain")};
        QTRY_VERIFY_WITH_TIMEOUT(pythonValues(m_proxy.stock(), key, 3).contains(expected), eventDeadlineMs);
        QVERIFY(!pythonValues(m_proxy.stock(), key, 0).contains(expected)); // not user data
        // A stock dhtnode's shell shows it with its user type.
        StockNode shell;
        QVERIFY(shell.start({QStringLiteral("-n"), QString::number(m_proxy.stock().network()),
                             QStringLiteral("-p"), QStringLiteral("0"), QStringLiteral("-b"),
                             m_proxy.stock().firstNode()}));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                shell.send(QStringLiteral("g ") + key.infoHashHex());
                return !shell.waitFor(QRegularExpression(QStringLiteral("Get: completed"))).isEmpty() &&
                       shell.output().contains(u"data(text/plain):\"hello from the browser\"");
            }(),
            eventDeadlineMs);
    }

    void aPlainValueKeptPastItsLifetimeIsListedResumedAndStopped()
    {
        auto window = startBrowser();
        QVERIFY(windowtest::usesGateway(*window, m_proxy.url()));
        const DhtKey key = DhtKey::parse(QStringLiteral("plain kept by the dock"), DhtKey::Mode::Text);
        window->openKey(key, true);
        const int ice = window->putPanel()->plainFields()->typeCombo()->findData(5);
        const QString result = putPlain(*window, ice, QStringLiteral("ice"), QStringLiteral("kept ice"), 600);
        QVERIFY2(result.contains(u"type 5 ICE candidates") && result.contains(u"it ends between"),
                 qPrintable(result));
        QCOMPARE(window->keptPuts()->puts().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_proxy.relay().accepted().count(true) >= 1, eventDeadlineMs);

        // File > Kept Puts lists it with its type and how exact its end is.
        auto* action = window->findChild<QAction*>(QStringLiteral("keptPutsAction"));
        QVERIFY(action);
        action->trigger();
        auto* list = window->findChild<KeptPutsDialog*>();
        QVERIFY(list);
        QTRY_COMPARE(list->table()->model()->rowCount(), 1);
        const auto cell = [&](int column) {
            return list->table()->model()->index(0, column).data().toString();
        };
        QCOMPARE(cell(0), QStringLiteral("plain kept by the dock"));
        QCOMPARE(cell(1), QStringLiteral("value type 5 ICE candidates, user type \"ice\""));
        QVERIFY2(cell(2).startsWith(u"between "), qPrintable(cell(2)));
        QCOMPARE(cell(3), m_proxy.url().authority());
        const int before = int(m_proxy.relay().accepted().count(true));
        window.reset(); // quits (nothing ends early: no notice for a put within the proxy's 24 h)

        window = startBrowser(); // started again: resumes and refreshes it
        QCOMPARE(window->keptPuts()->puts().size(), 1);
        QCOMPARE(window->keptPuts()->puts().first().kind, KeptPut::Kind::PlainValue);
        QTRY_VERIFY_WITH_TIMEOUT(m_proxy.relay().accepted().count(true) > before, eventDeadlineMs);
        window->keptPuts()->stop(window->keptPuts()->puts().first().id);
        QTRY_VERIFY_WITH_TIMEOUT(m_proxy.relay().accepted().endsWith(false), eventDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(window->keptPuts()->puts().isEmpty(), eventDeadlineMs);
    }
};

QTEST_MAIN(TestPlainPut)
#include "tst_plainput.moc"
