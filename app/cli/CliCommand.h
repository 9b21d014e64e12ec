#pragma once

#include "ExitCode.h"
#include "ValuePrinter.h"

#include "core/backend/GatewayBackend.h"
#include "core/dht/DhtKey.h"
#include "core/net/HttpCall.h"

#include <memory>
#include <optional>

#include <QCommandLineParser>
#include <QString>

class GatewayDirectory;
class LatencyProbe;
class QNetworkAccessManager;

// One opendht-cli command (put, get, details, rm, ping, watch, probe, gateways, keys): its options, its
// checks, its call to the gateway and what it prints. Results go to stdout, messages to stderr.
class CliCommand
{
public:
    static QStringList names();
    static QString summary(const QString& name);

    explicit CliCommand(const QString& name)
        : m_name(name)
    {
    }
    void configure(QCommandLineParser& parser) const;
    int run(const QCommandLineParser& parser);

private:
    bool readInput(const QCommandLineParser& p);
    bool readValue(const QCommandLineParser& p, const QStringList& args);
    bool readPlain(const QCommandLineParser& p);
    qint64 maxInputBytes() const;
    int wait(GatewayCall* reply);
    int ping(GatewayCall* call);
    int probe(const QCommandLineParser& p, const QUrl& fallback, qint64 timeoutSeconds);
    int benchmark(const QCommandLineParser& p, const LatencyProbe& probe, const GatewayDirectory& directory,
                  const QUrl& inUse, int rounds);
    int watch(GatewayWatch* watch, const QCommandLineParser& p);
    bool shown(const DhtValue& value) const;
    int discover(const QCommandLineParser& p, const QUrl& via, GatewayDirectory* directory,
                 QList<QUrl>* urls);
    int gateways(const QCommandLineParser& p);
    int addGateway(const QCommandLineParser& p, GatewayDirectory* directory, const QUrl& url);
    std::unique_ptr<GatewayBackend> backend(const QCommandLineParser& p, QNetworkAccessManager* nam,
                                            const QUrl& gateway, const HttpCall::Limits& limits, int* code);
    int usage(const QString& message) const;

    QString m_name;
    DhtKey m_key;
    QByteArray m_value;
    QByteArray m_secret;
    int m_ttl = 3600;
    ValuePrinter::Format m_format = ValuePrinter::Format::Text;
    std::optional<quint16> m_type; // --type: only values of this type are printed
    bool m_plain = false;          // put --plain
    quint16 m_plainType = 0;       // put --plain --type
};
