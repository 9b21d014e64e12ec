#include "Gateway.h"
#include "SearchBudget.h"
#include "TimedApplication.h"
#include "core/util/SignalWatcher.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QHostInfo>
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

// Every host name of a bootstrap list resolved now, so that a typo is an error at start-up
// rather than a gateway that never finds a peer. Returns whether every address is loopback.
bool resolveAll(const QVector<BootstrapAddress>& list, QString& error)
{
    bool loopback = !list.isEmpty();
    for (const BootstrapAddress& b : list) {
        const QHostInfo info = QHostInfo::fromName(b.host);
        if (info.addresses().isEmpty()) {
            error = QCoreApplication::translate("main", "cannot resolve the bootstrap node %1: %2")
                        .arg(b.text(), info.errorString());
            return false;
        }
        for (const QHostAddress& a : info.addresses())
            loopback = loopback && a.isLoopback();
    }
    return loopback;
}

void parseNetwork(const QCommandLineParser& p, Parsed& r)
{
    auto& o = r.options;
    const auto network = DhtNetwork::byName(p.value(QStringLiteral("network")));
    if (!network) {
        r.error =
            QCoreApplication::translate("main", "--network wants one of %1, not \"%2\"")
                .arg(DhtNetwork::names().join(QStringLiteral(", ")), p.value(QStringLiteral("network")));
        return;
    }
    o.network = network->name;
    o.dht.networkId = network->id;
    if (p.isSet(QStringLiteral("network-id")))
        o.dht.networkId = quint32(number(p, QStringLiteral("network-id"), 0xFFFFFFFFu, r.error));
    // Explicit bootstrap nodes replace the network's own.
    const bool explicitBootstrap = p.isSet(QStringLiteral("bootstrap"));
    const QStringList texts = explicitBootstrap ? p.values(QStringLiteral("bootstrap")) : network->bootstrap;
    for (const QString& text : texts) {
        QString why;
        if (const auto b = BootstrapAddress::parse(text, &why))
            o.dht.bootstrap.append(*b);
        else
            r.error = QCoreApplication::translate("main", "--bootstrap: %1").arg(why);
    }
    // A named network's hosts may be out of reach for now: libopendht keeps trying them.
    const bool loopbackPeers = explicitBootstrap && r.error.isEmpty() && resolveAll(o.dht.bootstrap, r.error);
    o.dht.address = p.value(QStringLiteral("dht-listen"));
    if (o.dht.address == u"all")
        o.dht.address.clear();
    o.dht.loopbackDht = loopbackPeers || QHostAddress(o.dht.address).isLoopback();
}

Parsed parse(QCommandLineParser& p)
{
    Parsed r;
    auto& o = r.options;
    o.listen = p.value(QStringLiteral("listen"));
    o.port = quint16(number(p, QStringLiteral("port"), 65535, r.error));
    o.dht.port = quint16(number(p, QStringLiteral("dht-port"), 65535, r.error));
    o.dht.stateDir = p.value(QStringLiteral("state-dir"));
    o.capacityBytes = qint64(number(p, QStringLiteral("capacity"), quint64(1) << 50, r.error));
    o.dht.storageLimitBytes = qint64(number(p, QStringLiteral("storage-limit"), quint64(1) << 40, r.error));
    // Below libopendht's own cap of a million searches a family, whose overflow path is unsafe
    // in 2.4 (it never advances through its searches).
    o.dht.searchBudget = int(number(p, QStringLiteral("search-budget"), 500000, r.error));
    parseNetwork(p, r);
    if (p.isSet(QStringLiteral("announce"))) {
        o.announce = QUrl(p.value(QStringLiteral("announce")), QUrl::StrictMode);
        if (!o.announce.isValid() || (o.announce.scheme() != u"http" && o.announce.scheme() != u"https"))
            r.error = QCoreApplication::translate("main", "--announce wants the gateway's public http URL");
    }
    const QString keep = p.value(QStringLiteral("keep-for-others"));
    if (keep != u"on" && keep != u"off")
        r.error = QCoreApplication::translate("main", "--keep-for-others wants on or off");
    o.keepForOthers = keep == u"on";
    if (const auto policy = KeyListPolicy::parse(p.value(QStringLiteral("list-keys"))))
        o.listKeys = *policy;
    else
        r.error = QCoreApplication::translate("main", "--list-keys wants off, local or all");
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
    TimedApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("opendht-gateway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ODB_VERSION));

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "A classic Open DHT gateway (XML-RPC over HTTP) whose storage is an OpenDHT Kademlia DHT."));
    p.addHelpOption();
    p.addVersionOption();
    p.addOptions({
        {QStringLiteral("listen"), QStringLiteral("Address of the HTTP server (clients)."),
         QStringLiteral("ADDR"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("dht-listen"),
         QStringLiteral("Address of the DHT socket: one IPv4 or IPv6 address, or all (both families)."),
         QStringLiteral("ADDR"), QStringLiteral("all")},
        {QStringLiteral("port"), QStringLiteral("HTTP port; 0 picks a free one."), QStringLiteral("N"),
         QStringLiteral("5851")},
        {QStringLiteral("dht-port"), QStringLiteral("DHT UDP port; 0 picks a free one."), QStringLiteral("N"),
         QStringLiteral("0")},
        {QStringLiteral("network"),
         QStringLiteral("The DHT to join: local (none), public (the public OpenDHT network) or ham-dht."),
         QStringLiteral("NAME"), QStringLiteral("local")},
        {QStringLiteral("bootstrap"),
         QStringLiteral(
             "A DHT node to join, HOST:PORT, [IPv6]:PORT or HOST (port 4222); repeatable; replaces "
             "the network's own."),
         QStringLiteral("ADDR")},
        {QStringLiteral("network-id"), QStringLiteral("DHT network id (default: the network's)."),
         QStringLiteral("N")},
        {QStringLiteral("state-dir"), QStringLiteral("Where values and the node id persist across restarts."),
         QStringLiteral("DIR")},
        {QStringLiteral("capacity"), QStringLiteral("Fair-share budget: bytes held for a week."),
         QStringLiteral("BYTES"), QString::number(256LL * 1024 * 1024)},
        {QStringLiteral("storage-limit"),
         QStringLiteral("Bytes of other nodes' values this DHT node stores (never written to disk)."),
         QStringLiteral("BYTES"), QString::number(32LL * 1024 * 1024)},
        {QStringLiteral("search-budget"),
         QStringLiteral("Keys this node may look up or announce within an hour (each holds about 2 kB "
                        "for that hour); past it, puts and reads of new keys are refused."),
         QStringLiteral("KEYS"), QString::number(SearchBudget::defaultLimit)},
        {QStringLiteral("log-level"), QStringLiteral("error, warn, info or debug."), QStringLiteral("LEVEL"),
         QStringLiteral("warn")},
        {QStringLiteral("keep-for-others"),
         QStringLiteral("on: keep other gateways' items too, within their fair share of --capacity (on a "
                        "public network, strangers' items); off: only this gateway's own."),
         QStringLiteral("on|off"), QStringLiteral("on")},
        {QStringLiteral("list-keys"),
         QStringLiteral("Who may list the keys this node stores (GET /keys): off, local (clients on this "
                        "machine) or all."),
         QStringLiteral("off|local|all"), QStringLiteral("local")},
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

    // Connected before the start: a SIGTERM that arrives while the gateway starts waits in the
    // watcher's pipe and stops it as soon as the event loop runs.
    SignalWatcher stopSignals;
    Gateway gateway(parsed.options);
    QObject::connect(&stopSignals, &SignalWatcher::stopRequested, &app,
                     [&gateway] { gateway.stop([] { QCoreApplication::quit(); }); });
    QString error;
    if (!gateway.start(&error)) {
        std::fprintf(stderr, "opendht-gateway: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("opendht-gateway ready http=%s:%u dht=%u node=%s\n", qPrintable(gateway.httpAddress()),
                unsigned(gateway.httpPort()), unsigned(gateway.node().boundPort()),
                qPrintable(gateway.node().nodeId()));
    std::fflush(stdout);
    return app.exec();
}
