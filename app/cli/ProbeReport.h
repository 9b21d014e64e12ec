#pragma once

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

private:
    const LatencyProbe& m_probe;
};
