#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

// A real opendht-gateway for a test: started on free loopback ports with a random DHT network
// id (so that no two test runs can ever meet), and stopped by stop() or, whatever happened to
// the test, by the destructor. If the test process itself dies, the kernel kills the gateway
// (PR_SET_PDEATHSIG), so no run leaves a gateway behind.
class GatewayProcess
{
public:
    explicit GatewayProcess(const QStringList& extraArguments = {});
    ~GatewayProcess();
    GatewayProcess(const GatewayProcess&) = delete;
    GatewayProcess& operator=(const GatewayProcess&) = delete;

    // Starts it and waits for its ready line; false (with *error saying why) if it did not come.
    bool start(QString* error);
    void stop();

    QUrl url() const { return m_url; } // http://127.0.0.1:PORT/
    quint16 port() const { return quint16(m_url.port()); }
    QString authority() const { return m_url.authority(); }
    qint64 networkId() const { return m_networkId; }
    QString log() const; // what it wrote to stderr so far (a file, so it can never block it)

    // ODB_GATEWAY from the environment, else the build's opendht-gateway.
    static QString binary();

private:
    QStringList m_extraArguments;
    QProcess m_process;
    QUrl m_url;
    qint64 m_networkId = 0;
    QTemporaryDir m_dir;
};
