#pragma once

#include "DhtCondition.h"
#include "LatencyStats.h"

#include <QString>

// What a user needs to know of a gateway, in a word and a sentence: whether it answers at all
// (LatencyStats), and whether its DHT works (DhtCondition). Only a healthy gateway is chosen
// automatically; a pinned one that is not is reported.
class GatewayVerdict
{
public:
    enum class State
    {
        Waiting, // no probe answered yet, or its DHT has yet to be checked
        Ok,
        Lone,         // our gateway without peers by design: this computer only (healthy)
        Slow,         // answers, slowly (healthy: nothing better may answer)
        Joining,      // our gateway still looking for its first peers
        Isolated,     // its DHT node has no peer
        SlowDht,      // a read of the DHT took more than a few seconds
        ReadsFailing, // a read of the DHT failed although the gateway answers
        PutsFailing,  // a put of the user's failed through it
        Down          // it does not answer (timeout, refused, wrong protocol, unreachable)
    };
    // A failed put counts for this long, unless a put through it works meanwhile.
    static constexpr qint64 putFailureSeconds = 600;

    static GatewayVerdict judge(const LatencyStats& stats, const DhtCondition& dht,
                                const QDateTime& now = QDateTime::currentDateTimeUtc());

    State state() const { return m_state; }
    // "ok", "isolated", "slow DHT", "puts failing", "refused"…: for a status column.
    QString word() const { return m_word; }
    // Why, in a sentence ("its DHT has no peers"); empty when there is nothing to add.
    QString reason() const { return m_reason; }
    bool isHealthy() const
    {
        return m_state == State::Ok || m_state == State::Lone || m_state == State::Slow;
    }
    // Joining is not judged yet either: our gateway says so for its first 30 s, then "ok" or
    // "isolated". A joining gateway is chosen only when no gateway is healthy (the local one
    // just started on a named network, say).
    bool isKnown() const { return m_state != State::Waiting && m_state != State::Joining; }
    bool isUnhealthy() const { return isKnown() && !isHealthy(); }
    // For sorting: healthy first, then waiting, then unhealthy, then those that do not answer.
    int rank() const;

private:
    GatewayVerdict(State state, QString word, QString reason = {});

    State m_state;
    QString m_word;
    QString m_reason;
};
