#pragma once

#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"

#include <QObject>
#include <QSet>

// Keeps one key live: the values under it now, and the values new since the watch began.
// A proxy pushes changes over a listen stream; a classic gateway is fetched again periodically.
// Either way a value is announced as new once, whatever reconnects or refetches happen.
class GatewayWatch : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Connecting,
        Live,
        Reconnecting // the stream or the fetch failed; retrying with a growing delay
    };

    static constexpr int maxRemembered = 65536;

    State state() const { return m_state; }
    QString stateReason() const { return m_reason; }
    const QList<DhtValue>& values() const { return m_values; }
    virtual void stop() = 0;

signals:
    // The whole current list, after any change.
    void changed(const QList<DhtValue>& values);
    // Values not seen before by this watch (the first list counts as seen, not as new).
    void newValues(const QList<DhtValue>& values);
    void stateChanged(GatewayWatch::State state, const QString& reason);

protected:
    using QObject::QObject;
    void setState(State state, const QString& reason = {});
    // A fresh complete list: emits changed() and, for values not seen before, newValues().
    void publish(const QList<DhtValue>& values);

private:
    State m_state = State::Connecting;
    QString m_reason;
    QList<DhtValue> m_values;
    QSet<QByteArray> m_seen; // identity of each value ever published
    bool m_first = true;
};
