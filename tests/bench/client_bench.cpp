// Times our clients against a running gateway of either kind: fetching every value of one key,
// single calls on a kept-alive connection, and (proxies) how soon a watch sees a put made
// through another gateway. Prints one line of figures per measurement; client_bench.py and
// proxy_bench.py drive it next to Python, curl and Debian's dhtnode in the same run.
#include "core/backend/GatewayBackend.h"
#include "core/classic/ClassicClient.h"
#include "core/probe/LatencyProbe.h"
#include "core/proxy/ProxyClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <sys/resource.h>

namespace {

double percentile(QList<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[qsizetype(double(v.size() - 1) * p)];
}

bool finish(GatewayCall* call)
{
    QEventLoop loop;
    QObject::connect(call, &GatewayCall::finished, &loop, &QEventLoop::quit);
    loop.exec();
    call->deleteLater();
    if (call->error().isError())
        std::fprintf(stderr, "client_bench: %s\n", qPrintable(call->error().message));
    return !call->error().isError();
}

std::unique_ptr<GatewayBackend> backend(QNetworkAccessManager* nam, const QString& kind, const QUrl& url)
{
    if (kind == u"proxy") {
        auto p = std::make_unique<ProxyClient>(nam);
        p->setGateway(url);
        return p;
    }
    auto c = std::make_unique<ClassicClient>(nam);
    c->setGateway(url);
    c->setApplication(QStringLiteral("client_bench"));
    c->setProxyRest(kind == u"classic-rest"); // our gateway's REST door, as the browser uses it
    return c;
}

// Watch at one gateway, put at another, time put -> newValues.
int watchLatency(GatewayBackend& watcher, GatewayBackend& putter, const DhtKey& key, int rounds)
{
    GatewayWatch* watch = watcher.watch(key);
    QEventLoop live;
    QObject::connect(watch, &GatewayWatch::stateChanged, &live, [&](GatewayWatch::State s) {
        if (s == GatewayWatch::State::Live)
            live.quit();
    });
    QTimer::singleShot(10000, &live, &QEventLoop::quit);
    live.exec();
    QList<double> ms;
    for (int i = 0; i < rounds; ++i) {
        QEventLoop seen;
        QElapsedTimer t;
        const auto c = QObject::connect(watch, &GatewayWatch::newValues, &seen, &QEventLoop::quit);
        QTimer::singleShot(5000, &seen, &QEventLoop::quit);
        t.start();
        putter.putValue(key, QByteArray::number(i) + " at " + QByteArray::number(t.msecsSinceReference()),
                        300, {});
        seen.exec();
        QObject::disconnect(c);
        ms << double(t.nsecsElapsed()) / 1e6;
    }
    std::printf("watch rounds=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f\n", rounds, percentile(ms, 0.5),
                percentile(ms, 0.99), percentile(ms, 1.0));
    return 0;
}

// Probes every URL listed in a file: one warm-up round (kinds), then timed rounds. Prints the
// slowest round, each target's median, and the CPU time this process used.
int probeRounds(const QString& urlsFile, int rounds)
{
    QFile file(urlsFile);
    if (!file.open(QIODevice::ReadOnly))
        return 1;
    QList<QUrl> urls;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            urls << QUrl(QString::fromUtf8(line.trimmed()));
    }
    LatencyProbe probe;
    probe.setTargets(urls);
    probe.setTimeout(5000);
    QList<double> roundMs;
    for (int r = 0; r <= rounds; ++r) {
        QEventLoop loop;
        QObject::connect(&probe, &LatencyProbe::roundFinished, &loop, &QEventLoop::quit);
        QElapsedTimer t;
        t.start();
        probe.probeOnce();
        loop.exec();
        if (r > 0) // round 0 also learns each gateway's kind
            roundMs << double(t.nsecsElapsed()) / 1e6;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double cpuMs = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
                         double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    std::printf("probe targets=%lld rounds=%d slowest_round_ms=%.2f median_round_ms=%.2f cpu_ms=%.1f\n",
                qlonglong(urls.size()), rounds, percentile(roundMs, 1.0), percentile(roundMs, 0.5), cpuMs);
    for (int i = 0; i < probe.count(); ++i)
        std::printf("median %s %.3f\n", qPrintable(probe.target(i).url.toString()),
                    probe.target(i).stats.median().value_or(-1));
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions({{QStringLiteral("gateway"), QStringLiteral("Gateway URL."), QStringLiteral("URL")},
                  {QStringLiteral("other"), QStringLiteral("watch: the gateway to put through."),
                   QStringLiteral("URL")},
                  {QStringLiteral("kind"), QStringLiteral("classic, classic-rest or proxy."),
                   QStringLiteral("KIND"), QStringLiteral("classic")},
                  {QStringLiteral("urls-file"), QStringLiteral("probe: a file with one URL a line."),
                   QStringLiteral("PATH")},
                  {QStringLiteral("key-hex"), QStringLiteral("Key bytes in hex."), QStringLiteral("HEX")},
                  {QStringLiteral("rounds"), QStringLiteral("Repetitions."), QStringLiteral("N"),
                   QStringLiteral("5")}});
    p.addPositionalArgument(QStringLiteral("what"), QStringLiteral("fetchall, get or watch"));
    p.process(app);
    const DhtKey key = DhtKey::parse(p.value(QStringLiteral("key-hex")), DhtKey::Mode::Hex);
    const int rounds = p.value(QStringLiteral("rounds")).toInt();
    const QString kind = p.value(QStringLiteral("kind"));
    QNetworkAccessManager nam;
    const auto client = backend(&nam, kind, QUrl(p.value(QStringLiteral("gateway"))));
    const QString what = p.positionalArguments().value(0);
    if (what == u"probe")
        return probeRounds(p.value(QStringLiteral("urls-file")), rounds);
    if (what == u"watch") {
        const auto other = backend(&nam, kind, QUrl(p.value(QStringLiteral("other"))));
        return watchLatency(*client, *other, key, rounds);
    }
    auto* classic = qobject_cast<ClassicClient*>(client.get());
    QList<double> ms;
    qsizetype values = 0;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer t;
        t.start();
        // Classic: plain get paging, as the Python and curl peers do; proxies have one way.
        GatewayCall* call = !classic || classic->usesProxyRest() ? client->fetchValues(key)
                            : what == u"get"                     ? classic->get(key, 10)
                                                                 : classic->fetchAll(key);
        if (!finish(call))
            return 1;
        ms << double(t.nsecsElapsed()) / 1e6;
        values = call->values().size();
    }
    std::printf("%s kind=%s rounds=%d values=%lld median_ms=%.3f min_ms=%.3f\n", qPrintable(what),
                qPrintable(kind), rounds, qlonglong(values), percentile(ms, 0.5), percentile(ms, 0.0));
    return 0;
}
