// The "Stored here" panel with 100 000 keys (issue 20): starts a lone opendht-gateway (the
// build's, or $ODB_GATEWAY) on free loopback ports, fills it with one value under each of
// --keys keys by REST, then lists them into a shown StoredKeysPanel (offscreen is fine) and
// prints how long the listing took, each page's round trip, and the longest stall of the event
// loop meanwhile (goal: under 50 ms), then the same for a sort by each column, a listing merged
// into a sort by size, and a hash prefix typed into the filter. Prints figures; not a test.
//   QT_QPA_PLATFORM=offscreen build/tests/bench/odb_stored_bench [--keys 100000] [--rounds 3] [--synthetic]
// (--synthetic: no gateway, made-up keys appended as pages: the sort and filter figures only)
#include "BenchTiming.h"
#include "support/GatewayProcess.h"

#include "ui/keys/BookmarksModel.h"
#include "ui/keys/KeyHistory.h"
#include "ui/storedkeys/StoredKeysFilter.h"
#include "ui/storedkeys/StoredKeysModel.h"
#include "ui/storedkeys/StoredKeysPanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace benchtiming;

namespace {

// One REST value under each of count keys, 6 requests at a time. Returns the seconds taken.
double fill(const QUrl& gateway, int count)
{
    QNetworkAccessManager nam;
    QElapsedTimer clock;
    clock.start();
    int next = 0, done = 0, failed = 0;
    std::function<void()> putNext = [&] {
        if (next >= count)
            return;
        QUrl url = gateway;
        const QByteArray name = QByteArray("stored_bench ") + QByteArray::number(next);
        url.setPath(QStringLiteral("/key/") +
                    QString::fromLatin1(QCryptographicHash::hash(name, QCryptographicHash::Sha1).toHex()));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setTransferTimeout(30000);
        ++next;
        QNetworkReply* reply = nam.post(request, "{\"type\":0,\"data\":\"" + name.toBase64() + "\"}");
        QObject::connect(reply, &QNetworkReply::finished, &nam, [&, reply] {
            reply->deleteLater();
            failed += reply->error() != QNetworkReply::NoError;
            ++done;
            putNext();
        });
    };
    for (int i = 0; i < 6; ++i)
        putNext();
    waitUntil([&] { return done >= count; });
    if (failed > 0)
        std::printf("warning: %d puts failed\n", failed);
    return double(clock.elapsed()) / 1000;
}

QString figures(QList<double> v)
{
    std::sort(v.begin(), v.end());
    if (v.isEmpty())
        return QStringLiteral("-");
    return QStringLiteral("median %1 ms, max %2 ms (%3 pages)")
        .arg(v[v.size() / 2], 0, 'f', 1)
        .arg(v.last(), 0, 'f', 1)
        .arg(v.size());
}

// One listing into the panel (the first as it is shown, then Refresh), with its figures.
void listOnce(StoredKeysPanel& panel, StallMeter& stall, const QString& name, bool first)
{
    QList<double> pages, inserts;
    QElapsedTimer page, insert;
    QObject::connect(panel.model(), &QAbstractItemModel::rowsAboutToBeInserted, &panel,
                     [&] { insert.start(); });
    // Connected after the filter and the view: their share of an insertion is in the figure.
    QObject::connect(panel.model(), &QAbstractItemModel::rowsInserted, &panel, [&] {
        inserts << double(insert.nsecsElapsed()) / 1e6;
        pages << double(page.nsecsElapsed()) / 1e6;
        page.restart();
    });
    bool finished = false;
    const auto done =
        QObject::connect(&panel, &StoredKeysPanel::listingFinished, &panel, [&] { finished = true; });
    stall.start();
    QElapsedTimer clock;
    clock.start();
    page.start();
    QElapsedTimer call;
    call.start();
    if (first)
        panel.show(); // the first listing starts as the panel is shown
    else
        panel.refresh(); // the rows of the previous listing go first
    const double startMs = double(call.nsecsElapsed()) / 1e6;
    waitUntil([&] { return finished; });
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    const qint64 longest = stall.stop();
    QObject::disconnect(done);
    panel.model()->disconnect(&panel);
    std::printf("%s: started in %.1f ms; %d rows in %.0f ms; page to page %s; inserting a page into model, "
                "filter and view %s; longest event-loop stall %lld ms%s\n",
                qPrintable(name), startMs, panel.model()->rowCount(), ms, qPrintable(figures(pages)),
                qPrintable(figures(inserts)), longest, longest < 50 ? "" : " (over the 50 ms goal)");
}

// Thread CPU time in ms: what the work costs the UI thread, whatever the machine's load.
double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// Each column both ways, as header clicks, then a hash prefix typed a digit at a time and
// cleared: the time each takes, the UI thread's CPU time, and the longest stall it makes.
void sortAndFilter(StoredKeysPanel& panel, StallMeter& stall)
{
    const char* names[] = {"key", "values", "size", "age"};
    for (int column : {StoredKeysModel::ValuesColumn, StoredKeysModel::SizeColumn, StoredKeysModel::AgeColumn,
                       StoredKeysModel::KeyColumn}) {
        for (Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
            bool applied = false;
            const auto done = QObject::connect(panel.model(), &StoredKeysModel::sortApplied, &panel,
                                               [&] { applied = true; });
            stall.start();
            QElapsedTimer clock;
            clock.start();
            const double cpu = cpuMs();
            panel.view()->sortByColumn(column, order);
            waitUntil([&] { return applied; }); // a large sort is through in a thread of its own
            QCoreApplication::processEvents();
            const double ms = double(clock.nsecsElapsed()) / 1e6;
            const double cpuUsed = cpuMs() - cpu; // the UI thread's only
            QObject::disconnect(done);
            std::printf(
                "sort of %d rows by %s %s: shown in %.1f ms, %.1f ms of the UI thread's CPU (the longest "
                "stall: %lld ms)\n",
                panel.model()->rowCount(), names[column],
                order == Qt::AscendingOrder ? "ascending" : "descending", ms, cpuUsed,
                std::max<qint64>(stall.stop(), 0));
        }
    }
    for (const QString& text :
         {QStringLiteral("a"), QStringLiteral("ab"), QStringLiteral("abc"), QString()}) {
        stall.start();
        QElapsedTimer clock;
        clock.start();
        const double cpu = cpuMs();
        panel.filterEdit()->setText(text);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        const double cpuUsed = cpuMs() - cpu;
        QCoreApplication::processEvents();
        std::printf(
            "filter \"%s\" over %d rows: %d shown in %.1f ms, %.1f ms of CPU (the longest stall: %lld ms)\n",
            qPrintable(text), panel.model()->rowCount(), panel.filter()->rowCount(), ms, cpuUsed,
            std::max<qint64>(stall.stop(), 0));
    }
}

// --synthetic: made-up keys appended in pages of 1000 as a listing does, without a gateway (the
// fill of 100 000 keys by REST takes minutes): the sort and filter figures only.
void appendSynthetic(StoredKeysPanel& panel, int keys)
{
    QVector<StoredKeyInfo> all;
    all.reserve(keys);
    for (int i = 0; i < keys; ++i) {
        const QByteArray name = QByteArray("stored_bench ") + QByteArray::number(i);
        all.append({QCryptographicHash::hash(name, QCryptographicHash::Sha1), 1 + i % 9, 100 + i % 900,
                    1700000000000 + i * 1000LL, 0});
    }
    std::sort(all.begin(), all.end(),
              [](const StoredKeyInfo& a, const StoredKeyInfo& b) { return a.key20 < b.key20; });
    for (int at = 0; at < keys; at += 1000)
        panel.model()->appendKeys(all.mid(at, 1000));
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("keys"), QStringLiteral("keys to store"), QStringLiteral("N"),
          QStringLiteral("100000")},
         {QStringLiteral("rounds"), QStringLiteral("listings to time"), QStringLiteral("N"),
          QStringLiteral("3")},
         {QStringLiteral("synthetic"), QStringLiteral("no gateway: made-up keys, sort and filter only")}});
    p.process(app);
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    const int keys = p.value(QStringLiteral("keys")).toInt();
    const int rounds = std::max(1, p.value(QStringLiteral("rounds")).toInt());

    if (p.isSet(QStringLiteral("synthetic"))) {
        KeyHistory history;
        BookmarksModel bookmarks;
        StoredKeysPanel panel(&history, &bookmarks);
        panel.resize(900, 600);
        panel.show();
        appendSynthetic(panel, keys);
        QCoreApplication::processEvents();
        StallMeter stall;
        sortAndFilter(panel, stall);
        return 0;
    }

    // Room for the values: 100 000 of them are about 100 MB of other values' budget at most.
    GatewayProcess gateway({QStringLiteral("--storage-limit"), QString::number(1LL << 30)});
    QString error;
    if (!gateway.start(&error)) {
        std::fprintf(stderr, "stored_bench: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("gateway %s; %d keys put by REST in %.1f s\n", qPrintable(gateway.url().toString()), keys,
                fill(gateway.url(), keys));

    KeyHistory history;
    BookmarksModel bookmarks;
    StoredKeysPanel panel(&history, &bookmarks);
    panel.resize(900, 600);
    panel.setGateway(gateway.url());
    StallMeter stall;
    for (int round = 0; round < rounds; ++round)
        listOnce(panel, stall, QStringLiteral("listing %1").arg(round + 1), round == 0);

    sortAndFilter(panel, stall);
    // Listed again while sorted by size: each page is merged into that order.
    panel.view()->sortByColumn(StoredKeysModel::SizeColumn, Qt::DescendingOrder);
    listOnce(panel, stall, QStringLiteral("listing sorted by size"), false);
    panel.view()->sortByColumn(StoredKeysModel::KeyColumn, Qt::AscendingOrder);
    QCoreApplication::processEvents();

    gateway.stop();
    return 0;
}
