// Times the browser window against the bare core on the same key of a running gateway: from
// Enter in the key bar to the whole table shown, against ClassicClient::fetchAll alone, and
// the longest stall of the UI event loop meanwhile. browser_bench.py starts the gateway, fills
// the key and also times cold starts of the real program. Prints figures; not a test.
#include "BenchTiming.h"
#include "core/connect/BackendFactory.h"
#include "core/local/ActiveGateway.h"
#include "core/probe/GatewayDirectory.h"
#include "ui/keys/KeyBar.h"
#include "ui/values/ValuesModel.h"
#include "ui/window/KeyTab.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace benchtiming;

namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

double coreFetchMs(const QUrl& gateway, const DhtKey& key, int* count)
{
    QNetworkAccessManager nam;
    auto client = makeGatewayBackend(GatewayKind::Classic, &nam, gateway, QStringLiteral("bench"));
    QElapsedTimer clock;
    clock.start();
    GatewayCall* call = client->fetchValues(key);
    waitUntil([call] { return call->isFinished(); });
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    *count = int(call->values().size());
    delete call;
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("gateway"), QStringLiteral("classic gateway URL"), QStringLiteral("URL")},
         {QStringLiteral("key"), QStringLiteral("text key holding the values"), QStringLiteral("KEY")},
         {QStringLiteral("rounds"), QStringLiteral("rounds of each"), QStringLiteral("N"),
          QStringLiteral("5")}});
    p.process(app);
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    const QUrl gateway(p.value(QStringLiteral("gateway")));
    const QString keyText = p.value(QStringLiteral("key"));
    const DhtKey key = DhtKey::parse(keyText, DhtKey::Mode::Text);
    const int rounds = p.value(QStringLiteral("rounds")).toInt();

    MainWindow::Options options;
    options.gateway = gateway;
    options.localFallback = false;
    options.restoreSession = false;
    MainWindow window(options);
    window.resize(1200, 800);
    window.show();
    waitUntil([&] { return window.activeGateway()->backend() != nullptr; });

    QList<double> core, ui, stalls;
    int expected = 0;
    StallMeter meter;
    for (int round = 0; round < rounds; ++round) {
        core << coreFetchMs(gateway, key, &expected);

        QLineEdit* edit = window.keyBar()->keyEdit();
        edit->setText(keyText);
        meter.start();
        QElapsedTimer clock;
        clock.start();
        if (round == 0)
            QTest::keyClick(edit, Qt::Key_Return);
        else
            window.currentTab()->fetch(); // what F5 does: the same key again
        KeyTab* tab = window.currentTab();
        waitUntil([&] { return tab->hasFetched() && !tab->isBusy(); });
        // The table is shown once the events the fetch queued (layout, paint) have run.
        QTimer::singleShot(0, &app, [] {});
        QCoreApplication::processEvents();
        ui << double(clock.nsecsElapsed()) / 1e6;
        stalls << double(meter.stop());
        if (tab->model()->rowCount() != expected) {
            std::fprintf(stderr, "browser_bench: the table has %d rows, the core fetched %d\n",
                         tab->model()->rowCount(), expected);
            return 1;
        }
    }
    std::printf("values %d rounds %d\n", expected, rounds);
    std::printf("core fetchAll median %.1f ms\n", median(core));
    std::printf("window Enter->table median %.1f ms (ratio %.2f, target <= 1.2)\n", median(ui),
                median(ui) / median(core));
    std::printf("longest UI stall %.1f ms (worst round; target <= 50)\n",
                *std::max_element(stalls.begin(), stalls.end()));
    return 0;
}
