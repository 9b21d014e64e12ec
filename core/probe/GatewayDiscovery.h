#pragma once

#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

class GatewayBackend;
class GatewayCall;
class GatewayDirectory;

// Learns the gateways announced in the DHT (see GatewayAnnouncement) by reading the well-known
// key through one gateway, and merges them into a directory: new ones are added as discovered,
// discovered ones no longer announced go. No central service is involved.
class GatewayDiscovery : public QObject
{
    Q_OBJECT
public:
    explicit GatewayDiscovery(GatewayDirectory* directory, QObject* parent = nullptr);

    // Reads the key through backend, which must live until finished() or failed(). A run under
    // way is cancelled first.
    void run(GatewayBackend* backend);
    void cancel();
    bool isRunning() const { return !m_call.isNull(); }

    // After finished(): the URLs announced now (each once, in the order read).
    const QList<QUrl>& announced() const { return m_announced; }
    // After failed(): what went wrong, for exitCodeFor() and in words (naming the gateway).
    const GatewayError& error() const { return m_error; }

signals:
    // The directory was updated; newCount of the announced gateways were not in it before.
    void finished(int newCount);
    // Nothing was merged (the directory is unchanged).
    void failed(const QString& reason);

private:
    void onFinished(GatewayCall* call);

    GatewayDirectory* m_directory;
    QPointer<GatewayCall> m_call;
    QList<QUrl> m_announced;
    GatewayError m_error;
};
