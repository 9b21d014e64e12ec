// opendht-browser: the Qt Widgets window for keys, values, puts and gateways.
#include "core/dht/DhtKey.h"
#include "core/kept/KeptPutStore.h"
#include "core/l10n/Translation.h"
#include "core/net/DhtNetwork.h"
#include "ui/keys/KeyBar.h"
#include "ui/window/KeyTab.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QByteArray>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QTimer>

#include <cstdio>

namespace {

QCommandLineParser& describe(QCommandLineParser& p)
{
    p.setApplicationDescription(QApplication::translate(
        "main", "Browse an Open DHT: enter keys, see every value under a key, put values with a TTL, and "
                "choose a gateway from a live latency table."));
    p.addHelpOption();
    p.addVersionOption();
    p.addOptions({
        {QStringLiteral("gateway"),
         QApplication::translate(
             "main", "Use this gateway in this run, pinned (neither added to the list nor remembered)."),
         QStringLiteral("URL")},
        {QStringLiteral("local"),
         QApplication::translate("main", "Start the embedded local gateway at once.")},
        {QStringLiteral("no-local"),
         QApplication::translate("main",
                                 "Never start the embedded local gateway, even when no gateway answers.")},
        {QStringLiteral("network"),
         QApplication::translate("main",
                                 "The DHT network the local gateway joins in this run, not remembered: %1 "
                                 "(default: the one chosen in Gateway > Network of the Local Gateway).")
             .arg(DhtNetwork::names().join(QStringLiteral(", "))),
         QStringLiteral("NAME")},
        {QStringLiteral("open-key"), QApplication::translate("main", "Open this key in a tab and fetch it."),
         QStringLiteral("KEY")},
        {QStringLiteral("key-mode"), QApplication::translate("main", "Mode of --open-key: text, hex or raw."),
         QStringLiteral("MODE"), QStringLiteral("text")},
        {QStringLiteral("fresh"), QApplication::translate("main", "Do not restore the last session's tabs.")},
        {QStringLiteral("screenshot"),
         QApplication::translate("main", "Save a picture of the window to FILE after a delay, then quit."),
         QStringLiteral("FILE")},
        {QStringLiteral("screenshot-delay-ms"), QApplication::translate("main", "Delay before --screenshot."),
         QStringLiteral("MS"), QStringLiteral("3000")},
        {QStringLiteral("quit-when-ready"),
         QApplication::translate("main", "Print the start-up time once the window is usable, then quit.")},
    });
    return p;
}

bool asksForHelpOrVersion(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--") // the rest are positional arguments
            return false;
        if (arg == "-h" || arg == "--help" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

// The SVG where Qt's SVG plugin is installed, and the rendered PNGs in any case.
QIcon appIcon()
{
    const QString name = QStringLiteral("io.github.opendhtbrowser.OpenDhtBrowser");
    QIcon icon(QStringLiteral(":/opendht-browser/icons/%1.svg").arg(name));
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/opendht-browser/icons/%1x%1/%2.png").arg(size).arg(name));
    return icon;
}

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer startup;
    startup.start();
    QApplication::setOrganizationName(QStringLiteral("opendht-browser"));
    QApplication::setApplicationName(QStringLiteral("browser"));
    QApplication::setApplicationDisplayName(QStringLiteral("OpenDHT Browser"));
    QApplication::setApplicationVersion(QStringLiteral(ODB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.opendhtbrowser.OpenDhtBrowser"));
    if (asksForHelpOrVersion(argc, argv)) {
        // Answered (and exited) before a QApplication exists, which needs a display: help2man
        // runs --help on build machines that have none.
        QCoreApplication cli(argc, argv);
        Translation::install(&cli);
        QCommandLineParser parser;
        describe(parser).process(cli);
    }
    QApplication app(argc, argv);
    Translation::install(&app);
    app.setWindowIcon(appIcon());

    QCommandLineParser parser;
    describe(parser).process(app);
    MainWindow::Options options;
    options.gateway = QUrl::fromUserInput(parser.value(QStringLiteral("gateway")));
    options.localFallback = !parser.isSet(QStringLiteral("no-local"));
    options.startLocal = parser.isSet(QStringLiteral("local"));
    options.restoreSession = !parser.isSet(QStringLiteral("fresh"));
    options.network = parser.value(QStringLiteral("network"));
    options.keptPuts = KeptPutStore::userPath();
    if (parser.isSet(QStringLiteral("network")) && !DhtNetwork::byName(options.network)) {
        std::fprintf(stderr, "opendht-browser: %s\n",
                     qPrintable(QApplication::translate("main", "--network wants one of %1, not \"%2\"")
                                    .arg(DhtNetwork::names().join(QStringLiteral(", ")), options.network)));
        return 2;
    }

    MainWindow window(options);
    if (parser.isSet(QStringLiteral("open-key"))) {
        DhtKey::Mode mode = DhtKey::Mode::Text;
        if (!DhtKey::modeFromName(parser.value(QStringLiteral("key-mode")), &mode)) {
            std::fprintf(stderr, "opendht-browser: --key-mode is text, hex or raw\n");
            return 2;
        }
        const DhtKey key = DhtKey::parse(parser.value(QStringLiteral("open-key")), mode);
        if (!key.isValid()) {
            std::fprintf(stderr, "opendht-browser: %s\n", qPrintable(key.error()));
            return 2;
        }
        window.openKey(key, true)->fetch();
    }
    window.show();

    if (parser.isSet(QStringLiteral("quit-when-ready"))) {
        // A zero timer runs once the event loop is idle: the window is shown and answers input.
        QTimer::singleShot(0, &window, [&] {
            std::printf("ready-ms %lld\n", static_cast<long long>(startup.elapsed()));
            std::fflush(stdout);
            window.close();
        });
    }
    if (parser.isSet(QStringLiteral("screenshot"))) {
        const QString file = parser.value(QStringLiteral("screenshot"));
        QTimer::singleShot(
            parser.value(QStringLiteral("screenshot-delay-ms")).toInt(), &window, [&window, file] {
                if (!window.grab().save(file))
                    std::fprintf(stderr, "opendht-browser: cannot save %s\n", qPrintable(file));
                window.close();
            });
    }
    return app.exec();
}
