// Feeds the request reader thousands of mutated classic requests. Whatever it accepts must
// survive a round trip (written back as a call and read again, the same call comes out) and
// be no bigger than the request allows, and nothing may crash; the counts and the slowest parse
// are printed for the record (a speed is a benchmark's business, not a test's).
#include "fixtures/requests.h"

#include "core/xmlrpc/XmlRpcReader.h"
#include "core/xmlrpc/XmlRpcWriter.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using xmlrpc::Reader;
using xmlrpc::Writer;

namespace {

const QList<QByteArray> fragments = {"<value>",
                                     "</value>",
                                     "<array><data>",
                                     "</data></array>",
                                     "<int>",
                                     "</int>",
                                     "<base64>",
                                     "</base64>",
                                     "<struct><member><name>",
                                     "&amp;",
                                     "&lt;",
                                     "&#0;",
                                     "&x;",
                                     "<!DOCTYPE a [<!ENTITY x \"y\">]>",
                                     "<![CDATA[",
                                     "]]>",
                                     "<?pi?>",
                                     "<!-- -->",
                                     "\xff\xfe",
                                     "\0",
                                     "<params/>",
                                     "<i4>-2147483648</i4>",
                                     "==",
                                     "\n"};

QByteArray mutate(QByteArray doc, QRandomGenerator& rng)
{
    const int edits = 1 + int(rng.bounded(4));
    for (int e = 0; e < edits && !doc.isEmpty(); ++e) {
        const qsizetype at = rng.bounded(int(doc.size()));
        switch (rng.bounded(6)) {
        case 0: // flip a byte
            doc[at] = char(doc[at] ^ char(1 << rng.bounded(8)));
            break;
        case 1: // delete a span
            doc.remove(at, 1 + rng.bounded(16));
            break;
        case 2: // insert a markup fragment
            doc.insert(at, fragments[rng.bounded(int(fragments.size()))]);
            break;
        case 3: // duplicate a span
            doc.insert(at, doc.mid(at, 1 + rng.bounded(64)));
            break;
        case 4: // truncate
            doc.truncate(at);
            break;
        default: // a random byte
            doc.insert(at, char(rng.bounded(256)));
            break;
        }
    }
    return doc;
}

} // namespace

class TestXmlRpcFuzz : public QObject
{
    Q_OBJECT
private slots:
    void mutatedRequests()
    {
        constexpr int rounds = 20000;
        QRandomGenerator rng(20261127); // fixed seed: a failure can be replayed
        const QList<QByteArray> seeds = fixtures::all();
        int accepted = 0;
        qint64 slowestNs = 0;
        for (int i = 0; i < rounds; ++i) {
            const QByteArray doc = mutate(seeds[i % seeds.size()], rng);
            QElapsedTimer t;
            t.start();
            const auto r = Reader::readCall(doc);
            slowestNs = std::max(slowestNs, t.nsecsElapsed());
            if (!r.ok())
                continue;
            ++accepted;
            const QByteArray again = Writer::call(r.call.methodName, r.call.params);
            const auto r2 = Reader::readCall(again);
            QVERIFY2(r2.ok(), doc.toPercentEncoding().constData());
            QCOMPARE(Writer::call(r2.call.methodName, r2.call.params), again);
            // Nothing runs away: no entity or reference makes a small request a big call.
            QVERIFY2(again.size() <= 2 * doc.size() + 512, doc.toPercentEncoding().constData());
        }
        qInfo("fuzz: %d mutated requests, %d accepted and round-tripped, %d refused, slowest %.2f ms", rounds,
              accepted, rounds - accepted, double(slowestNs) / 1e6);
        QVERIFY(accepted > rounds / 100); // the mutations still reach the parameter code
        QVERIFY(accepted < rounds);
    }
};

QTEST_APPLESS_MAIN(TestXmlRpcFuzz)
#include "tst_xmlrpcfuzz.moc"
