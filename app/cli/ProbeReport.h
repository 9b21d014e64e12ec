#pragma once

#include "core/probe/GatewayBenchmark.h"

#include <QByteArray>

class LatencyProbe;

// What `opendht-cli probe` prints: the gateways sorted by health, then median latency, with
// the verdict on their DHT (health, and why when unhealthy), the chosen one
// marked, as a table or as one JSON object per gateway.
class ProbeReport
{
public:
    explicit ProbeReport(const LatencyProbe& probe)
        : m_probe(probe)
    {
    }
    QByteArray text(bool json) const;
    // What `probe --benchmark` prints: a line (or JSON object) per gateway, then the conclusion
    // (in JSON: {"conclusion": [lines], "fastest": url, "in_use": url, "ratio": r}).
    static QByteArray benchmarkText(const GatewayBenchmark& bench,
                                    const GatewayBenchmark::Conclusion& conclusion, bool json);

private:
    const LatencyProbe& m_probe;
};
