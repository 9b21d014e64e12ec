#include "Gateway.h"
#include "SignalWatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>

#include <csignal>
#include <cstdio>
#include <sys/prctl.h>

namespace {

struct Parsed
{
    Gateway::Options options;
    QString error;
};

quint64 number(const QCommandLineParser& p, const QString& name, quint64 max, QString& error)
{
    bool ok = false;
    const quint64 v = p.value(name).toULongLong(&ok);
    if (!ok || v > max)
        error = QCoreApplication::translate("main", "--%1 wants a number from 0 to %2, not \"%3\"")
                    .arg(name)
                    .arg(max)
                    .arg(p.value(name));
    return v;
}

Parsed parse(QCommandLineParser& p)
{
    Parsed r;
    auto& o = r.options;
    o.listen = p.value(QStringLiteral("listen"));
    o.port = quint16(number(p, QStringLiteral("port"), 65535, r.error));
    o.dht.port = quint16(number(p, QStringLiteral("dht-port"), 65535, r.error));
    o.dht.networkId = quint32(number(p, QStringLiteral("network-id"), 0xFFFFFFFFu, r.error));
    o.dht.bootstrap = p.values(QStringLiteral("bootstrap"));
    o.dht.stateDir = p.value(QStringLiteral("state-dir"));
    o.capacityBytes = qint64(number(p, QStringLiteral("capacity"), quint64(1) << 50, r.error));
    if (p.isSet(QStringLiteral("announce"))) {
        o.announce = QUrl(p.value(QStringLiteral("announce")), QUrl::StrictMode);
        if (!o.announce.isValid() || (o.announce.scheme() != u"http" && o.announce.scheme() != u"https"))
            r.error = QCoreApplication::translate("main", "--announce wants the gateway's public http URL");
    }
    const QString level = p.value(QStringLiteral("log-level"));
    if (!QStringList{QStringLiteral("error"), QStringLiteral("warn"), QStringLiteral("info"),
                     QStringLiteral("debug")}
             .contains(level))
        r.error = QCoreApplication::translate("main", "--log-level wants error, warn, info or debug");
    return r;
}

void applyLogLevel(const QString& level)
{
    QString rules = QStringLiteral("*.debug=false\n*.info=false\n");
    if (level == u"debug")
        rules.clear();
    else if (level == u"info")
        rules = QStringLiteral("*.debug=false\n");
    else if (level == u"error")
        rules += QStringLiteral("*.warning=false\n");
    QLoggingCategory::setFilterRules(rules);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("opendht-gateway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ODB_VERSION));

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "A classic Open DHT gateway (XML-RPC over HTTP) whose storage is an OpenDHT Kademlia DHT."));
    p.addHelpOption();
    p.addVersionOption();
    p.addOptions({
        {QStringLiteral("listen"), QStringLiteral("Address for HTTP and the DHT socket."),
         QStringLiteral("ADDR"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("port"), QStringLiteral("HTTP port; 0 picks a free one."), QStringLiteral("N"),
         QStringLiteral("5851")},
        {QStringLiteral("dht-port"), QStringLiteral("DHT UDP port; 0 picks a free one."), QStringLiteral("N"),
         QStringLiteral("0")},
        {QStringLiteral("bootstrap"), QStringLiteral("A DHT node to join (repeatable)."),
         QStringLiteral("HOST:PORT")},
        {QStringLiteral("network-id"), QStringLiteral("DHT network id."), QStringLiteral("N"),
         QStringLiteral("0")},
        {QStringLiteral("state-dir"), QStringLiteral("Where values and the node id persist across restarts."),
         QStringLiteral("DIR")},
        {QStringLiteral("capacity"), QStringLiteral("Fair-share budget: bytes held for a week."),
         QStringLiteral("BYTES"), QString::number(256LL * 1024 * 1024)},
        {QStringLiteral("log-level"), QStringLiteral("error, warn, info or debug."), QStringLiteral("LEVEL"),
         QStringLiteral("warn")},
        {QStringLiteral("announce"),
         QStringLiteral("Announce this gateway in the DHT under this public URL, so clients discover it."),
         QStringLiteral("URL")},
        {QStringLiteral("exit-with-parent"),
         QStringLiteral("Stop (saving state) when the parent process dies.")},
    });
    p.process(app);
    const Parsed parsed = parse(p);
    if (!parsed.error.isEmpty()) {
        std::fprintf(stderr, "opendht-gateway: %s\n", qPrintable(parsed.error));
        return 2;
    }
    applyLogLevel(p.value(QStringLiteral("log-level")));
    if (p.isSet(QStringLiteral("exit-with-parent")))
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);

    SignalWatcher stopSignals;
    Gateway gateway(parsed.options);
    QString error;
    if (!gateway.start(&error)) {
        std::fprintf(stderr, "opendht-gateway: %s\n", qPrintable(error));
        return 1;
    }
    QObject::connect(&stopSignals, &SignalWatcher::stopRequested, &app,
                     [&gateway] { gateway.stop([] { QCoreApplication::quit(); }); });
    std::printf("opendht-gateway ready http=%s:%u dht=%u node=%s\n", qPrintable(gateway.httpAddress()),
                unsigned(gateway.httpPort()), unsigned(gateway.node().boundPort()),
                qPrintable(gateway.node().nodeId()));
    std::fflush(stdout);
    return app.exec();
}
