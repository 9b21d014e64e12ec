// The values table on values other software made (issue 14): a stock `dhtnode -i` puts plain,
// signed and encrypted values through its shell, a stock `dhtnode --proxyserver` serves them, and
// a KeyTab shows one row per value with its type, flags, owner and seq; filters by owner and
// type; and shows no text of a value (user type, owner) as rich text.
#include "support/StockNode.h"

#include "core/connect/BackendFactory.h"
#include "ui/values/ValueFilterProxy.h"
#include "ui/values/ValuesModel.h"
#include "ui/window/KeyTab.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <memory>

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

} // namespace

class TestOtherValues : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void rowsForPlainSignedAndEncryptedValues();

private:
    QString m_network;
    StockNode m_proxy, m_producer, m_recipient;
    quint16 m_proxyHttp = 0;
    QString m_producerId, m_recipientId;
};

void TestOtherValues::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (QStandardPaths::findExecutable(QStringLiteral("dhtnode")).isEmpty())
        QSKIP("Debian's dhtnode is not installed");
    m_network = QString::number(10000 + QRandomGenerator::global()->bounded(50000));
    const quint16 proxyDht = freeUdpPort();
    m_proxyHttp = freeTcpPort();
    QVERIFY(m_proxy.start({QStringLiteral("-n"), m_network, QStringLiteral("-p"), QString::number(proxyDht),
                           QStringLiteral("--proxyserver"), QString::number(m_proxyHttp),
                           QStringLiteral("--proxy-addr"), QStringLiteral("127.0.0.1")}));
    const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(proxyDht);
    const QRegularExpression keyId(QStringLiteral("Public key ID ([0-9a-f]{40})"));
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
    auto backend = makeGatewayBackend(GatewayKind::Proxy, &nam,
                                      QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_proxyHttp)),
                                      QStringLiteral("tst_othervalues"));
    KeyTab tab(DhtKey::parse(key, DhtKey::Mode::Text));
    tab.setBackend(backend.get());
    QDeadlineTimer deadline(stockDeadlineMs);
    while (tab.model()->count() < 4 && !deadline.hasExpired()) {
        tab.fetch();
        QTRY_VERIFY_WITH_TIMEOUT(!tab.isBusy(), stockDeadlineMs);
        if (tab.model()->count() < 4)
            QTest::qWait(500);
    }
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

QTEST_MAIN(TestOtherValues)
#include "tst_othervalues.moc"
