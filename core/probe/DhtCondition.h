#pragma once

#include "NodeInfo.h"

#include <QDateTime>
#include <QString>

#include <optional>

// What was seen of a gateway's DHT, as opposed to its HTTP server: its node info (GET /), a timed
// read of a probe key of ours (which makes it search the DHT, as a ping or GET / never does),
// and how the user's own puts and gets through it went.
struct DhtCondition
{
    std::optional<NodeInfo> node; // the last node info it gave
    bool nodeAsked = false;       // GET / was asked and ended (a gateway may have no node info)
    bool readEnded = false;       // a probe read ended, or went on past the slow limit
    bool readSlow = false;        // the last read (ours or the user's) was over the limit or timed out
    double readMs = 0;            // ...how long it took (a lower bound while under way)
    QString readError;            // the last probe read failed with this (empty: it did not)
    QDateTime checkedAt;          // when the last check ended (UTC)
    QDateTime putFailedAt;        // the last of the user's puts that failed (null: none since one worked)
    QString putError;

    // Enough is known to judge: the node info was asked and the probe read has said something.
    bool checked() const { return nodeAsked && readEnded; }
};
