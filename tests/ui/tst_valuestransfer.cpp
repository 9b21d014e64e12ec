// File > Export Values and Import Values, driven on a window over a real opendht-gateway: what
// another client (Python's xmlrpc.client) put comes back, under another key, with its TTL within
// a second, from JSON lines and from CSV; a damaged file is put in part with every refusal
// counted; Cancel stops an import. What stock dhtnodes put (plain, signed, encrypted) is
// exported with every field the DHT gave, by the names `opendht-cli --format json` uses.
#include "WindowTestSupport.h"
#include "support/StockNode.h"

#include "core/archive/ArchiveImport.h"
#include "core/archive/ArchiveReader.h"
#include "core/connect/BackendFactory.h"
#include "core/probe/GatewayDirectory.h"
#include "ui/values/ValueViewer.h"
#include "ui/values/ValuesModel.h"
#include "ui/window/ValuesTransfer.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QGuiApplication>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QRandomGenerator>
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
    void otherSoftwaresMetadataIsExported();

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
    return done.at(0).at(0).toString();
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
    const QString summary = done.at(0).at(0).toString();
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
    const QString said = messages.constFirst().constFirst().toString();
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

namespace {

// `opendht-cli get --format json` on a proxy: its objects by value id.
QMap<QString, QJsonObject> cliObjects(const QUrl& proxy, const QString& key)
{
    QProcess cli;
    cli.start(qEnvironmentVariable("ODB_CLI", QStringLiteral(ODB_CLI_DEFAULT)),
              {QStringLiteral("get"), QStringLiteral("--gateway"), proxy.toString(),
               QStringLiteral("--format"), QStringLiteral("json"), key});
    QMap<QString, QJsonObject> objects;
    if (!cli.waitForFinished(60000)) {
        cli.kill();
        cli.waitForFinished(5000);
        return objects;
    }
    for (const QByteArray& line : cli.readAllStandardOutput().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.contains(QStringLiteral("id")))
            objects.insert(o.value(QStringLiteral("id")).toString(), o);
    }
    return objects;
}

// The JSON lines of an export, by value id.
QMap<QString, QJsonObject> exportedObjects(const QString& path)
{
    QFile file(path);
    QMap<QString, QJsonObject> objects;
    if (!file.open(QIODevice::ReadOnly))
        return objects;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        objects.insert(o.value(QStringLiteral("id")).toString(), o);
    }
    objects.remove(QString());
    return objects;
}

QList<ArchiveReader::Entry> readBack(const QString& path)
{
    QFile file(path);
    QList<ArchiveReader::Entry> entries;
    if (!file.open(QIODevice::ReadOnly))
        return entries;
    ArchiveReader reader(&file);
    while (reader.hasNext())
        entries << reader.next();
    return entries;
}

} // namespace

void TestValuesTransfer::otherSoftwaresMetadataIsExported()
{
    if (QStandardPaths::findExecutable(QStringLiteral("dhtnode")).isEmpty())
        QSKIP("Debian's dhtnode is not installed");
    // A stock proxy; a stock producer puts plain, signed and encrypted values (for a recipient).
    const QString network = QString::number(10000 + QRandomGenerator::global()->bounded(50000));
    const quint16 proxyDht = freeUdpPort(), proxyHttp = freeTcpPort();
    StockNode proxyNode, producer, recipient;
    QVERIFY(proxyNode.start({QStringLiteral("-n"), network, QStringLiteral("-p"), QString::number(proxyDht),
                             QStringLiteral("--proxyserver"), QString::number(proxyHttp),
                             QStringLiteral("--proxy-addr"), QStringLiteral("127.0.0.1")}));
    const QRegularExpression keyId(QStringLiteral("Public key ID ([0-9a-f]{40})"));
    QString producerId, recipientId;
    for (auto [node, id] : {std::pair{&producer, &producerId}, std::pair{&recipient, &recipientId}}) {
        QVERIFY(node->start({QStringLiteral("-i"), QStringLiteral("-n"), network, QStringLiteral("-p"),
                             QString::number(freeUdpPort()), QStringLiteral("-b"),
                             QStringLiteral("127.0.0.1:%1").arg(proxyDht)}));
        *id = node->waitFor(keyId);
        QVERIFY2(!id->isEmpty(), qPrintable(node->output()));
    }
    const QString key = QStringLiteral("transfer-meta %1").arg(network);
    const QString hex =
        QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex());
    for (const QString& put :
         {QStringLiteral("p %1 plain"), QStringLiteral("s %1 signed"), QStringLiteral("e %1 %2 sealed")})
        QVERIFY2(producer.put(put.arg(hex, recipientId)), qPrintable(producer.output()));

    const QUrl proxy(QStringLiteral("http://127.0.0.1:%1").arg(proxyHttp));
    QNetworkAccessManager nam;
    auto backend = makeGatewayBackend(GatewayKind::Proxy, &nam, proxy, QStringLiteral("tst_valuestransfer"));
    KeyTab tab(DhtKey::parse(key, DhtKey::Mode::Text));
    tab.setBackend(backend.get());
    QDeadlineTimer deadline(stockDeadlineMs);
    while (tab.model()->count() < 3 && !deadline.hasExpired()) {
        tab.fetch();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), stockDeadlineMs);
        if (tab.model()->count() < 3)
            QTest::qWait(500);
    }
    QCOMPARE(tab.model()->count(), 3);

    QTemporaryDir dir;
    const QString jsonPath = dir.filePath(QStringLiteral("meta.jsonl"));
    const QString csvPath = dir.filePath(QStringLiteral("meta.csv"));
    QString error;
    QVERIFY2(ValuesTransfer::exportTo(&tab, jsonPath, ValueArchive::Format::JsonLines, &error),
             qPrintable(error));
    QVERIFY2(ValuesTransfer::exportTo(&tab, csvPath, ValueArchive::Format::Csv, &error), qPrintable(error));

    // Every field the CLI prints of a value is in its exported line, with the same value (the
    // data, TTL and removability are there under the archive's own names).
    const QMap<QString, QJsonObject> printed = cliObjects(proxy, key);
    const QMap<QString, QJsonObject> exported = exportedObjects(jsonPath);
    QCOMPARE(exported.size(), 3);
    QCOMPARE(printed.keys(), exported.keys());
    const QStringList archiveOwn{QStringLiteral("size"),
                                 QStringLiteral("base64"),
                                 QStringLiteral("text"),
                                 QStringLiteral("ttl"),
                                 QStringLiteral("ttl_is_upper_bound"),
                                 QStringLiteral("removable"),
                                 QStringLiteral("application")};
    int signedSeen = 0, sealedSeen = 0;
    for (auto it = printed.cbegin(); it != printed.cend(); ++it) {
        const QJsonObject line = exported.value(it.key());
        for (auto field = it->begin(); field != it->end(); ++field) {
            if (!archiveOwn.contains(field.key()))
                QVERIFY2(line.value(field.key()) == field.value(),
                         qPrintable(QStringLiteral("%1: %2").arg(
                             field.key(), QString::fromUtf8(QJsonDocument(line).toJson()))));
        }
        QCOMPARE(line.value(QStringLiteral("data")).toString(),
                 it->value(QStringLiteral("base64")).toString());
        signedSeen += line.value(QStringLiteral("signed")).toBool();
        sealedSeen += line.value(QStringLiteral("encrypted")).toBool();
        if (line.value(QStringLiteral("signed")).toBool()) {
            QCOMPARE(line.value(QStringLiteral("owner")).toString(), producerId);
            QVERIFY(!line.value(QStringLiteral("signature")).toString().isEmpty());
            QVERIFY(
                line.value(QStringLiteral("owner_pem")).toString().contains(QStringLiteral("PUBLIC KEY")));
        }
    }
    QCOMPARE(signedSeen, 1);
    QCOMPARE(sealedSeen, 1);

    // Both files read back to the values of the table: id, type and what the DHT says of them
    // (CSV without the long fields: the signature, the owner's key and the cypher).
    for (const QString& path : {jsonPath, csvPath}) {
        const QList<ArchiveReader::Entry> entries = readBack(path);
        QCOMPARE(entries.size(), 3);
        const bool csv = path == csvPath;
        for (const ArchiveReader::Entry& entry : entries) {
            QVERIFY2(entry.status == ArchiveReader::Entry::Status::Ok, qPrintable(entry.reason));
            int row = -1;
            for (int r = 0; r < tab.model()->count(); ++r)
                row = tab.model()->valueAt(r).id == entry.value.id ? r : row;
            QVERIFY2(row >= 0 && entry.value.hasId, qPrintable(path));
            const DhtValue shown = tab.model()->valueAt(row);
            QCOMPARE(entry.value.data, shown.data);
            QCOMPARE(entry.value.type, shown.type);
            QCOMPARE(entry.value.ownerId(), shown.ownerId());
            QCOMPARE(entry.value.seq(), shown.seq());
            QCOMPARE(entry.value.userType(), shown.userType());
            if (!csv) {
                QCOMPARE(entry.value.isSigned(), shown.isSigned());
                QCOMPARE(entry.value.isEncrypted(), shown.isEncrypted());
                if (shown.meta) {
                    QCOMPARE(entry.value.meta->signature, shown.meta->signature);
                    QCOMPARE(entry.value.meta->ownerPem, shown.meta->ownerPem);
                    QCOMPARE(entry.value.meta->cypher, shown.meta->cypher);
                    QCOMPARE(entry.value.meta->recipientHex, shown.meta->recipientHex);
                }
            }
        }
    }
    // The CSV's header names the columns a spreadsheet gets.
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray header = csv.readLine().trimmed();
    for (const char* column :
         {"id", "type", "type_name", "user_type", "owner", "seq", "signed", "encrypted", "recipient"})
        QVERIFY2(header.split(',').contains(column), header.constData());
}

QTEST_MAIN(TestValuesTransfer)
#include "tst_valuestransfer.moc"
