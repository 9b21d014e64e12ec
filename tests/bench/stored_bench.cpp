// The "Stored here" panel with 100 000 keys (issue 20): starts a lone opendht-gateway (the
// build's, or $ODB_GATEWAY) on free loopback ports, fills it with one value under each of
// --keys keys by REST, then lists them into a shown StoredKeysDock (offscreen is fine) and
// prints how long the listing took, each page's round trip, and the longest stall of the event
// loop meanwhile (goal: under 50 ms), then the same for a sort by size and a filter over all
// rows. Prints figures; not a test.
//   QT_QPA_PLATFORM=offscreen build/tests/bench/odb_stored_bench [--keys 100000] [--rounds 3]
#include "GatewayProcess.h"

#include <keys/BookmarksModel.h>
#include <keys/KeyHistory.h>
#include <storedkeys/StoredKeysDock.h>
#include <storedkeys/StoredKeysFilter.h>
#include <storedkeys/StoredKeysModel.h>

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

namespace {

void waitUntil(const std::function<bool()>& done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
}

// The longest time the event loop went without running a 2 ms timer, while it is running.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(2);
        connect(&m_timer, &QTimer::timeout, this,
                [this] { m_longest = std::max(m_longest, m_clock.restart() - 2); });
    }
    void start()
    {
        m_longest = 0;
        m_clock.start();
        m_timer.start();
    }
    qint64 stop()
    {
        m_timer.stop();
        return m_longest;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

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

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("keys"), QStringLiteral("keys to store"), QStringLiteral("N"),
                   QStringLiteral("100000")},
                  {QStringLiteral("rounds"), QStringLiteral("listings to time"), QStringLiteral("N"),
                   QStringLiteral("3")}});
    p.process(app);
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    const int keys = p.value(QStringLiteral("keys")).toInt();
    const int rounds = std::max(1, p.value(QStringLiteral("rounds")).toInt());

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
    StoredKeysDock dock(&history, &bookmarks);
    dock.resize(900, 600);
    dock.setGateway(gateway.url());
    StallMeter stall;
    for (int round = 0; round < rounds; ++round) {
        QList<double> pages, inserts;
        QElapsedTimer page, insert;
        QObject::connect(dock.model(), &QAbstractItemModel::rowsAboutToBeInserted, &dock,
                         [&] { insert.start(); });
        // Connected after the filter and the view: their share of an insertion is in the figure.
        QObject::connect(dock.model(), &QAbstractItemModel::rowsInserted, &dock, [&] {
            inserts << double(insert.nsecsElapsed()) / 1e6;
            pages << double(page.nsecsElapsed()) / 1e6;
            page.restart();
        });
        bool finished = false;
        const auto done =
            QObject::connect(&dock, &StoredKeysDock::listingFinished, &dock, [&] { finished = true; });
        stall.start();
        QElapsedTimer clock;
        clock.start();
        page.start();
        QElapsedTimer call;
        call.start();
        if (round == 0)
            dock.show(); // the first listing starts as the panel is shown
        else
            dock.refresh(); // the rows of the previous listing go first
        const double startMs = double(call.nsecsElapsed()) / 1e6;
        waitUntil([&] { return finished; });
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        const qint64 longest = stall.stop();
        QObject::disconnect(done);
        dock.model()->disconnect(&dock);
        std::printf("listing %d: started in %.1f ms; %d rows in %.0f ms; page to page %s; inserting a page "
                    "into model, filter "
                    "and view %s; longest event-loop stall %lld ms%s\n",
                    round + 1, startMs, dock.model()->rowCount(), ms, qPrintable(figures(pages)),
                    qPrintable(figures(inserts)), longest, longest < 50 ? "" : " (over the 50 ms goal)");
    }

    stall.start();
    QElapsedTimer clock;
    clock.start();
    dock.view()->sortByColumn(StoredKeysModel::SizeColumn, Qt::DescendingOrder);
    QCoreApplication::processEvents();
    std::printf("sort of %d rows by size: %.1f ms (the stall it makes: %lld ms)\n", dock.model()->rowCount(),
                double(clock.nsecsElapsed()) / 1e6, std::max<qint64>(stall.stop(), 0));
    dock.view()->sortByColumn(StoredKeysModel::KeyColumn, Qt::AscendingOrder);
    QCoreApplication::processEvents();

    clock.restart();
    dock.filterEdit()->setText(QStringLiteral("ab"));
    QCoreApplication::processEvents();
    std::printf("filter by hash prefix \"ab\" over %d rows: %d shown in %.1f ms\n", dock.model()->rowCount(),
                dock.filter()->rowCount(), double(clock.nsecsElapsed()) / 1e6);
    gateway.stop();
    return 0;
}
