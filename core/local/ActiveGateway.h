#pragma once

#include "LocalGateway.h"
#include "core/backend/GatewayBackend.h"

#include <QDeadlineTimer>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include <memory>

class GatewayChooser;
class GatewayHealth;
class KeptPutKeeper;
class Settings;

// The gateway the window talks to now: the client (a GatewayBackend of the right kind) for the
// chooser's current gateway, rebuilt when the choice changes, and the embedded local gateway,
// started when no known gateway answers. Every tab asks this object for the backend.
//
// A proxy client keeps puts longer than 10 minutes alive (ProxyPutKeeper). When it is replaced
// by another gateway's client, those puts are handed over to this object and go on being
// refreshed at their proxy for their whole TTL: the user asked for that TTL, whichever gateway
// is browsed next. They are not downgraded at the browser's exit either (which would end them
// within 10 minutes): the proxy keeps each one up to 24 hours after its last refresh.
// With a KeptPutKeeper set (the window's), proxy clients hand their puts to it instead, which
// keeps them across restarts and downgrades them at their end.
//
// The local gateway joins the DhtNetwork chosen by the user (Settings::LocalGatewayNetwork,
// "local" when none), or one given for a single run; on a named network its health is asked
// while it runs. The application name is Settings::PutApplication. The window owns this object
// and only shows what it says.
class ActiveGateway : public QObject
{
    Q_OBJECT
public:
    // A local gateway that ends by itself is started again, up to this many times a window.
    static constexpr int localRestartsPerWindow = 3;
    static constexpr int localRestartWindowMs = 10 * 60 * 1000;

    // settings must outlive this object.
    ActiveGateway(GatewayChooser* chooser, Settings* settings, QObject* parent = nullptr);
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
    // The user's choice of the local gateway's network: remembered for the next starts and
    // applied now. A running local gateway restarts on it (staying the one in use, pinned or
    // not, if it was); message() says what happened.
    void chooseLocalNetwork(const QString& name);
    // The network for this run only (not remembered); false for an unknown name.
    bool useLocalNetwork(const QString& name);
    QString localNetwork() const { return m_local->network(); }
    // Whether the gateway in use is the local one.
    bool localInUse() const;
    // "Local gateway on Ham-DHT · joining…": its network and state, for the status bar, and
    // the details for its tooltip (lines of plain text).
    QString describeLocal() const;
    QStringList localDetails() const;

    // The application name sent with every call, from the next one on: the backend stays.
    void setApplication(const QString& name);
    QString application() const { return m_application; }
    // Proxy puts to keep go to keeper from now on (not owned).
    void setPutKeeper(KeptPutKeeper* keeper);

signals:
    // The backend changed (the old one is deleted right after this signal).
    void backendChanged(GatewayBackend* backend);
    void message(const QString& text);
    // The local gateway's network, its running state or its health changed.
    void localChanged();

private:
    void rebuild();
    void onLocalStarted(const QUrl& url);
    void setNetwork(const QString& name);
    void onLocalExited(const QString& reason);

    GatewayChooser* m_chooser;
    Settings* m_settings;
    QNetworkAccessManager m_nam;
    // The parent of puts handed over by replaced proxy clients (see above); a member, so that
    // it goes before the network manager its puts post through.
    QObject m_keptPuts;
    std::unique_ptr<GatewayBackend> m_backend;
    LocalGateway* m_local;
    GatewayHealth* m_health;
    QString m_application;
    QPointer<KeptPutKeeper> m_putKeeper;
    bool m_localFallback = true;
    bool m_repinLocal = false; // the restarting local gateway was the user's choice: it stays so
    QUrl m_localUrl;           // where the local gateway served last
    // When it ended by itself lately: a gateway that keeps crashing is not restarted for ever.
    QList<QDeadlineTimer> m_localEnds;
};
