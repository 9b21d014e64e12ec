#include "CliCommand.h"

#include "core/backend/GatewayKindProbe.h"
#include "core/classic/ClassicClient.h"
#include "core/connect/BackendFactory.h"
#include "core/dht/DhtLimits.h"
#include "core/dht/DhtValueType.h"
#include "core/probe/ChoiceStore.h"
#include "core/probe/GatewayBenchmark.h"
#include "core/probe/GatewayCheck.h"
#include "core/probe/GatewayChoice.h"
#include "core/probe/GatewayDirectory.h"
#include "core/probe/GatewayDiscovery.h"
#include "core/probe/LatencyProbe.h"
#include "core/proxy/ProxyClient.h"

#include "CliOptions.h"
#include "KeptList.h"
#include "KeysCommand.h"
#include "PlainPut.h"
#include "ProbeReport.h"
#include "ProxyPut.h"
#include "core/util/Duration.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace {

void err(const QString& message)
{
    std::fprintf(stderr, "opendht-cli: %s\n", qPrintable(message));
}

void out(const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

QString t(const char* text)
{
    return QCoreApplication::translate("CliCommand", text);
}

} // namespace

void CliCommand::configure(QCommandLineParser& p) const
{
    p.setApplicationDescription(m_spec.translatedSummary());
    p.addHelpOption();
    if (m_spec.needs & Gateway)
        CliOptions::gateway(p);
    if (m_spec.needs & Key)
        CliOptions::key(p);
    if (m_spec.needs & Reading)
        CliOptions::reading(p);
    if (m_spec.needs & Writing)
        CliOptions::writing(p, m_spec.needs & Removal);
    if (m_spec.options)
        m_spec.options(p);
}

int CliCommand::usage(const QString& message) const
{
    err(message + QStringLiteral(" (see 'opendht-cli %1 --help')").arg(m_name));
    return ExitUsage;
}

qint64 CliCommand::maxInputBytes() const
{
    return (m_plain ? PlainValue::maxBytes : ClassicClient::maxValueBytes) + 1;
}

bool CliCommand::readValue(const QCommandLineParser& p, const QStringList& args)
{
    if (p.isSet(QStringLiteral("file"))) {
        QFile file(p.value(QStringLiteral("file")));
        if (!file.open(QIODevice::ReadOnly)) {
            err(t("cannot read %1: %2").arg(file.fileName(), file.errorString()));
            return false;
        }
        m_value = file.read(maxInputBytes()); // one more than fits shows it is too long
        return true;
    }
    if (args.size() >= 2 && args[1] != u"-") {
        m_value = args[1].toUtf8();
        return true;
    }
    if (::isatty(STDIN_FILENO)) // else a bare "put KEY" would seem to hang
        err(t("reading the value from standard input; end it with Ctrl+D"));
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        err(t("cannot read standard input"));
        return false;
    }
    m_value = in.read(maxInputBytes());
    return true;
}

// put's --plain, --type, --user-type and --once, which go together.
bool CliCommand::readPlain(const QCommandLineParser& p)
{
    m_plain = p.isSet(QStringLiteral("plain"));
    for (const char* option : {"type", "user-type", "once"}) {
        if (!m_plain && p.isSet(QString::fromLatin1(option)))
            return usage(t("--%1 goes with --plain").arg(QString::fromLatin1(option))) && false;
    }
    if (!m_plain)
        return true;
    if (!m_secret.isEmpty() || p.isSet(QStringLiteral("keep")))
        return usage(t(
                   "--plain puts a value nobody can remove and keeps it by itself: no --secret or --keep")) &&
               false;
    const auto type = DhtValueType::parse(p.value(QStringLiteral("type")));
    if (!type)
        return usage(t("--type \"%1\" is not a value type (a number 0-65535 or a name)")
                         .arg(p.value(QStringLiteral("type")))) &&
               false;
    m_plainType = *type;
    return true;
}

bool CliCommand::readInput(const QCommandLineParser& p)
{
    const QStringList args = p.positionalArguments();
    DhtKey::Mode mode = DhtKey::Mode::Text;
    if (!DhtKey::modeFromName(p.value(QStringLiteral("key-mode")), &mode))
        return usage(t("--key-mode is text, hex or raw")) && false;
    if (args.isEmpty())
        return usage(t("a KEY is needed")) && false;
    m_key = DhtKey::parse(args.first(), mode);
    if (!m_key.isValid())
        return usage(m_key.error()) && false;
    if (m_spec.needs & Reading) {
        if (!ValuePrinter::formatFromName(p.value(QStringLiteral("format")), &m_format))
            return usage(t("--format is text, hex, base64 or json")) && false;
        if (p.isSet(QStringLiteral("type"))) {
            m_type = DhtValueType::parse(p.value(QStringLiteral("type")));
            if (!m_type)
                return usage(t("--type \"%1\" is not a value type (a number 0-65535 or a name)")
                                 .arg(p.value(QStringLiteral("type")))) &&
                       false;
        }
        return true;
    }
    const auto ttl = Duration::parse(p.value(QStringLiteral("ttl")));
    if (!ttl)
        return usage(t("--ttl \"%1\" is not a duration such as 90s, 10m, 2h or 7d")
                         .arg(p.value(QStringLiteral("ttl")))) &&
               false;
    m_ttl = int(std::min<qint64>(*ttl, 1'000'000'000));
    m_secret = p.value(QStringLiteral("secret")).toUtf8();
    if ((m_spec.needs & Removal) && m_secret.isEmpty())
        return usage(t("%1 needs the --secret the value was put with").arg(m_name)) && false;
    if (!(m_spec.needs & Removal) && !readPlain(p)) // a put's --plain and its options
        return false;
    return readValue(p, args);
}

int CliCommand::wait(GatewayCall* reply)
{
    // finished() is always queued, so connecting right after the call cannot miss it.
    QEventLoop loop;
    QObject::connect(reply, &GatewayCall::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (reply->error().isError())
        err(reply->error().message);
    return exitCodeFor(reply->error());
}

std::unique_ptr<GatewayBackend> CliCommand::backend(const QCommandLineParser& p, QNetworkAccessManager* nam,
                                                    const QUrl& gateway, const HttpCall::Limits& limits,
                                                    int* code)
{
    const QString kind = p.value(QStringLiteral("kind"));
    GatewayKind chosen = GatewayKind::Classic;
    // --kind classic: the classic protocol only; auto: REST too where our gateway offers it.
    ProxyRestOffer rest = ProxyRestOffer::NotOffered;
    if (kind == u"proxy") {
        chosen = GatewayKind::Proxy;
    } else if (kind == u"auto") {
        GatewayKindProbe probe(nam, gateway, limits);
        QEventLoop loop;
        QObject::connect(&probe, &GatewayKindProbe::finished, &loop, &QEventLoop::quit);
        loop.exec();
        if (probe.networkError()) {
            err(probe.errorString());
            *code = ExitNetwork;
            return nullptr;
        }
        // Only a proxy says so for sure; anything else is taken for a classic gateway, the
        // original protocol, whose old servers answered GET with all kinds of pages.
        chosen = probe.kind().value_or(GatewayKind::Classic);
        if (ClassicClient::offersProxyRest(probe.body()))
            rest = ProxyRestOffer::Offered;
    } else if (kind != u"classic") {
        *code = usage(t("--kind is auto, classic or proxy"));
        return nullptr;
    }
    return makeGatewayBackend(chosen, nam, gateway, p.value(QStringLiteral("app")), limits, rest);
}

int CliCommand::ping(GatewayCall* call)
{
    const int code = wait(call);
    if (code != ExitOk)
        return code;
    QString text;
    if (const auto* classic = qobject_cast<ClassicReply*>(call))
        text = classic->text();
    else if (const auto* proxy = qobject_cast<ProxyReply*>(call))
        text = t("OpenDHT proxy, node %1").arg(proxy->nodeInfo().value(QStringLiteral("node_id")).toString());
    out(text.toUtf8() + QByteArray(" (") + QByteArray::number(call->elapsedMs()) + " ms)\n");
    return code;
}

bool CliCommand::shown(const DhtValue& value) const
{
    return !m_type || value.knownType() == m_type; // an encrypted value's type is unknown
}

int CliCommand::watch(GatewayWatch* watch, const QCommandLineParser& p)
{
    bool ok = false;
    const int count = p.value(QStringLiteral("count")).toInt(&ok);
    const auto duration = Duration::parse(p.value(QStringLiteral("duration")));
    if (!ok || count < 0 || !duration)
        return usage(t("--count wants a number and --duration a duration such as 30s"));
    const ValuePrinter printer(m_format);
    QEventLoop loop;
    int seen = 0;
    QObject::connect(watch, &GatewayWatch::newValues, &loop, [&](const QList<DhtValue>& values) {
        for (const DhtValue& v : values) {
            if (!shown(v))
                continue;
            out(printer.line(v, false));
            if (count > 0 && ++seen >= count)
                loop.quit();
        }
        std::fflush(stdout);
    });
    QObject::connect(watch, &GatewayWatch::stateChanged, &loop,
                     [](GatewayWatch::State state, const QString& reason) {
                         if (state == GatewayWatch::State::Reconnecting)
                             err(t("watch: %1").arg(reason));
                         else if (state == GatewayWatch::State::Live)
                             err(t("watch: live"));
                     });
    if (*duration > 0)
        QTimer::singleShot(std::chrono::seconds(*duration), &loop, &QEventLoop::quit);
    loop.exec();
    watch->stop();
    return ExitOk;
}

int CliCommand::probe(const QCommandLineParser& p, const QUrl& fallback, qint64 timeoutSeconds)
{
    QList<QUrl> urls;
    for (const QString& arg : p.positionalArguments()) {
        const QUrl url = QUrl::fromUserInput(arg);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https"))
            return usage(t("\"%1\" is not an http URL").arg(arg));
        urls << url;
    }
    // With no URL: the gateways the user knows (shared with the browser), plus those announced.
    const auto settings = GatewayDirectory::openUserSettings();
    GatewayDirectory directory(settings.get());
    ChoiceStore choice(settings.get()); // the automatic choice of the day, shared with the browser
    const bool fromDirectory = urls.isEmpty();
    if (p.isSet(QStringLiteral("discover"))) {
        if (const int code = discover(p, fallback, &directory, &urls); code != ExitOk)
            return code;
    }
    if (fromDirectory) {
        for (const auto& e : directory.entries()) {
            if (!urls.contains(e.url))
                urls << e.url;
        }
    }
    bool ok = false;
    const int rounds = p.value(QStringLiteral("rounds")).toInt(&ok);
    const auto interval = Duration::parse(p.value(QStringLiteral("interval")));
    if (!ok || rounds < 1 || rounds > 10000 || !interval)
        return usage(t("--rounds wants 1 to 10000 and --interval a duration such as 1s"));
    LatencyProbe probe;
    probe.setTargets(urls);
    probe.setTimeout(int(std::min<qint64>(timeoutSeconds, 60) * 1000));
    QEventLoop loop;
    int done = 0;
    // The report waits for the last round and for every gateway's DHT check (a few seconds at
    // most: a read that goes on is called slow after 3 s).
    const auto quitWhenDone = [&] {
        if (done >= rounds && !probe.isChecking())
            loop.quit();
    };
    QObject::connect(&probe, &LatencyProbe::roundFinished, &loop, [&] {
        if (++done < rounds)
            QTimer::singleShot(std::chrono::seconds(*interval), &probe, &LatencyProbe::probeOnce);
        quitWhenDone();
    });
    QObject::connect(&probe, &LatencyProbe::checked, &loop, quitWhenDone);
    probe.probeOnce();
    loop.exec();
    if (p.isSet(QStringLiteral("benchmark"))) {
        const QUrl inUse =
            p.isSet(QStringLiteral("gateway")) ? fallback : choice.rememberedChoice().value_or(QUrl());
        return benchmark(p, probe, directory, inUse, rounds);
    }
    out(ProbeReport(probe).text(p.isSet(QStringLiteral("json"))));
    const int chosen = GatewayChoice::best(GatewayChoice::of(probe));
    if (chosen < 0)
        return ExitNetwork;
    choice.rememberChoice(probe.target(chosen).url); // the automatic choice, for a day
    return ExitOk;
}

// `probe --benchmark`: the gateways that answered, measured with real gets (and puts) at once.
int CliCommand::benchmark(const QCommandLineParser& p, const LatencyProbe& probe,
                          const GatewayDirectory& directory, const QUrl& inUse, int rounds)
{
    QList<GatewayBenchmark::Gateway> gateways;
    for (int i = 0; i < probe.count(); ++i) {
        const LatencyProbe::Target& t = probe.target(i);
        if (!t.kind || !t.stats.answers())
            continue; // nothing to measure: the report names it
        const auto entry = directory.find(t.url);
        gateways << GatewayBenchmark::Gateway{
            t.url, entry && !entry->name.isEmpty() ? entry->name : t.url.authority(), *t.kind, t.verdict()};
    }
    GatewayBenchmark bench;
    bench.setRounds(rounds);
    bench.setPuts(p.isSet(QStringLiteral("puts")));
    QEventLoop loop;
    QObject::connect(&bench, &GatewayBenchmark::finished, &loop, &QEventLoop::quit);
    bench.start(gateways);
    loop.exec();
    const auto conclusion = bench.conclude(inUse);
    out(ProbeReport::benchmarkText(bench, conclusion, p.isSet(QStringLiteral("json"))));
    if (const QString path = p.value(QStringLiteral("csv")); !path.isEmpty()) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bench.toCsv()) < 0) {
            err(t("cannot write %1: %2").arg(path, file.errorString()));
            return ExitUsage;
        }
    }
    return conclusion.fastest < 0 ? ExitNetwork : ExitOk;
}

// Reads the gateways announced in the DHT through via, merges them into the directory and adds
// them to urls.
int CliCommand::discover(const QCommandLineParser& p, const QUrl& via, GatewayDirectory* directory,
                         QList<QUrl>* urls)
{
    QNetworkAccessManager nam;
    int code = ExitOk;
    const auto client = backend(p, &nam, via, HttpCall::Limits(), &code);
    if (!client)
        return code;
    GatewayDiscovery discovery(directory);
    QEventLoop loop;
    QObject::connect(&discovery, &GatewayDiscovery::finished, &loop, &QEventLoop::quit);
    QObject::connect(&discovery, &GatewayDiscovery::failed, &loop, &QEventLoop::quit);
    discovery.run(client.get());
    loop.exec();
    if (discovery.error().isError()) {
        err(discovery.error().message);
        return exitCodeFor(discovery.error());
    }
    for (const QUrl& url : discovery.announced()) {
        if (!urls->contains(url))
            *urls << url;
    }
    return ExitOk;
}

int CliCommand::runGateways(const QCommandLineParser& p, const Call&)
{
    const QStringList args = p.positionalArguments();
    const QString action = args.value(0);
    const auto settings = GatewayDirectory::openUserSettings();
    GatewayDirectory directory(settings.get());
    if (action == u"list" && args.size() == 1) {
        QByteArray table;
        for (const GatewayDirectory::Entry& e : directory.entries()) {
            const QString kind = e.kind ? GatewayBackend::kindName(*e.kind) : t("unknown");
            table += QStringLiteral("%1  %2  %3  %4\n")
                         .arg(e.name.isEmpty() ? e.url.authority() : e.name, -28)
                         .arg(kind, -7)
                         .arg(e.url.toString(), -32)
                         .arg(GatewayDirectory::originName(e.origin))
                         .toUtf8();
        }
        out(table);
        return ExitOk;
    }
    if ((action != u"add" && action != u"remove") || args.size() != 2)
        return usage(t("say list, add URL or remove URL"));
    const auto url = GatewayCheck::parseUrl(args[1]);
    if (!url)
        return usage(t("\"%1\" is not an http URL").arg(args[1]));
    if (action == u"add")
        return addGateway(p, &directory, *url);
    if (const QString why = directory.whyNotRemovable(*url); !why.isEmpty())
        return usage(why);
    directory.remove(*url);
    return ExitOk;
}

// Adds url once it has answered as a gateway, with the kind it told.
int CliCommand::addGateway(const QCommandLineParser& p, GatewayDirectory* directory, const QUrl& url)
{
    if (directory->find(url))
        return usage(t("%1 is in the list already").arg(url.toString()));
    const auto timeout = Duration::parse(p.value(QStringLiteral("timeout")));
    if (!timeout || *timeout < 1)
        return usage(t("--timeout \"%1\" is not a duration").arg(p.value(QStringLiteral("timeout"))));
    HttpCall::Limits limits;
    limits.deadlineMs = limits.inactivityMs = int(std::min<qint64>(*timeout, 3600) * 1000);
    QNetworkAccessManager nam;
    GatewayCheck check(&nam, url, limits);
    QEventLoop loop;
    QObject::connect(&check, &GatewayCheck::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (!check.ok()) {
        err(t("%1 was not added: %2").arg(url.toString(), check.errorString()));
        return check.failure() == GatewayCheck::Failure::Network ? ExitNetwork : ExitGateway;
    }
    const QString name = p.value(QStringLiteral("name"));
    directory->add(
        {url, name.isEmpty() ? url.authority() : name, check.kind(), GatewayDirectory::Origin::User});
    out(t("added %1 (%2 gateway)\n").arg(url.toString(), GatewayBackend::kindName(*check.kind())).toUtf8());
    return ExitOk;
}

int CliCommand::run(const QCommandLineParser& p)
{
    Call call;
    if (m_spec.needs & Gateway) {
        int code = ExitOk;
        const auto checked = readCall(p, &code);
        if (!checked)
            return code;
        call = *checked;
    }
    if ((m_spec.needs & Key) && !readInput(p))
        return ExitUsage;
    return (this->*m_spec.run)(p, call);
}

std::optional<CliCommand::Call> CliCommand::readCall(const QCommandLineParser& p, int* code)
{
    Call call;
    *code = ExitUsage;
    call.gateway = QUrl::fromUserInput(p.value(QStringLiteral("gateway")));
    if (!call.gateway.isValid() || (call.gateway.scheme() != u"http" && call.gateway.scheme() != u"https"))
        return usage(t("--gateway \"%1\" is not an http URL").arg(p.value(QStringLiteral("gateway")))),
               std::nullopt;
    const auto timeout = Duration::parse(p.value(QStringLiteral("timeout")));
    if (!timeout || *timeout < 1)
        return usage(t("--timeout \"%1\" is not a duration").arg(p.value(QStringLiteral("timeout")))),
               std::nullopt;
    call.timeoutSeconds = *timeout;
    bool bytesOk = false;
    call.maxBytes = p.value(QStringLiteral("max-bytes")).toLongLong(&bytesOk);
    if (!bytesOk || call.maxBytes < 1)
        return usage(t("--max-bytes \"%1\" is not a number of bytes")
                         .arg(p.value(QStringLiteral("max-bytes")))),
               std::nullopt;
    call.limits.deadlineMs = int(std::min<qint64>(*timeout, 3600) * 1000);
    call.limits.inactivityMs = call.limits.deadlineMs;
    *code = ExitOk;
    return call;
}

std::unique_ptr<GatewayBackend> CliCommand::client(const QCommandLineParser& p, const Call& call, int* code)
{
    if (!m_nam)
        m_nam = std::make_unique<QNetworkAccessManager>();
    auto client = backend(p, m_nam.get(), call.gateway, call.limits, code);
    // One budget for the whole get, however many pages it takes.
    if (auto* classic = qobject_cast<ClassicClient*>(client.get())) {
        classic->options().maxFetchBytes = call.maxBytes;
        classic->options().fetchDeadlineMs =
            int(std::min<qint64>(8LL * call.limits.deadlineMs, 24LL * 3600 * 1000));
    } else if (auto* proxy = qobject_cast<ProxyClient*>(client.get())) {
        proxy->options().maxBytes = call.maxBytes;
    }
    return client;
}

int CliCommand::runKept(const QCommandLineParser&, const Call&)
{
    return KeptList::print();
}

int CliCommand::runProbe(const QCommandLineParser& p, const Call& call)
{
    return probe(p, call.gateway, call.timeoutSeconds);
}

int CliCommand::runKeys(const QCommandLineParser& p, const Call& call)
{
    // Each page under the limits: no kind to learn, GET /keys says it all.
    QString usageError;
    const int listed = KeysCommand::run(p, call.gateway, call.limits, &usageError);
    return usageError.isEmpty() ? listed : usage(usageError);
}

int CliCommand::runPing(const QCommandLineParser& p, const Call& call)
{
    int code = ExitOk;
    const auto backend = client(p, call, &code);
    return backend ? ping(backend->probe()) : code;
}

int CliCommand::runWatch(const QCommandLineParser& p, const Call& call)
{
    int code = ExitOk;
    const auto backend = client(p, call, &code);
    return backend ? watch(backend->watch(m_key), p) : code;
}

int CliCommand::runPut(const QCommandLineParser& p, const Call& call)
{
    int code = ExitOk;
    const auto backend = client(p, call, &code);
    if (!backend)
        return code;
    if (m_plain)
        return PlainPut::run(backend.get(), {m_key,
                                             {m_value, m_plainType, p.value(QStringLiteral("user-type"))},
                                             m_ttl,
                                             p.isSet(QStringLiteral("once")),
                                             p.value(QStringLiteral("app"))});
    if (auto* proxy = qobject_cast<ProxyClient*>(backend.get()))
        return ProxyPut::run(proxy, {m_key, m_value, m_secret, m_ttl, p.isSet(QStringLiteral("keep"))});
    if (p.isSet(QStringLiteral("keep")))
        err(t("note: --keep is for OpenDHT proxies; %1 keeps its items for their whole TTL itself")
                .arg(call.gateway.authority()));
    return wait(backend->putValue(m_key, m_value, m_ttl, m_secret));
}

int CliCommand::runRemove(const QCommandLineParser& p, const Call& call)
{
    int code = ExitOk;
    const auto backend = client(p, call, &code);
    return backend ? wait(backend->removeValue(m_key, m_value, m_secret, m_ttl)) : code;
}

int CliCommand::runGet(const QCommandLineParser& p, const Call& call)
{
    return fetch(p, call, false);
}

int CliCommand::runDetails(const QCommandLineParser& p, const Call& call)
{
    return fetch(p, call, true);
}

int CliCommand::fetch(const QCommandLineParser& p, const Call& call, bool details)
{
    int code = ExitOk;
    const auto backend = client(p, call, &code);
    if (!backend)
        return code;
    GatewayCall* fetching = backend->fetchValues(m_key);
    const ValuePrinter printer(m_format);
    int printed = 0;
    QObject::connect(fetching, &GatewayCall::pageArrived, fetching,
                     [&, details](const QList<DhtValue>& page) {
                         for (const DhtValue& v : page) {
                             if (shown(v)) {
                                 out(printer.line(v, details));
                                 ++printed;
                             }
                         }
                         std::fflush(stdout);
                     });
    code = wait(fetching);
    if (code == ExitOk && printed == 0) {
        const QString which =
            m_type ? t("no value of type %1").arg(DhtValueType::label(*m_type)) : t("no value");
        err(t("%1 under %2 key \"%3\" (%4)")
                .arg(which, DhtKey::modeName(m_key.mode()), m_key.input(), m_key.infoHashHex()));
        return ExitNotFound;
    }
    return code;
}
