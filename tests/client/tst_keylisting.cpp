// Listing the keys a gateway stores (issue 20, client side): KeyListing pages through a real
// opendht-gateway's GET /keys with progress and cancel, and says in words when a server cannot
// list (a stock `dhtnode --proxyserver`) or will not (--list-keys off); `opendht-cli keys`
// prints the same, as text or JSON lines, and exits 4 with one sentence where nothing is listed.
#include "support/GatewayProcess.h"
#include "support/GatewaySeed.h"
#include "support/LoneStockProxy.h"
#include "support/ProgramRun.h"

#include "core/keys/KeyListing.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

constexpr int keyCount = 1200;
constexpr int eventDeadlineMs = 30000;

QByteArray keyOf(int i)
{
    const QByteArray name = QByteArray("tst_keylisting ") + QByteArray::number(i);
    return QCryptographicHash::hash(name, QCryptographicHash::Sha1);
}

// Every key listed, by running a listing to its end.
struct Listed
{
    QVector<StoredKeyInfo> keys;
    QList<qint64> progress;
    int pages = 0;
};

} // namespace

class TestKeyListing : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<GatewayProcess> m_gateway;
    QNetworkAccessManager m_nam;

    // One value under each key keyOf(i), its number as data.
    bool putValues(int count)
    {
        return seedGateway(m_gateway->url(), count, [](int i) {
            return SeedValue{QString::fromLatin1(keyOf(i).toHex()), QByteArray::number(i)};
        });
    }

    Listed listAll(KeyListing& listing)
    {
        Listed l;
        connect(&listing, &KeyListing::keysArrived, this, [&l](const QVector<StoredKeyInfo>& keys) {
            l.keys += keys;
            ++l.pages;
        });
        connect(&listing, &KeyListing::progress, this, [&l](qint64 listed, qint64) { l.progress << listed; });
        QSignalSpy finished(&listing, &KeyListing::finished);
        listing.start();
        if (!finished.wait(eventDeadlineMs))
            qWarning("the listing did not finish");
        return l;
    }

private slots:
    void initTestCase()
    {
        m_gateway = std::make_unique<GatewayProcess>();
        QString error;
        QVERIFY2(m_gateway->start(&error), qPrintable(error));
        QVERIFY(putValues(keyCount));
    }

    void pagesThroughEveryKeyWithProgress()
    {
        HttpCall::Limits limits;
        KeyListing listing(&m_nam, m_gateway->url(), limits);
        listing.setPageSize(500);
        const Listed l = listAll(listing);
        QVERIFY2(listing.failure() == KeyListing::Failure::None, qPrintable(listing.errorString()));
        QSet<QByteArray> seen;
        for (const StoredKeyInfo& k : l.keys) {
            QVERIFY2(!seen.contains(k.key20), "a key was listed twice");
            seen.insert(k.key20);
        }
        for (int i = 0; i < keyCount; ++i) {
            QVERIFY(seen.contains(keyOf(i)));
        }
        // The gateway's own presence among keepers may be there too, nothing else.
        QVERIFY(seen.size() <= keyCount + 1);
        QCOMPARE(listing.listed(), qint64(seen.size()));
        QCOMPARE(listing.total(), qint64(seen.size()));
        QCOMPARE(l.pages, int((seen.size() + 499) / 500));
        QCOMPARE(l.progress.size(), l.pages);
        QCOMPARE(l.progress.last(), qint64(seen.size()));
        QVERIFY(std::is_sorted(l.progress.cbegin(), l.progress.cend()));
        for (const StoredKeyInfo& k : l.keys) {
            if (k.key20 == keyOf(7)) {
                QCOMPARE(k.values, 1);
                QCOMPARE(k.bytes, qint64(1)); // "7"
                QVERIFY(qAbs(k.newestMs - QDateTime::currentMSecsSinceEpoch()) < 120000);
            }
        }
    }

    void cancelStopsAfterThePageInHand()
    {
        KeyListing listing(&m_nam, m_gateway->url(), HttpCall::Limits());
        listing.setPageSize(100);
        int pages = 0;
        connect(&listing, &KeyListing::keysArrived, this, [&] {
            if (++pages == 2)
                listing.cancel();
        });
        QSignalSpy finished(&listing, &KeyListing::finished);
        listing.start();
        QVERIFY(finished.wait(eventDeadlineMs));
        QTest::qWait(200); // nothing more may come
        QCOMPARE(finished.size(), 1);
        QCOMPARE(pages, 2);
        QCOMPARE(listing.failure(), KeyListing::Failure::Cancelled);
        QCOMPARE(listing.listed(), qint64(200));
    }

    void maxKeysEndsEarly()
    {
        KeyListing listing(&m_nam, m_gateway->url(), HttpCall::Limits());
        listing.setPageSize(100);
        listing.setMaxKeys(250);
        const Listed l = listAll(listing);
        QCOMPARE(listing.failure(), KeyListing::Failure::None);
        QCOMPARE(l.keys.size(), 250);
        QCOMPARE(l.pages, 3);
    }

    void aStockProxyCannotList()
    {
        lonestock::LoneStockProxy proxy;
        QVERIFY2(proxy.waitAnswering(), "the stock proxy did not answer");
        KeyListing listing(&m_nam, proxy.url(), HttpCall::Limits());
        const Listed l = listAll(listing);
        QCOMPARE(listing.failure(), KeyListing::Failure::CannotList);
        QVERIFY2(listing.errorString().contains(QLatin1String("cannot list the keys it stores")),
                 qPrintable(listing.errorString()));
        QVERIFY(l.keys.isEmpty());
        const ProgramRun r =
            runCli({QStringLiteral("keys"), QStringLiteral("--gateway"), proxy.url().toString()});
        QVERIFY2(r.code == 4 && r.out.isEmpty() && r.err.count('\n') == 1, qPrintable(r.describe()));
        QVERIFY2(r.err.contains("cannot list the keys it stores"), qPrintable(r.describe()));
    }

    void aGatewayThatWillNotListSaysWhy()
    {
        GatewayProcess closed({QStringLiteral("--list-keys"), QStringLiteral("off")});
        QString error;
        QVERIFY2(closed.start(&error), qPrintable(error));
        KeyListing listing(&m_nam, closed.url(), HttpCall::Limits());
        listAll(listing);
        QCOMPARE(listing.failure(), KeyListing::Failure::Refused);
        QVERIFY2(listing.errorString().contains(QLatin1String("--list-keys off")),
                 qPrintable(listing.errorString()));
        const ProgramRun r =
            runCli({QStringLiteral("keys"), QStringLiteral("--gateway"), closed.url().toString()});
        QVERIFY2(r.code == 4 && r.err.contains("--list-keys off"), qPrintable(r.describe()));
    }

    void nothingListensThere()
    {
        KeyListing listing(&m_nam, QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(freeTcpPort())),
                           HttpCall::Limits());
        listAll(listing);
        QCOMPARE(listing.failure(), KeyListing::Failure::Network);
    }

    void cliPrintsTextAndJsonLines()
    {
        const QString url = m_gateway->url().toString();
        ProgramRun r = runCli({QStringLiteral("keys"), QStringLiteral("--gateway"), url});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QVERIFY2(lines.size() >= keyCount, qPrintable(r.describe()));
        const QByteArray seven = keyOf(7).toHex();
        bool found = false;
        for (const QByteArray& line : lines) {
            if (line.startsWith(seven)) {
                found = true;
                QVERIFY2(line.contains("1 value ") && line.contains("1 byte ") && line.contains(" UTC"),
                         line.constData());
            }
        }
        QVERIFY(found);
        QVERIFY2(r.err.contains(QByteArray(QByteArray::number(lines.size()) + " keys stored on")),
                 qPrintable(r.describe()));

        r = runCli({QStringLiteral("keys"), QStringLiteral("--gateway"), url, QStringLiteral("--json"),
                    QStringLiteral("--limit"), QStringLiteral("3")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        const QList<QByteArray> json = r.out.trimmed().split('\n');
        QCOMPARE(json.size(), 3);
        for (const QByteArray& line : json) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            QCOMPARE(o.value(QLatin1String("key")).toString().size(), 40);
            QVERIFY(o.value(QLatin1String("values")).toInt() >= 1);
            QVERIFY(o.contains(QLatin1String("bytes")) && o.contains(QLatin1String("items")));
        }
        QVERIFY2(r.err.contains("3 of the "), qPrintable(r.describe()));

        r = runCli({QStringLiteral("keys"), QStringLiteral("--gateway"), url, QStringLiteral("--limit"),
                    QStringLiteral("lots")});
        QVERIFY2(r.code == 2 && r.err.contains("--limit"), qPrintable(r.describe()));
    }

    void cleanupTestCase() { m_gateway.reset(); }
};

QTEST_MAIN(TestKeyListing)
#include "tst_keylisting.moc"
