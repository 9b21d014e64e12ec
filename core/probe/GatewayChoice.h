#pragma once

#include "GatewayVerdict.h"
#include "LatencyStats.h"

#include <QList>

class LatencyProbe;

// The automatic choice among measured gateways, as a rule of figures alone (no clock, no
// network), so that it is tested with figures given (tests/unit/tst_latencyrule).
class GatewayChoice
{
public:
    struct Candidate
    {
        const LatencyStats* stats;
        GatewayVerdict verdict;
    };

    // Every target of the probe, in its order.
    static QList<Candidate> of(const LatencyProbe& probe);

    // The gateway to use next, given the current one (an index, -1: none): the best healthy
    // gateway by median (a joining one only when none is healthy). A better one takes over only
    // when clearly better (LatencyStats::clearlyBetter), so the choice does not flap; a current
    // gateway that fails or is found unhealthy is replaced at once; one whose check is still
    // under way stays until its verdict is known. -1: none is fit.
    static int next(const QList<Candidate>& candidates, int current);
    // What the rule picks from scratch (with no current gateway).
    static int best(const QList<Candidate>& candidates) { return next(candidates, -1); }

    // Answers steadily and its verdict is healthy: fit to be chosen.
    static bool isFit(const Candidate& c) { return c.stats->answersSteadily() && c.verdict.isHealthy(); }
};
