// File > Export Values and Import Values, driven on a window over a real opendht-gateway: what
// another client (Python's xmlrpc.client) put comes back, under another key, with its TTL within
// a second, from JSON lines and from CSV; a damaged file is put in part with every refusal
// counted; Cancel stops an import.
#include "WindowTestSupport.h"

#include <archive/ArchiveImport.h>
#include <archive/ArchiveReader.h>
#include <probe/GatewayDirectory.h>
#include <values/ValueViewer.h>
#include <values/ValuesModel.h>
#include <window/ValuesTransfer.h>

#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>

using namespace windowtest;

namespace {

const QString peer = QStringLiteral(ODB_TEST_SOURCE_DIR "/classic_details.py");

QString runPeer(const QUrl& url, const QStringList& arguments, bool* ok)
{
    QProcess python;
    python.start(QStringLiteral("python3"), QStringList{peer, url.toString()} + arguments);
    *ok = python.waitForFinished(60000) && python.exitStatus() == QProcess::NormalExit &&
          python.exitCode() == 0;
    if (!*ok)
        python.kill();
    return QString::fromUtf8(python.readAllStandardOutput());
}

// base64 of each value -> its TTL, as the other client sees them.
QMap<QString, int> peerDetails(const QUrl& url, const QString& key)
{
    bool ok = false;
    const QString out = runPeer(url, {QStringLiteral("details"), key}, &ok);
    QMap<QString, int> values;
    for (const QString& line : out.split(u'\n', Qt::SkipEmptyParts))
        values.insert(line.section(u' ', 0, 0), line.section(u' ', 1, 1).toInt());
    return ok ? values : QMap<QString, int>{{QStringLiteral("error"), -1}};
}

// The end time each value has in the file, by its base64.
QMap<QString, QDateTime> endsInFile(const QString& path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    ArchiveReader reader(&file);
    QMap<QString, QDateTime> ends;
    while (reader.hasNext()) {
        const ArchiveReader::Entry entry = reader.next();
        ends.insert(QString::fromLatin1(entry.value.data.toBase64()), entry.endsAt);
    }
    return ends;
}

// The summary as English reads it, whether or not an English translation settled the plurals:
// "1 value(s)" becomes "1 value", "3 value(s)" "3 values".
QString english(QString text)
{
    static const QRegularExpression plural(QStringLiteral("\\b(\\d+) ([^ ]+?)\\(s\\)"));
    QRegularExpressionMatch match;
    while ((match = plural.match(text)).hasMatch())
        text.replace(match.capturedStart(), match.capturedLength(),
                     match.captured(1) + u' ' + match.captured(2) +
                         (match.captured(1) == u"1" ? QString() : QStringLiteral("s")));
    return text;
}

ValuesTransfer* transferOf(MainWindow& window)
{
    return window.findChild<ValuesTransfer*>();
}

} // namespace

class TestValuesTransfer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void menuHasTheActions();
    void exportThenImportRoundTrips_data();
    void exportThenImportRoundTrips();
    void damagedFileIsPutInPart();
    void cancelStopsTheImport();
    void selectedValuesCopiedOneALine();
    void selectedValuesRemovedWithOneSecret();

private:
    // Waits for the import of path under the current tab to end; its summary.
    QString importInto(MainWindow& window, const QString& path);
};

void TestValuesTransfer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestValuesTransfer::init()
{
    QSettings().clear();
    GatewayDirectory::openUserSettings()->clear();
    QFile::remove(GatewayDirectory::userCacheFile());
}

QString TestValuesTransfer::importInto(MainWindow& window, const QString& path)
{
    ValuesTransfer* transfer = transferOf(window);
    QSignalSpy done(transfer, &ValuesTransfer::importFinished);
    if (!transfer->startImport(window.currentTab(), path))
        return QStringLiteral("did not start");
    if (!done.wait(60000))
        return QStringLiteral("never finished");
    // The tab fetches again once the import ends: the table shows what the gateway has.
    if (!QTest::qWaitFor([&] { return !window.currentTab()->isBusy(); }, 20000))
        return QStringLiteral("the fetch after the import never ended");
    return english(done.at(0).at(0).toString());
}

void TestValuesTransfer::menuHasTheActions()
{
    WindowOnGateway setup;
    QString error;
    QVERIFY2(setup.open(&error), qPrintable(error));
    ValuesTransfer* transfer = transferOf(*setup.window);
    QVERIFY(transfer);
    QCOMPARE(transfer->exportAction()->text(), QStringLiteral("&Export Values…"));
    QVERIFY(!transfer->exportAction()->associatedObjects().isEmpty()); // in the File menu
    QVERIFY(!transfer->importAction()->associatedObjects().isEmpty());
}

void TestValuesTransfer::exportThenImportRoundTrips_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::newRow("json lines") << QStringLiteral("values.jsonl");
    QTest::newRow("csv") << QStringLiteral("values.csv");
}

void TestValuesTransfer::exportThenImportRoundTrips()
{
    QFETCH(QString, fileName);
    WindowOnGateway setup;
    QString error;
    QVERIFY2(setup.open(&error), qPrintable(error));
    MainWindow& window = *setup.window;
    const QUrl url = setup.gateway.url();

    // Three values from another client, with three TTLs.
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary += char(255 - i);
    const QList<std::pair<QByteArray, int>> put{
        {"alpha, \"quoted\"\nline", 600}, {binary, 3000}, {"gamma", 90000}};
    for (const auto& [data, ttl] : put) {
        bool ok = false;
        runPeer(url,
                {QStringLiteral("put"), QStringLiteral("transfer-from"), QString::fromLatin1(data.toBase64()),
                 QString::number(ttl), QStringLiteral("python, \"peer\"")},
                &ok);
        QVERIFY(ok);
    }
    KeyTab* from = fetchKey(window, QStringLiteral("transfer-from"));
    QVERIFY(from);
    QTRY_COMPARE_WITH_TIMEOUT(from->model()->count(), 3, 20000);

    QTemporaryDir dir;
    const QString path = dir.filePath(fileName);
    QVERIFY(ValuesTransfer::exportTo(from, path, ValuesTransfer::formatOf(path), &error));
    const QMap<QString, QDateTime> ends = endsInFile(path);
    QCOMPARE(ends.size(), 3);

    // Under another key, in a tab of its own: the values land under the open key.
    typeKey(window, QStringLiteral("transfer-to"));
    QTRY_VERIFY_WITH_TIMEOUT(window.currentTab() != from && window.currentTab()->hasFetched(), 20000);
    const QString summary = importInto(window, path);
    QVERIFY2(summary.startsWith(QStringLiteral("Imported 3 values under transfer-to.")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("3 values came from another key")), qPrintable(summary));
    QCOMPARE(window.currentTab()->model()->count(), 3);

    // Another client sees each value with what was left of its TTL, within a second.
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const QMap<QString, int> seen = peerDetails(url, QStringLiteral("transfer-to"));
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QCOMPARE(seen.keys(), ends.keys());
    for (auto it = ends.cbegin(); it != ends.cend(); ++it) {
        const int ttl = seen.value(it.key());
        const qint64 most = before.secsTo(it.value()) + 1;
        const qint64 least = after.secsTo(it.value()) - 1;
        QVERIFY2(ttl >= least && ttl <= most,
                 qPrintable(QStringLiteral("TTL %1, expected %2..%3").arg(ttl).arg(least).arg(most)));
    }
}

void TestValuesTransfer::damagedFileIsPutInPart()
{
    WindowOnGateway setup;
    QString error;
    QVERIFY2(setup.open(&error), qPrintable(error));
    MainWindow& window = *setup.window;
    QVERIFY(fetchKey(window, QStringLiteral("transfer-damaged")));

    const QString later = QDateTime::currentDateTimeUtc().addSecs(600).toString(Qt::ISODateWithMs);
    const QByteArray end = ",\"ends_at\":\"" + later.toLatin1() + "\"}\n";
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("damaged.jsonl")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"data\":\"Z29vZA==\"" + end);                                                // good
    file.write("{\"data\":\"not*base64\"" + end);                                              // bad line 2
    file.write("this is not json\n");                                                          // bad line 3
    file.write("{\"data\":\"" + QByteArray(1100, 'v').toBase64() + '"' + end);                 // too long, 4
    file.write("{\"data\":\"b2xk\",\"ends_at\":\"2020-01-01T00:00:00.000Z\"}\n");              // over, 5
    file.write("{\"data\":\"" + QByteArray(3 * ArchiveReader::maxRecordBytes, 'A') + "\"}\n"); // huge, 6
    file.write("{\"data\":\"YWxzbyBnb29k\"" + end);                                            // good
    file.write("{\"data\":\"bm8gdHRs\"}\n"); // no TTL at all: put for the default
    file.close();

    const QString summary = importInto(window, file.fileName());
    QVERIFY2(summary.startsWith(QStringLiteral("Imported 3 values under transfer-damaged.")),
             qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("1 value had no TTL in the file: put for 1 h.")),
             qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("5 refused:")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("3 lines that are not a value's record")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("1 value longer than")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("1 value whose TTL was already over")), qPrintable(summary));
    const QString details = transferOf(window)->lastDetails();
    for (int line : {2, 3, 4, 5, 6})
        QVERIFY2(details.contains(QStringLiteral("Line %1: ").arg(line)), qPrintable(details));
    QCOMPARE(window.currentTab()->model()->count(), 3);
    QVERIFY(window.findChild<QMessageBox*>(QStringLiteral("importSummary")));
}

void TestValuesTransfer::cancelStopsTheImport()
{
    WindowOnGateway setup;
    QString error;
    QVERIFY2(setup.open(&error), qPrintable(error));
    MainWindow& window = *setup.window;
    QVERIFY(fetchKey(window, QStringLiteral("transfer-cancel")));
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("many.jsonl")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (int i = 0; i < 300; ++i)
        file.write("{\"data\":\"" + QByteArray::number(i).toBase64() + "\",\"ttl_left\":600}\n");
    file.close();

    ValuesTransfer* transfer = transferOf(window);
    QSignalSpy done(transfer, &ValuesTransfer::importFinished);
    QVERIFY(transfer->startImport(window.currentTab(), file.fileName()));
    ArchiveImport* import = transfer->currentImport();
    QVERIFY(import);
    // Cancel as the progress dialog's button does, once the first value is stored.
    auto* progress = window.findChild<QProgressDialog*>();
    QVERIFY(progress);
    auto* cancel = progress->findChild<QPushButton*>();
    QVERIFY(cancel);
    connect(import, &ArchiveImport::progress, cancel, &QPushButton::click, Qt::SingleShotConnection);
    QVERIFY(done.wait(60000));
    const QString summary = english(done.at(0).at(0).toString());
    QVERIFY2(summary.startsWith(QStringLiteral("Import cancelled: 1 value stored")), qPrintable(summary));
}

void TestValuesTransfer::selectedValuesCopiedOneALine()
{
    WindowOnGateway setup;
    QString error;
    QVERIFY2(setup.open(&error), qPrintable(error));
    MainWindow& window = *setup.window;
    for (const QByteArray& data : {QByteArray("first\nline"), QByteArray("second"), QByteArray("\x01\x02")}) {
        bool ok = false;
        runPeer(setup.gateway.url(),
                {QStringLiteral("put"), QStringLiteral("transfer-select"),
                 QString::fromLatin1(data.toBase64()), QStringLiteral("600"), QStringLiteral("peer")},
                &ok);
        QVERIFY(ok);
    }
    KeyTab* tab = fetchKey(window, QStringLiteral("transfer-select"));
    QVERIFY(tab);
    QTRY_COMPARE_WITH_TIMEOUT(tab->model()->count(), 3, 20000);
    QTableView* view = tab->view();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
    QTest::keyClick(view, Qt::Key_Down, Qt::ShiftModifier); // the user selects all three
    QTest::keyClick(view, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(view->selectionModel()->selectedRows().size(), 3);
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    const auto sortedLines = [] {
        QStringList lines = QGuiApplication::clipboard()->text().split(u'\n');
        lines.sort();
        return lines.join(u'|');
    };
    QCOMPARE(sortedLines(), QStringLiteral("|first␊line|second|␁␂")); // in the table's order, ended
    tab->viewer()->copyAction(ValueViewer::Format::Hex)->trigger();
    QCOMPARE(sortedLines(), QStringLiteral("|0102|66697273740a6c696e65|7365636f6e64"));
    // One row clicked: one value, exactly.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(view->model()->index(1, ValuesModel::Preview)).center());
    tab->viewer()->copyAction(ValueViewer::Format::Base64)->trigger();
    QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(QGuiApplication::clipboard()->text(),
             QString::fromLatin1(tab->viewer()->value().data.toBase64()));
}

void TestValuesTransfer::selectedValuesRemovedWithOneSecret()
{
    WindowOnGateway setup;
    QString error;
    QVERIFY2(setup.open(&error), qPrintable(error));
    MainWindow& window = *setup.window;
    const QUrl url = setup.gateway.url();
    const QString key = QStringLiteral("transfer-remove");
    const QList<std::pair<QByteArray, QString>> put{{"mine-1", QStringLiteral("s1")},
                                                    {"mine-2", QStringLiteral("s1")},
                                                    {"theirs", QStringLiteral("other")}};
    bool ok = false;
    for (const auto& [data, secret] : put) {
        runPeer(url,
                {QStringLiteral("putremovable"), key, QString::fromLatin1(data.toBase64()),
                 QStringLiteral("600"), secret},
                &ok);
        QVERIFY(ok);
    }
    runPeer(url,
            {QStringLiteral("put"), key, QString::fromLatin1(QByteArray("plain").toBase64()),
             QStringLiteral("600"), QStringLiteral("peer")},
            &ok);
    QVERIFY(ok);
    KeyTab* tab = fetchKey(window, key);
    QVERIFY(tab);
    QTRY_COMPARE_WITH_TIMEOUT(tab->model()->count(), 4, 20000);

    QSignalSpy messages(tab, &KeyTab::message);
    QTableView* view = tab->view();
    view->setFocus();
    view->selectAll();
    QTest::keyClick(view, Qt::Key_Delete);
    // Asked once to confirm, then once for the secret.
    QMessageBox* confirm = nullptr;
    QTRY_VERIFY((confirm = window.findChild<QMessageBox*>(QStringLiteral("confirmRemoveValues"))));
    QVERIFY2(confirm->text().contains(QStringLiteral("Remove 3 selected")), qPrintable(confirm->text()));
    confirm->button(QMessageBox::Yes)->click();
    QInputDialog* prompt = nullptr;
    QTRY_VERIFY((prompt = window.findChild<QInputDialog*>(QStringLiteral("removeValuesSecret"))));
    prompt->setTextValue(QStringLiteral("s1"));
    prompt->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 20000);
    const QString said = english(messages.constFirst().constFirst().toString());
    QVERIFY2(said.contains(QStringLiteral("Removal of 2 values accepted")), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("1 put without a secret")), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("1 put with another secret")), qPrintable(said));
    QTRY_COMPARE_WITH_TIMEOUT(tab->model()->count(), 2, 20000);
    QTRY_VERIFY(!tab->isBusy());
    // Another client agrees.
    const QMap<QString, int> left = peerDetails(url, key);
    QCOMPARE(left.keys(), (QStringList{QString::fromLatin1(QByteArray("plain").toBase64()),
                                       QString::fromLatin1(QByteArray("theirs").toBase64())}));
}

QTEST_MAIN(TestValuesTransfer)
#include "tst_valuestransfer.moc"
