#pragma once

#include <backend/GatewayBackend.h>
#include <local/LocalGateway.h>

#include <QNetworkAccessManager>
#include <QObject>

#include <memory>

class GatewayChooser;

// The gateway the window talks to now: the client (a GatewayBackend of the right kind) for the
// chooser's current gateway, rebuilt when the choice changes, and the embedded local gateway,
// started when no known gateway answers. Every tab asks this object for the backend.
class ActiveGateway : public QObject
{
    Q_OBJECT
public:
    ActiveGateway(GatewayChooser* chooser, QObject* parent = nullptr);
    ~ActiveGateway() override;

    GatewayBackend* backend() const { return m_backend.get(); }
    GatewayChooser* chooser() const { return m_chooser; }
    LocalGateway* localGateway() const { return m_local; }
    // The name of the gateway in use and its latest median, for the status bar.
    QString describe() const;

    // Whether to start the local gateway when no gateway answers (on by default).
    void setLocalFallback(bool on) { m_localFallback = on; }
    // Starts the local gateway now, whatever the probes say.
    void startLocal();
    // The application name sent with every call.
    void setApplication(const QString& name);
    QString application() const { return m_application; }

signals:
    // The backend changed (the old one is deleted right after this signal).
    void backendChanged(GatewayBackend* backend);
    void message(const QString& text);

private:
    void rebuild();

    GatewayChooser* m_chooser;
    QNetworkAccessManager m_nam;
    std::unique_ptr<GatewayBackend> m_backend;
    LocalGateway* m_local;
    QString m_application;
    bool m_localFallback = true;
};
