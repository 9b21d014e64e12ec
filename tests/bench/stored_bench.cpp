// The "Stored here" panel with 100 000 keys (issue 20): starts a lone opendht-gateway (the
// build's, or $ODB_GATEWAY) on free loopback ports, fills it with one value under each of
// --keys keys by REST, then lists them into a shown StoredKeysPanel (offscreen is fine) and
// prints how long the listing took, each page's round trip, the time of each phase on the UI
// thread (inserting a page, merging pages into another order, clearing the old rows) and the
// longest stall of the event loop meanwhile (goal: under 50 ms), then the same for a sort by
// each column, a hash prefix typed into the filter and a listing in each other sort order.
// Prints figures; not a test.
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

QString figures(QList<double> v, const char* what = "pages")
{
    std::sort(v.begin(), v.end());
    if (v.isEmpty())
        return QStringLiteral("none");
    return QStringLiteral("median %1 ms, max %2 ms (%3 %4)")
        .arg(v[v.size() / 2], 0, 'f', 1)
        .arg(v.last(), 0, 'f', 1)
        .arg(v.size())
        .arg(QLatin1String(what));
}

// The time from a model's "about to" signal to its "done" one, each time: connected after the
// filter and the view, their share is in it.
struct Phase
{
    QList<double> ms;
    QElapsedTimer clock;
};

template <typename About, typename Done>
void timePhase(StoredKeysPanel& panel, Phase& phase, About about, Done done)
{
    QObject::connect(panel.model(), about, &panel, [&phase] { phase.clock.start(); });
    QObject::connect(panel.model(), done, &panel,
                     [&phase] { phase.ms << double(phase.clock.nsecsElapsed()) / 1e6; });
}

// One listing into the panel (the first by setGateway() on a panel shown already, then
// Refresh), with its figures per phase: pages inserted, pages merged into another order than
// the key's (one change of layout each), the old rows cleared by a Refresh.
void listOnce(StoredKeysPanel& panel, StallMeter& stall, const QString& name, const QUrl& gateway)
{
    QList<double> pages;
    QElapsedTimer page;
    Phase inserts, merges, clears;
    timePhase(panel, inserts, &QAbstractItemModel::rowsAboutToBeInserted, &QAbstractItemModel::rowsInserted);
    timePhase(panel, merges, &QAbstractItemModel::layoutAboutToBeChanged, &QAbstractItemModel::layoutChanged);
    timePhase(panel, clears, &QAbstractItemModel::modelAboutToBeReset, &QAbstractItemModel::modelReset);
    QObject::connect(panel.model(), &QAbstractItemModel::rowsInserted, &panel, [&] {
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
    if (panel.gateway() != gateway)
        panel.setGateway(gateway); // the first listing: the panel is shown
    else
        panel.refresh(); // the rows of the previous listing go first
    const double startMs = double(call.nsecsElapsed()) / 1e6;
    // Done when listed and merged into the order: the rows all in place.
    waitUntil([&] { return finished && !panel.model()->isSorting(); });
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    const qint64 longest = stall.stop();
    QObject::disconnect(done);
    panel.model()->disconnect(&panel);
    std::printf("%s: started in %.1f ms (clearing the old rows: %s); %d rows in %.0f ms; page to page %s; "
                "inserting a page into model, filter and view %s; merging pages into the order %s; "
                "longest event-loop stall %lld ms%s\n",
                qPrintable(name), startMs, qPrintable(figures(clears.ms, "resets")),
                panel.model()->rowCount(), ms, qPrintable(figures(pages)), qPrintable(figures(inserts.ms)),
                qPrintable(figures(merges.ms, "merges")), longest,
                longest < 50 ? "" : " (over the 50 ms goal)");
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
// fill of 100 000 keys by REST takes minutes): the sort and filter figures, and pages coming in
// every 10 ms while sorted by size (the UI thread's share of a listing, without the network).
QVector<StoredKeyInfo> syntheticKeys(int keys)
{
    QVector<StoredKeyInfo> all;
    all.reserve(keys);
    for (int i = 0; i < keys; ++i) {
        const QByteArray name = QByteArray("stored_bench ") + QByteArray::number(i);
        all.append({QCryptographicHash::hash(name, QCryptographicHash::Sha1), 1 + i % 9,
                    100 + (i * 7919) % 900, 1700000000000 + i * 1000LL, 0});
    }
    std::sort(all.begin(), all.end(),
              [](const StoredKeyInfo& a, const StoredKeyInfo& b) { return a.key20 < b.key20; });
    return all;
}

void pagesWhileSorted(StoredKeysPanel& panel, StallMeter& stall, int keys, int column, Qt::SortOrder order,
                      const char* name)
{
    const QVector<StoredKeyInfo> all = syntheticKeys(keys);
    panel.model()->clear();
    panel.view()->sortByColumn(column, order);
    Phase inserts, merges;
    timePhase(panel, inserts, &QAbstractItemModel::rowsAboutToBeInserted, &QAbstractItemModel::rowsInserted);
    timePhase(panel, merges, &QAbstractItemModel::layoutAboutToBeChanged, &QAbstractItemModel::layoutChanged);
    QTimer pages;
    int at = 0;
    QObject::connect(&pages, &QTimer::timeout, &panel, [&] {
        if (at < keys)
            panel.model()->appendKeys(all.mid(at, 1000));
        at += 1000;
    });
    stall.start();
    QElapsedTimer clock;
    clock.start();
    pages.start(10);
    waitUntil([&] { return at >= keys && !panel.model()->isSorting(); });
    pages.stop();
    const qint64 longest = stall.stop();
    panel.model()->disconnect(&panel);
    std::printf("synthetic pages while sorted by %s: %d rows in %.0f ms; inserting a page %s; merging %s; "
                "longest event-loop stall %lld ms%s\n",
                name, panel.model()->rowCount(), double(clock.nsecsElapsed()) / 1e6,
                qPrintable(figures(inserts.ms)), qPrintable(figures(merges.ms, "merges")), longest,
                longest < 50 ? "" : " (over the 50 ms goal)");
}

void appendSynthetic(StoredKeysPanel& panel, int keys)
{
    const QVector<StoredKeyInfo> all = syntheticKeys(keys);
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
        pagesWhileSorted(panel, stall, keys, StoredKeysModel::SizeColumn, Qt::DescendingOrder, "size");
        pagesWhileSorted(panel, stall, keys, StoredKeysModel::AgeColumn, Qt::AscendingOrder, "age");
        return 0;
    }

    // Room for the values: 100 000 of them are about 100 MB of other values' budget at most; and
    // for their keys, past the default --search-budget of 100 000 keys an hour.
    GatewayProcess gateway({QStringLiteral("--storage-limit"), QString::number(1LL << 30),
                            QStringLiteral("--search-budget"), QStringLiteral("500000")});
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
    StallMeter stall;
    // The panel's first show (style, fonts, first paint) is the window's start, not the listing:
    // told apart.
    stall.start();
    panel.show();
    QCoreApplication::processEvents();
    std::printf("panel first shown, nothing listed: longest event-loop stall %lld ms\n", stall.stop());
    for (int round = 0; round < rounds; ++round)
        listOnce(panel, stall, QStringLiteral("listing %1").arg(round + 1), gateway.url());

    sortAndFilter(panel, stall);
    // Listed again in each other order: pages (in hash order) are merged into it.
    const struct
    {
        int column;
        Qt::SortOrder order;
        const char* name;
    } orders[] = {{StoredKeysModel::SizeColumn, Qt::DescendingOrder, "size"},
                  {StoredKeysModel::ValuesColumn, Qt::AscendingOrder, "values"},
                  {StoredKeysModel::AgeColumn, Qt::AscendingOrder, "age"},
                  {StoredKeysModel::KeyColumn, Qt::DescendingOrder, "key, descending"}};
    for (const auto& o : orders) {
        panel.view()->sortByColumn(o.column, o.order);
        waitUntil([&] { return !panel.model()->isSorting(); });
        listOnce(panel, stall, QStringLiteral("listing sorted by %1").arg(QLatin1String(o.name)),
                 gateway.url());
    }
    panel.view()->sortByColumn(StoredKeysModel::KeyColumn, Qt::AscendingOrder);
    QCoreApplication::processEvents();

    gateway.stop();
    return 0;
}
