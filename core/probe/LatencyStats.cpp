#include "LatencyStats.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

void LatencyStats::add(Outcome outcome, double ms, qint64 atMs)
{
    const bool ok = outcome == Outcome::Ok;
    m_history.append({atMs, ok ? std::optional<double>(ms) : std::nullopt});
    // Bounded by age and by count (a probe every 10 ms for the whole history would be 30 000).
    while (!m_history.isEmpty() &&
           (m_history.first().atMs < atMs - historySeconds * 1000 || m_history.size() > 1000))
        m_history.removeFirst();
    if (ok)
        m_lastAnsweredAtMs = atMs;
    m_outcomes.append(outcome);
    if (m_outcomes.size() > m_window)
        m_outcomes.removeFirst();
    if (outcome == Outcome::Ok) {
        m_ms.append(ms);
        if (m_ms.size() > m_window)
            m_ms.removeFirst();
    }
}

std::optional<double> LatencyStats::last() const
{
    if (m_ms.isEmpty() || lastOutcome() != Outcome::Ok)
        return std::nullopt;
    return m_ms.last();
}

std::optional<double> LatencyStats::min() const
{
    if (m_ms.isEmpty())
        return std::nullopt;
    return *std::min_element(m_ms.cbegin(), m_ms.cend());
}

std::optional<double> LatencyStats::percentile(double p) const
{
    if (m_ms.isEmpty())
        return std::nullopt;
    QList<double> sorted = m_ms;
    std::sort(sorted.begin(), sorted.end());
    const double rank = p * double(sorted.size() - 1);
    const auto lo = qsizetype(std::floor(rank));
    const auto hi = qsizetype(std::ceil(rank));
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - double(lo));
}

std::optional<double> LatencyStats::jitter() const
{
    if (m_ms.size() < 2)
        return std::nullopt;
    double sum = 0;
    for (qsizetype i = 1; i < m_ms.size(); ++i)
        sum += std::abs(m_ms[i] - m_ms[i - 1]);
    return sum / double(m_ms.size() - 1);
}

double LatencyStats::loss() const
{
    if (m_outcomes.isEmpty())
        return 0;
    const auto lost =
        std::count_if(m_outcomes.cbegin(), m_outcomes.cend(), [](Outcome o) { return o != Outcome::Ok; });
    return double(lost) / double(m_outcomes.size());
}

QString LatencyStats::status(double slowMs) const
{
    const auto tr = [](const char* s) { return QCoreApplication::translate("LatencyStats", s); };
    if (m_outcomes.isEmpty())
        return tr("waiting");
    if (lastOutcome() != Outcome::Ok)
        return outcomeWord(lastOutcome());
    return median().value_or(0) > slowMs ? tr("slow") : tr("ok");
}

bool LatencyStats::clearlyBetter(const LatencyStats& challenger, const LatencyStats& current)
{
    constexpr int settled = 3;
    return challenger.samples() >= settled && current.samples() >= settled &&
           *current.median() > *challenger.median() * 1.2 + 1.0;
}
