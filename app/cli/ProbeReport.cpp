#include "ProbeReport.h"

#include <probe/LatencyProbe.h>

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
    for (int i : order) {
        const auto& t = m_probe.target(i);
        const LatencyStats& s = t.stats;
        const GatewayVerdict verdict = t.verdict();
        const QString kind = t.kind ? GatewayBackend::kindName(*t.kind) : QStringLiteral("unknown");
        const bool chosen = i == m_probe.chosen();
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
