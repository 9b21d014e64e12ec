#pragma once

#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"
#include "core/net/HttpCall.h"

#include <QElapsedTimer>
#include <QObject>

#include <optional>

// One call to a gateway of either kind (or a whole fetch of a key), from start to a single,
// always queued, finished(). It belongs to the client that made it, so no call outlives its
// client; delete it with deleteLater() once finished, or cancel() it at any time.
class GatewayCall : public QObject
{
    Q_OBJECT
public:
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_error.isError(); }
    const GatewayError& error() const { return m_error; }
    // The values fetched so far (all of them once finished).
    const QList<DhtValue>& values() const { return m_values; }
    qint64 elapsedMs() const { return m_elapsed.elapsed(); }
    // The round trip of its last HTTP exchange, to the reply's headers (HttpCall::headersMs()).
    std::optional<double> headersMs() const { return m_headersMs; }
    void cancel();

    // The error a failed HTTP exchange becomes, for either kind of gateway.
    static GatewayError::Kind errorKind(HttpCall::Error error);

signals:
    // Values arrived; values() already holds them.
    void pageArrived(const QList<DhtValue>& newValues);
    void progress(int values, int pages);
    void finished();

protected:
    explicit GatewayCall(QObject* parent);
    // Stops the network work under way (called once, by cancel()).
    virtual void abortWork() = 0;
    void addValues(const QList<DhtValue>& page, int pages);
    // Takes the timing of an HTTP exchange that ended (see headersMs()).
    void noteExchange(const HttpCall& call) { m_headersMs = call.headersMs(); }
    void finishWith(GatewayError::Kind kind = GatewayError::Kind::None, const QString& message = {});

private:
    bool m_finished = false;
    GatewayError m_error;
    QList<DhtValue> m_values;
    QElapsedTimer m_elapsed;
    std::optional<double> m_headersMs;
};
