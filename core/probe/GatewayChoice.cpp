#include "GatewayChoice.h"

#include "LatencyProbe.h"

namespace {

bool joining(const GatewayChoice::Candidate& c)
{
    return c.stats->answersSteadily() && c.verdict.state() == GatewayVerdict::State::Joining;
}

// The lowest median among the candidates that pass, -1 when none does.
template <typename Pass> int fastest(const QList<GatewayChoice::Candidate>& candidates, Pass pass)
{
    int best = -1;
    for (int i = 0; i < int(candidates.size()); ++i) {
        const auto& c = candidates[i];
        if (pass(c) && (best < 0 || *c.stats->median() < *candidates[best].stats->median()))
            best = i;
    }
    return best;
}

} // namespace

QList<GatewayChoice::Candidate> GatewayChoice::of(const LatencyProbe& probe)
{
    QList<Candidate> candidates;
    for (int i = 0; i < probe.count(); ++i)
        candidates.append({&probe.target(i).stats, probe.target(i).verdict()});
    return candidates;
}

int GatewayChoice::next(const QList<Candidate>& candidates, int current)
{
    const Candidate* cur = current >= 0 && current < int(candidates.size()) ? &candidates[current] : nullptr;
    if (cur && cur->stats->answers() && cur->verdict.state() == GatewayVerdict::State::Waiting)
        return current; // its check is under way (a remembered choice, say): wait for its verdict
    int best = fastest(candidates, isFit);
    if (best < 0)
        best = fastest(candidates, joining);
    if (cur && best >= 0 && best != current && isFit(*cur) &&
        !LatencyStats::clearlyBetter(*candidates[best].stats, *cur->stats))
        return current;
    return best;
}
