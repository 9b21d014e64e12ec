#include "ProbeReport.h"

#include "core/probe/GatewayChoice.h"
#include "core/probe/LatencyProbe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>

namespace {

QJsonValue msOrNull(std::optional<double> ms)
{
    return ms ? QJsonValue(std::round(*ms * 1000) / 1000) : QJsonValue(QJsonValue::Null);
}

QByteArray cell(std::optional<double> ms)
{
    return ms ? QByteArray::number(*ms, 'f', 2) : QByteArray("-");
}

QJsonObject dhtFields(const DhtCondition& dht)
{
    QJsonObject o;
    o.insert(QStringLiteral("good_peers"), dht.node ? QJsonValue(dht.node->goodPeers) : QJsonValue());
    o.insert(QStringLiteral("incoming_peers"), dht.node ? QJsonValue(dht.node->incomingPeers) : QJsonValue());
    o.insert(QStringLiteral("dht_read_ms"),
             dht.readEnded ? QJsonValue(std::round(dht.readMs * 1000) / 1000) : QJsonValue());
    return o;
}

} // namespace

QByteArray ProbeReport::text(bool json) const
{
    QList<int> order;
    for (int i = 0; i < m_probe.count(); ++i)
        order << i;
    // Healthy gateways first, then by median.
    const auto key = [this](int i) {
        const auto& t = m_probe.target(i);
        return std::make_pair(t.verdict().rank(),
                              t.stats.median().value_or(std::numeric_limits<double>::infinity()));
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
    QByteArray out;
    if (!json)
        out += "   url                                  kind     last    min     median  p90     loss  "
               "status          health\n";
    const int best = GatewayChoice::best(GatewayChoice::of(m_probe));
    for (int i : order) {
        const auto& t = m_probe.target(i);
        const LatencyStats& s = t.stats;
        const GatewayVerdict verdict = t.verdict();
        const QString kind = t.kind ? GatewayBackend::kindName(*t.kind) : QStringLiteral("unknown");
        const bool chosen = i == best;
        if (json) {
            QJsonObject o{{QStringLiteral("url"), t.url.toString()},
                          {QStringLiteral("kind"), kind},
                          {QStringLiteral("last_ms"), msOrNull(s.last())},
                          {QStringLiteral("min_ms"), msOrNull(s.min())},
                          {QStringLiteral("median_ms"), msOrNull(s.median())},
                          {QStringLiteral("p90_ms"), msOrNull(s.p90())},
                          {QStringLiteral("loss"), s.loss()},
                          {QStringLiteral("status"), s.status()},
                          {QStringLiteral("health"), verdict.word()},
                          {QStringLiteral("healthy"), verdict.isHealthy()},
                          {QStringLiteral("reason"), verdict.reason()},
                          {QStringLiteral("chosen"), chosen}};
            const QJsonObject dht = dhtFields(t.dht);
            for (auto f = dht.begin(); f != dht.end(); ++f)
                o.insert(f.key(), f.value());
            out += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
            continue;
        }
        out += (chosen ? "*  " : "   ") + t.url.toString().toUtf8().leftJustified(37) + ' ' +
               kind.toUtf8().leftJustified(8) + ' ' + cell(s.last()).leftJustified(7) + ' ' +
               cell(s.min()).leftJustified(7) + ' ' + cell(s.median()).leftJustified(7) + ' ' +
               cell(s.p90()).leftJustified(7) + ' ' +
               QByteArray(QByteArray::number(s.loss() * 100, 'f', 0) + '%').leftJustified(5) + ' ' +
               s.status().toUtf8().leftJustified(15) + ' ' + verdict.word().toUtf8();
        if (!verdict.isHealthy() && !verdict.reason().isEmpty())
            out += " (" + verdict.reason().toUtf8() + ')';
        out += '\n';
    }
    return out;
}

QByteArray ProbeReport::benchmarkText(const GatewayBenchmark& bench,
                                      const GatewayBenchmark::Conclusion& conclusion, bool json)
{
    QByteArray out;
    const auto& results = bench.results();
    if (!json)
        out += "   url                                  gets  failed  median  p90     puts  put median  "
               "health\n";
    for (size_t i = 0; i < results.size(); ++i) {
        const GatewayBenchmark::Result& r = results[i];
        const QString health = r.gateway.verdict ? r.gateway.verdict->word() : QString();
        if (json) {
            const QJsonObject o{{QStringLiteral("url"), r.gateway.url.toString()},
                                {QStringLiteral("name"), r.gateway.name},
                                {QStringLiteral("gets"), int(r.getMs.size())},
                                {QStringLiteral("get_failures"), r.getFailures},
                                {QStringLiteral("median_ms"), msOrNull(r.median())},
                                {QStringLiteral("puts"), int(r.putMs.size())},
                                {QStringLiteral("put_failures"), r.putFailures},
                                {QStringLiteral("put_median_ms"), msOrNull(r.putMedian())},
                                {QStringLiteral("health"), health},
                                {QStringLiteral("fastest"), int(i) == conclusion.fastest}};
            out += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
            continue;
        }
        out += (int(i) == conclusion.fastest ? "*  " : "   ") +
               r.gateway.url.toString().toUtf8().leftJustified(37) + ' ' +
               QByteArray::number(r.getMs.size()).leftJustified(5) + ' ' +
               QByteArray::number(r.getFailures + r.putFailures).leftJustified(7) + ' ' +
               cell(r.median()).leftJustified(7) + ' ' + cell(r.p90()).leftJustified(7) + ' ' +
               QByteArray::number(r.putMs.size()).leftJustified(5) + ' ' +
               cell(r.putMedian()).leftJustified(11) + ' ' + health.toUtf8() + '\n';
    }
    if (json) {
        QJsonObject o{{QStringLiteral("conclusion"), QJsonArray::fromStringList(conclusion.lines)},
                      {QStringLiteral("ratio"), conclusion.ratio}};
        o.insert(QStringLiteral("fastest"),
                 conclusion.fastest < 0
                     ? QJsonValue()
                     : QJsonValue(results[size_t(conclusion.fastest)].gateway.url.toString()));
        o.insert(QStringLiteral("in_use"),
                 conclusion.inUse < 0 ? QJsonValue()
                                      : QJsonValue(results[size_t(conclusion.inUse)].gateway.url.toString()));
        return out + QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    return out + '\n' + conclusion.lines.join(u'\n').toUtf8() + '\n';
}
