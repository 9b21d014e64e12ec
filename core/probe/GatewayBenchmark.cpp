#include "GatewayBenchmark.h"

#include "DhtCheck.h"

#include "core/connect/BackendFactory.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("GatewayBenchmark", text);
}

std::optional<double> percentile(QList<double> ms, double p)
{
    if (ms.isEmpty())
        return std::nullopt;
    std::sort(ms.begin(), ms.end());
    const double rank = p * double(ms.size() - 1);
    const auto lo = qsizetype(std::floor(rank));
    const auto hi = qsizetype(std::ceil(rank));
    return ms[lo] + (ms[hi] - ms[lo]) * (rank - double(lo));
}

QString ms(double value)
{
    return tr("%1 ms").arg(QLocale().toString(value, 'f', value < 10 ? 1 : 0));
}

QByteArray csvField(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') && !bytes.contains('\r'))
        return bytes;
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}

QByteArray csvNumber(std::optional<double> value)
{
    return value ? QByteArray::number(*value, 'f', 3) : QByteArray();
}

DhtKey putKey()
{
    return DhtKey::parse(QStringLiteral("opendht-browser benchmark"), DhtKey::Mode::Text);
}

} // namespace

std::optional<double> GatewayBenchmark::Result::median() const
{
    return percentile(getMs, 0.5);
}

std::optional<double> GatewayBenchmark::Result::p90() const
{
    return percentile(getMs, 0.9);
}

std::optional<double> GatewayBenchmark::Result::putMedian() const
{
    return percentile(putMs, 0.5);
}

bool GatewayBenchmark::Result::healthy() const
{
    const bool judged = gateway.verdict && gateway.verdict->isKnown();
    return (!judged || gateway.verdict->isHealthy()) && getFailures == 0 && putFailures == 0 &&
           !getMs.isEmpty();
}

GatewayBenchmark::GatewayBenchmark(QObject* parent)
    : QObject(parent)
{
    m_limits.deadlineMs = m_limits.inactivityMs = 15000;
}

GatewayBenchmark::~GatewayBenchmark()
{
    for (const auto& call : m_calls) {
        if (call)
            call->disconnect(this);
    }
}

int GatewayBenchmark::total() const
{
    return int(m_results.size()) * m_rounds * (m_puts ? 2 : 1);
}

void GatewayBenchmark::start(const QList<Gateway>& gateways)
{
    cancel();
    m_results.clear();
    m_calls.clear();
    m_backends.clear(); // their calls were cancelled and disconnected above
    m_cancelled = false;
    m_done = 0;
    m_running = true;
    for (const Gateway& g : gateways) {
        m_results.push_back({g, {}, 0, {}, 0, {}});
        m_backends.push_back(
            makeGatewayBackend(g.kind, &m_nam, g.url, QStringLiteral("benchmark"), m_limits));
        m_calls.emplace_back();
    }
    m_chainsLeft = int(m_results.size());
    emit progress(0, total());
    for (size_t i = 0; i < m_results.size(); ++i)
        next(i, 0);
    if (m_results.empty()) // finished() always comes later, as for a benchmark that ran
        QMetaObject::invokeMethod(this, &GatewayBenchmark::finishIfDone, Qt::QueuedConnection);
}

// Call number `call` of a gateway's chain: a get, then (with puts) a put, round after round.
void GatewayBenchmark::next(size_t index, int call)
{
    const int perRound = m_puts ? 2 : 1;
    if (m_cancelled || call >= m_rounds * perRound) {
        --m_chainsLeft;
        return finishIfDone();
    }
    const bool put = call % perRound == 1;
    GatewayBackend* backend = m_backends[index].get();
    const QByteArray value = "benchmark " + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    GatewayCall* c = put ? backend->putValue(putKey(), value, putTtlSeconds, {})
                         : backend->fetchValues(DhtCheck::probeKey());
    m_calls[index] = c;
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    connect(c, &GatewayCall::finished, this, [this, index, call, put, c, clock] {
        c->deleteLater();
        const double elapsed = double(clock->nsecsElapsed()) / 1e6;
        Result& r = m_results[index];
        if (c->error().kind == GatewayError::Kind::Cancelled) {
            // cancel(): not a figure
        } else if (c->error().isError()) {
            (put ? r.putFailures : r.getFailures) += 1;
            r.lastError = c->error().message;
        } else {
            (put ? r.putMs : r.getMs) << elapsed;
        }
        ++m_done;
        emit progress(m_done, total());
        next(index, call + 1);
    });
}

void GatewayBenchmark::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    for (const auto& call : m_calls) {
        if (call)
            call->cancel(); // finished() follows, queued; the chain then ends
    }
}

void GatewayBenchmark::finishIfDone()
{
    if (m_chainsLeft > 0 || !m_running)
        return;
    m_running = false;
    emit finished(m_cancelled);
}

GatewayBenchmark::Conclusion GatewayBenchmark::conclude(const QUrl& inUse) const
{
    Conclusion c;
    for (size_t i = 0; i < m_results.size(); ++i) {
        const Result& r = m_results[i];
        if (r.gateway.url == inUse)
            c.inUse = int(i);
        if (r.healthy() && (c.fastest < 0 || *r.median() < *m_results[size_t(c.fastest)].median()))
            c.fastest = int(i);
    }
    if (c.fastest < 0) {
        c.lines << tr("No gateway answered every call while healthy.");
    } else {
        const Result& f = m_results[size_t(c.fastest)];
        c.lines << tr("Fastest healthy gateway: %1, median %2 over %n gets.", nullptr, int(f.getMs.size()))
                       .arg(f.gateway.name, ms(*f.median()));
        if (c.inUse == c.fastest) {
            c.lines << tr("It is the one in use.");
        } else if (c.inUse >= 0 && m_results[size_t(c.inUse)].median()) {
            const Result& u = m_results[size_t(c.inUse)];
            c.ratio = *u.median() / *f.median();
            c.lines << tr("It is %1 times as fast as %2, the one in use (median %3).")
                           .arg(QLocale().toString(c.ratio, 'f', 1), u.gateway.name, ms(*u.median()));
        }
    }
    for (const Result& r : m_results) {
        if (r.gateway.verdict && r.gateway.verdict->isUnhealthy())
            c.lines << tr("%1 is unhealthy: %2%3")
                           .arg(r.gateway.name, r.gateway.verdict->word(),
                                r.gateway.verdict->reason().isEmpty()
                                    ? QString()
                                    : QStringLiteral(" (%1)").arg(r.gateway.verdict->reason()));
        const int failures = r.getFailures + r.putFailures;
        if (failures > 0)
            c.lines << tr("%1: %2 of %n call(s) failed (the last: %3).", nullptr,
                          int(failures + r.getMs.size() + r.putMs.size()))
                           .arg(r.gateway.name)
                           .arg(failures)
                           .arg(r.lastError);
    }
    return c;
}

QByteArray GatewayBenchmark::toCsv() const
{
    QByteArray out = "url,name,kind,health,gets,get_failures,median_ms,min_ms,p90_ms,puts,put_failures,"
                     "put_median_ms,last_error\r\n";
    for (const Result& r : m_results) {
        const QList<QByteArray> fields{csvField(r.gateway.url.toString()),
                                       csvField(r.gateway.name),
                                       GatewayBackend::kindName(r.gateway.kind).toUtf8(),
                                       csvField(r.gateway.verdict ? r.gateway.verdict->word() : QString()),
                                       QByteArray::number(r.getMs.size()),
                                       QByteArray::number(r.getFailures),
                                       csvNumber(r.median()),
                                       csvNumber(percentile(r.getMs, 0)),
                                       csvNumber(r.p90()),
                                       QByteArray::number(r.putMs.size()),
                                       QByteArray::number(r.putFailures),
                                       csvNumber(r.putMedian()),
                                       csvField(r.lastError)};
        out += fields.join(',') + "\r\n";
    }
    return out;
}
