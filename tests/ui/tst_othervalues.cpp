// The values table on values other software made (issue 14): a stock `dhtnode -i` puts plain,
// permanent, signed and encrypted values through its shell, python3-opendht a value with a user
// type; a stock `dhtnode --proxyserver` serves them, and a second one with an identity (-i)
// decrypts what is meant for it; a KeyTab shows one row per value with its type, flags, owner
// and seq, and the viewer every field; filters by owner and type; and shows no text of a value
// (data, user type) as rich text. A signed value's update (libopendht's putSigned of the same id,
// seq 0 then 1, driven by tests/support/signed_producer) replaces its row, in a refetched table,
// a watching one and the CLI's JSON.
#include "support/ProgramRun.h"
#include "support/StockNode.h"

#include "core/connect/BackendFactory.h"
#include "ui/values/ValueDetails.h"
#include "ui/values/ValueFilterProxy.h"
#include "ui/values/ValueFormat.h"
#include "ui/values/ValueViewer.h"
#include "ui/values/ValuesModel.h"
#include "ui/window/KeyTab.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTest>

#include <csignal>
#include <memory>
#include <sys/prctl.h>

namespace {

QString cell(KeyTab* tab, int row, int column)
{
    return tab->model()->index(row, column).data().toString();
}

int rowWith(KeyTab* tab, const QByteArray& data)
{
    for (int r = 0; r < tab->model()->count(); ++r) {
        if (tab->model()->valueAt(r).data == data)
            return r;
    }
    return -1;
}

// The data of the table's one row; a note instead when it has none or several.
QByteArray onlyData(KeyTab* tab)
{
    const int rows = tab->model()->count();
    return rows == 1 ? tab->model()->valueAt(0).data : "(" + QByteArray::number(rows) + " rows)";
}

} // namespace

class TestOtherValues : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void rowsForPlainSignedAndEncryptedValues();
    void permanentDecryptedAndTypedValues();
    void signedUpdateReplacesTheRow();

private:
    QString m_network;
    // m_opener: a second proxy, with an identity (-i): it decrypts what is meant for it (and
    // drops the encrypted values it cannot read, so the first proxy has none).
    StockNode m_proxy, m_producer, m_recipient, m_opener;
    quint16 m_proxyHttp = 0, m_proxyDht = 0, m_openerHttp = 0;
    QString m_producerId, m_recipientId, m_openerId;

    static QUrl url(quint16 port) { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)); }
    // Fetches key through the proxy until count rows show (values take a moment to spread).
    bool fetchRows(KeyTab* tab, int count);
};

void TestOtherValues::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (QStandardPaths::findExecutable(QStringLiteral("dhtnode")).isEmpty())
        QSKIP("Debian's dhtnode is not installed");
    m_network = QString::number(10000 + QRandomGenerator::global()->bounded(50000));
    m_proxyDht = freeUdpPort();
    m_proxyHttp = freeTcpPort();
    QVERIFY(m_proxy.start({QStringLiteral("-n"), m_network, QStringLiteral("-p"), QString::number(m_proxyDht),
                           QStringLiteral("--proxyserver"), QString::number(m_proxyHttp),
                           QStringLiteral("--proxy-addr"), QStringLiteral("127.0.0.1")}));
    const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(m_proxyDht);
    const QRegularExpression keyId(QStringLiteral("Public key ID ([0-9a-f]{40})"));
    m_openerHttp = freeTcpPort();
    QVERIFY(m_opener.start({QStringLiteral("-i"), QStringLiteral("-n"), m_network, QStringLiteral("-p"),
                            QString::number(freeUdpPort()), QStringLiteral("-b"), bootstrap,
                            QStringLiteral("--proxyserver"), QString::number(m_openerHttp),
                            QStringLiteral("--proxy-addr"), QStringLiteral("127.0.0.1")}));
    m_openerId = m_opener.waitFor(keyId);
    QVERIFY2(!m_openerId.isEmpty(), qPrintable(m_opener.output()));
    for (auto [node, id] : {std::pair{&m_producer, &m_producerId}, std::pair{&m_recipient, &m_recipientId}}) {
        QVERIFY(node->start({QStringLiteral("-i"), QStringLiteral("-n"), m_network, QStringLiteral("-p"),
                             QString::number(freeUdpPort()), QStringLiteral("-b"), bootstrap}));
        *id = node->waitFor(keyId);
        QVERIFY2(!id->isEmpty(), qPrintable(node->output()));
    }
}

void TestOtherValues::rowsForPlainSignedAndEncryptedValues()
{
    const QString key = QStringLiteral("other values %1").arg(m_network);
    const QString hex =
        QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex());
    const QStringList puts = {QStringLiteral("p %1 plain-from-shell"), QStringLiteral("s %1 <b>signed</b>"),
                              QStringLiteral("e %1 %2 sealed-1"), QStringLiteral("e %1 %2 sealed-2")};
    for (const QString& put : puts)
        QVERIFY2(m_producer.put(put.arg(hex, m_recipientId)), qPrintable(m_producer.output()));

    QNetworkAccessManager nam;
    auto backend =
        makeGatewayBackend(GatewayKind::Proxy, &nam, url(m_proxyHttp), QStringLiteral("tst_othervalues"));
    KeyTab tab(DhtKey::parse(key, DhtKey::Mode::Text));
    tab.setBackend(backend.get());
    QVERIFY(fetchRows(&tab, 4));
    QCOMPARE(tab.model()->count(), 4); // two encrypted values are two rows, not one empty one

    const int plain = rowWith(&tab, "plain-from-shell");
    QVERIFY(plain >= 0);
    QCOMPARE(cell(&tab, plain, ValuesModel::Type), QStringLiteral("0 user data · text/plain"));
    QCOMPARE(cell(&tab, plain, ValuesModel::Flags), QString());
    QVERIFY(cell(&tab, plain, ValuesModel::Ttl).startsWith(QStringLiteral("≤ ")));
    QCOMPARE(cell(&tab, plain, ValuesModel::Id), QString::number(tab.model()->valueAt(plain).id));

    const int sig = rowWith(&tab, "<b>signed</b>");
    QVERIFY(sig >= 0);
    QCOMPARE(cell(&tab, sig, ValuesModel::Flags), QStringLiteral("signed"));
    QVERIFY(m_producerId.startsWith(cell(&tab, sig, ValuesModel::Owner).chopped(1))); // "918d…"
    QCOMPARE(tab.model()->valueAt(sig).ownerId(), m_producerId.toLatin1());
    QCOMPARE(cell(&tab, sig, ValuesModel::Seq), QStringLiteral("0"));
    QCOMPARE(cell(&tab, sig, ValuesModel::Preview), QStringLiteral("<b>signed</b>")); // shown as it is

    int sealed = 0;
    for (int r = 0; r < tab.model()->count(); ++r) {
        if (cell(&tab, r, ValuesModel::Flags) == QStringLiteral("encrypted")) {
            ++sealed;
            QCOMPARE(cell(&tab, r, ValuesModel::Type), QStringLiteral("encrypted"));
            QVERIFY(tab.model()->valueAt(r).meta->cypher.size() > 100);
        }
    }
    QCOMPARE(sealed, 2);

    // The filter finds values by their owner's key id and by their type.
    auto* proxy = qobject_cast<ValueFilterProxy*>(tab.view()->model());
    QVERIFY(proxy);
    proxy->setFilterText(m_producerId.left(12).toUpper());
    QCOMPARE(proxy->rowCount(), 1); // a stock proxy shows an encrypted value's cypher alone, no owner
    proxy->setFilterText(QStringLiteral("encrypted"));
    QCOMPARE(proxy->rowCount(), 2);
}

bool TestOtherValues::fetchRows(KeyTab* tab, int count)
{
    QDeadlineTimer deadline(stockDeadlineMs);
    while (tab->model()->count() < count && !deadline.hasExpired()) {
        tab->fetch();
        QDeadlineTimer fetch(stockDeadlineMs);
        while (tab->isBusy() && !fetch.hasExpired())
            QTest::qWait(50);
        if (tab->model()->count() < count)
            QTest::qWait(500);
    }
    return tab->model()->count() >= count;
}

// A value with a user type, put by python3-opendht (Debian's, under /usr/bin/python3).
static bool putWithUserType(const QString& network, quint16 bootstrapPort, const QString& key,
                            const QByteArray& data, const QByteArray& userType)
{
    static const char script[] = R"(
import sys, threading, opendht as dht
node = dht.DhtRunner()
cfg = dht.DhtConfig()
cfg.setNetwork(int(sys.argv[1]))
cfg.setRateLimit(-1, -1)
node.run(port=0, config=cfg)
node.bootstrap("127.0.0.1", sys.argv[2])
v = dht.Value(sys.argv[4].encode())
v.user_type = sys.argv[5]
for attempt in range(30):
    done, ok = threading.Event(), []
    node.put(dht.InfoHash.get(sys.argv[3]), v, lambda s, n: (ok.append(s), done.set()))
    done.wait(30)
    if ok == [True]:
        break
print("put", ok, flush=True)
node.shutdown()
)";
    QProcess python; // its destructor ends it, should the test stop early
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"), QString::fromLatin1(script), network, QString::number(bootstrapPort),
                  key, QString::fromUtf8(data), QString::fromUtf8(userType)});
    if (!python.waitForFinished(stockDeadlineMs)) {
        python.kill();
        python.waitForFinished();
        return false;
    }
    const QByteArray out = python.readAllStandardOutput();
    if (!out.contains("put [True]"))
        qWarning("python3-opendht: %s %s", out.constData(), python.readAllStandardError().constData());
    return out.contains("put [True]");
}

void TestOtherValues::permanentDecryptedAndTypedValues()
{
    if (!QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable())
        QSKIP("no /usr/bin/python3 with python3-opendht");
    const QString key = QStringLiteral("more values %1").arg(m_network);
    const QString hex =
        QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex());
    const QStringList puts = {QStringLiteral("pp %1 <b>kept</b>").arg(hex),
                              QStringLiteral("e %1 %2 opened-by-the-proxy").arg(hex, m_openerId),
                              QStringLiteral("e %1 %2 sealed-for-another").arg(hex, m_recipientId)};
    for (const QString& put : puts)
        QVERIFY2(m_producer.put(put), qPrintable(m_producer.output()));
    QVERIFY(putWithUserType(m_network, m_proxyDht, key, "typed-by-python", "<b>x</b>"));

    QNetworkAccessManager nam;
    auto backend =
        makeGatewayBackend(GatewayKind::Proxy, &nam, url(m_proxyHttp), QStringLiteral("tst_othervalues"));
    KeyTab tab(DhtKey::parse(key, DhtKey::Mode::Text));
    tab.setBackend(backend.get());
    tab.show();
    QVERIFY(fetchRows(&tab, 4));
    QCOMPARE(tab.model()->count(), 4);
    // What the table draws: the delegate's text of a cell, through the view's own model.
    const auto shown = [](KeyTab* tab, int sourceRow, int column) {
        auto* proxy = qobject_cast<ValueFilterProxy*>(tab->view()->model());
        const QModelIndex index = proxy->mapFromSource(tab->model()->index(sourceRow, column));
        auto* delegate = qobject_cast<QStyledItemDelegate*>(tab->view()->itemDelegateForIndex(index));
        return delegate ? delegate->displayText(index.data(), QLocale()) : QStringLiteral("(no delegate)");
    };
    const auto select = [](KeyTab* tab, int sourceRow) {
        auto* proxy = qobject_cast<ValueFilterProxy*>(tab->view()->model());
        tab->view()->selectRow(proxy->mapFromSource(tab->model()->index(sourceRow, 0)).row());
    };
    ValueDetails* details = tab.viewer()->details();

    // Permanent: a stock proxy serves it like a plain value, so nothing claims it either way.
    const int kept = rowWith(&tab, "<b>kept</b>");
    QVERIFY(kept >= 0);
    QCOMPARE(shown(&tab, kept, ValuesModel::Preview), QStringLiteral("<b>kept</b>")); // as it is
    QCOMPARE(shown(&tab, kept, ValuesModel::Flags), QString());
    select(&tab, kept);
    QVERIFY2(details->fieldText(QStringLiteral("permanent")).startsWith(u"unknown"),
             qPrintable(details->fieldText(QStringLiteral("permanent"))));

    // Encrypted for other identities: this proxy has only their ciphertext, and no recipient.
    int sealed = -1, sealedRows = 0;
    for (int r = 0; r < tab.model()->count(); ++r) {
        if (tab.model()->valueAt(r).isEncrypted()) {
            sealed = r;
            ++sealedRows;
        }
    }
    QCOMPARE(sealedRows, 2);
    const qsizetype cypher = tab.model()->valueAt(sealed).meta->cypher.size();
    QVERIFY(cypher > 100);
    QCOMPARE(shown(&tab, sealed, ValuesModel::Preview),
             QStringLiteral("encrypted, recipient unknown (%1 of ciphertext)")
                 .arg(ValueFormat::byteCount(cypher)));
    QCOMPARE(shown(&tab, sealed, ValuesModel::Size), QStringLiteral("%1 B").arg(QLocale().toString(cypher)));
    select(&tab, sealed);
    QCOMPARE(details->fieldText(QStringLiteral("type")), QStringLiteral("unknown (inside the ciphertext)"));

    // A user type from python3-opendht, markup included, shown as typed.
    const int typed = rowWith(&tab, "typed-by-python");
    QVERIFY(typed >= 0);
    QCOMPARE(shown(&tab, typed, ValuesModel::Type), QStringLiteral("0 user data · <b>x</b>"));
    const QString tip = tab.model()->index(typed, ValuesModel::Type).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"&lt;b&gt;x&lt;/b&gt;") && !tip.contains(u"<b>x"), qPrintable(tip));
    select(&tab, typed);
    QCOMPARE(details->fieldText(QStringLiteral("userType")), QStringLiteral("<b>x</b>"));

    // No label of the tab shows a value's text as rich text (the viewer's status line included).
    select(&tab, kept);
    for (const QLabel* label : tab.findChildren<QLabel*>()) {
        QVERIFY2(label->textFormat() == Qt::PlainText || !label->text().contains(u"<b>"),
                 qPrintable(label->objectName() + u": " + label->text()));
    }

    // Through the proxy that holds the identity the producer encrypted one of them for: it
    // serves that one decrypted, after checking its sender's signature.
    auto opener =
        makeGatewayBackend(GatewayKind::Proxy, &nam, url(m_openerHttp), QStringLiteral("tst_othervalues"));
    KeyTab openerTab(DhtKey::parse(key, DhtKey::Mode::Text));
    openerTab.setBackend(opener.get());
    openerTab.show();
    QVERIFY(fetchRows(&openerTab, 3)); // it drops the value it cannot decrypt
    const int opened = rowWith(&openerTab, "opened-by-the-proxy");
    QVERIFY(opened >= 0);
    QCOMPARE(
        shown(&openerTab, opened, ValuesModel::Preview),
        QStringLiteral("decrypted by the gateway (encrypted for %1): opened-by-the-proxy").arg(m_openerId));
    QCOMPARE(shown(&openerTab, opened, ValuesModel::Flags), QStringLiteral("signed, decrypted"));
    QCOMPARE(openerTab.model()->valueAt(opened).ownerId(), m_producerId.toLatin1());
    select(&openerTab, opened);
    details = openerTab.viewer()->details();
    QCOMPARE(details->fieldText(QStringLiteral("decrypted")),
             QStringLiteral("yes (encrypted for %1)").arg(m_openerId));
    const QString checker = details->fieldText(QStringLiteral("signatureCheckedBy"));
    QVERIFY2(checker.startsWith(u"the gateway " + url(m_openerHttp).toString()), qPrintable(checker));
}

namespace {

// tests/support/signed_producer, which libopendht's putSigned gives a seq update: it prints
// "owner <id>", then "put <seq> <data> ok" for each put, and waits for a line between the two.
class SignedProducer
{
public:
    SignedProducer()
    {
        m_process.setProgram(QStringLiteral(ODB_SIGNED_PRODUCER));
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    }
    ~SignedProducer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }
    void start(const QStringList& arguments)
    {
        m_process.setArguments(arguments);
        m_process.start();
    }
    // The first capture of the next output line matching rx (empty after the deadline or an exit).
    QString waitFor(const QRegularExpression& rx)
    {
        QDeadlineTimer deadline(2 * stockDeadlineMs); // an RSA key, then a put, on loaded cores
        while (!deadline.hasExpired()) {
            while (m_process.canReadLine()) {
                const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
                m_output += line + u'\n';
                const auto m = rx.match(line);
                if (m.hasMatch())
                    return m.captured(1);
            }
            if (m_process.state() == QProcess::NotRunning)
                return {};
            m_process.waitForReadyRead(500);
        }
        return {};
    }
    void next() { m_process.write("\n"); }
    bool finishedWell()
    {
        m_process.waitForFinished(stockDeadlineMs);
        return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }
    QString output() { return m_output + QString::fromUtf8(m_process.readAllStandardError()); }

private:
    QProcess m_process;
    QString m_output;
};

} // namespace

// A stock producer replaces its signed value by a higher seq (same value id): a refetched table
// and a watching one each show ONE row for that id, now with the new data and seq 1; so does
// `opendht-cli details --format json`. The model merges by id, higher seq wins (ValuesModel).
void TestOtherValues::signedUpdateReplacesTheRow()
{
    const QString key = QStringLiteral("seq update %1").arg(m_network);
    const QString hex =
        QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex());
    const quint64 id = 0x8000000000000000ull + QRandomGenerator::global()->bounded(1u << 30); // over 2^53
    SignedProducer producer;
    producer.start({m_network, QString::number(m_proxyDht), hex, QString::number(id),
                    QStringLiteral("<i>first</i>"), QStringLiteral("second")});
    const QString owner = producer.waitFor(QRegularExpression(QStringLiteral("^owner ([0-9a-f]{40})$")));
    QVERIFY2(!owner.isEmpty(), qPrintable(producer.output()));
    QCOMPARE(producer.waitFor(QRegularExpression(QStringLiteral("^put (\\d+) <i>first</i> ok$"))),
             QStringLiteral("0"));

    QNetworkAccessManager nam;
    auto backend =
        makeGatewayBackend(GatewayKind::Proxy, &nam, url(m_proxyHttp), QStringLiteral("tst_othervalues"));
    KeyTab fetched(DhtKey::parse(key, DhtKey::Mode::Text));
    fetched.setBackend(backend.get());
    QVERIFY(fetchRows(&fetched, 1));
    QCOMPARE(fetched.model()->count(), 1);
    QCOMPARE(fetched.model()->valueAt(0).id, id);
    QCOMPARE(fetched.model()->valueAt(0).data, QByteArray("<i>first</i>"));
    QCOMPARE(cell(&fetched, 0, ValuesModel::Seq), QStringLiteral("0"));
    QCOMPARE(fetched.model()->valueAt(0).ownerId(), owner.toLatin1());
    KeyTab watched(DhtKey::parse(key, DhtKey::Mode::Text));
    watched.setBackend(backend.get());
    watched.setWatching(true);
    QTRY_COMPARE_WITH_TIMEOUT(watched.model()->count(), 1, stockDeadlineMs);

    producer.next();
    QCOMPARE(producer.waitFor(QRegularExpression(QStringLiteral("^put (\\d+) second ok$"))),
             QStringLiteral("1"));
    QVERIFY2(producer.finishedWell(), qPrintable(producer.output()));

    // Refetched: the same row, updated in place (a second row would be a merge by data).
    QDeadlineTimer deadline(stockDeadlineMs);
    while (onlyData(&fetched) != "second" && !deadline.hasExpired()) {
        QTest::qWait(500);
        fetched.fetch();
        QTRY_VERIFY_WITH_TIMEOUT(!fetched.isBusy(), stockDeadlineMs);
    }
    QCOMPARE(onlyData(&fetched), QByteArray("second"));
    QCOMPARE(fetched.model()->valueAt(0).id, id);
    QCOMPARE(cell(&fetched, 0, ValuesModel::Seq), QStringLiteral("1"));
    QCOMPARE(cell(&fetched, 0, ValuesModel::Preview), QStringLiteral("second"));
    QCOMPARE(fetched.model()->valueAt(0).ownerId(), owner.toLatin1());
    fetched.view()->selectRow(0); // the viewer follows the row to its new content
    QCOMPARE(fetched.viewer()->shownText(), QStringLiteral("second"));
    QCOMPARE(fetched.viewer()->details()->fieldText(QStringLiteral("seq")), QStringLiteral("1"));
    // Watched: the proxy's listen brings the update, the row follows.
    QTRY_COMPARE_WITH_TIMEOUT(onlyData(&watched), QByteArray("second"), stockDeadlineMs);
    QCOMPARE(watched.model()->count(), 1);
    QCOMPARE(cell(&watched, 0, ValuesModel::Seq), QStringLiteral("1"));

    // The CLI: one object for the id, with the new data and seq.
    const ProgramRun run =
        runCli({QStringLiteral("details"), QStringLiteral("--gateway"), url(m_proxyHttp).toString(),
                QStringLiteral("--format"), QStringLiteral("json"), key});
    QVERIFY2(run.code == 0, qPrintable(run.describe()));
    QCOMPARE(run.lines().size(), 1);
    const QJsonObject o = QJsonDocument::fromJson(run.lines().first()).object();
    QCOMPARE(o.value(QStringLiteral("id")).toString(), QString::number(id));
    QCOMPARE(o.value(QStringLiteral("text")).toString(), QStringLiteral("second"));
    QCOMPARE(o.value(QStringLiteral("seq")).toInt(-1), 1);
    QCOMPARE(o.value(QStringLiteral("owner")).toString(), owner);
    QCOMPARE(o.value(QStringLiteral("signed")).toBool(), true);
}

QTEST_MAIN(TestOtherValues)
#include "tst_othervalues.moc"
