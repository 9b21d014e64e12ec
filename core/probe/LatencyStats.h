#pragma once

#include "core/net/CallOutcome.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// The last samples of one gateway's round trips, and what they say: last, min, median, p90,
// jitter, loss, and a status in words; and a longer history of every sample (the last
// historySeconds, for a sparkline), with when it last answered.
class LatencyStats
{
public:
    // A sample is a round trip (Ok), no answer (a network error), or BadAnswer: it answered, but
    // not as a gateway of its kind.
    using Outcome = CallOutcome;

    struct Point
    {
        qint64 atMs;              // milliseconds since the epoch
        std::optional<double> ms; // empty: no valid answer
    };
    static constexpr qint64 historySeconds = 300;

    explicit LatencyStats(int window = 20)
        : m_window(window)
    {
    }

    void add(Outcome outcome, double ms, qint64 atMs = QDateTime::currentMSecsSinceEpoch());
    const QList<Point>& history() const { return m_history; }
    // When the last valid answer came (milliseconds since the epoch; 0: never).
    qint64 lastAnsweredAtMs() const { return m_lastAnsweredAtMs; }
    int samples() const { return int(m_outcomes.size()); }
    std::optional<double> last() const;
    std::optional<double> min() const;
    std::optional<double> median() const { return percentile(0.5); }
    // Whether challenger answers clearly faster than current: by 20 % and 1 ms, on medians of
    // three samples at least (the median of one or two is moved by a single spike, which would
    // make a choice flap between gateways that answer alike).
    static bool clearlyBetter(const LatencyStats& challenger, const LatencyStats& current);
    std::optional<double> p90() const { return percentile(0.9); }
    std::optional<double> jitter() const; // mean change between consecutive answered samples
    double loss() const;                  // 0..1 of the window
    Outcome lastOutcome() const { return m_outcomes.isEmpty() ? Outcome::Ok : m_outcomes.last(); }
    // The one definition of "the gateway answers": it was probed, and its last probe answered.
    bool answers() const { return samples() > 0 && lastOutcome() == Outcome::Ok; }
    // It answers, with a median, and lost less than half its window: fit to be chosen.
    bool answersSteadily() const { return answers() && median() && loss() < 0.5; }
    // "ok", "slow", or the last outcome's word (outcomeWord: "timeout", "refused", "wrong
    // protocol"...), or "waiting".
    QString status(double slowMs = 500) const;

private:
    std::optional<double> percentile(double p) const;

    int m_window;
    QList<Outcome> m_outcomes;
    QList<double> m_ms; // answered samples only, in order
    QList<Point> m_history;
    qint64 m_lastAnsweredAtMs = 0;
};
