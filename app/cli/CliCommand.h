#pragma once

#include "ExitCode.h"
#include "ValuePrinter.h"

#include "core/backend/GatewayBackend.h"
#include "core/dht/DhtKey.h"
#include "core/net/HttpCall.h"

#include <memory>
#include <optional>

#include <QCommandLineParser>
#include <QList>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

class GatewayDirectory;
class LatencyProbe;

// One opendht-cli command (put, get, details, rm, ping, watch, probe, gateways, kept, keys): its
// options, its checks, its call to the gateway and what it prints. Results go to stdout, messages
// to stderr. Every command is a line of one table (commands(), in CliCommandTable.cpp), which the
// dispatch, the help and the man page (made from the help) all read.
class CliCommand
{
public:
    // What a command takes before its handler runs; the option groups are CliOptions'.
    enum Need : unsigned
    {
        Gateway = 1, // CliOptions::gateway, parsed into a Call
        Key = 2,     // CliOptions::key, read into m_key
        Reading = 4, // CliOptions::reading: --format, --type
        Writing = 8, // CliOptions::writing: the value, --secret, --ttl (read before the call)
        Removal = 16 // with Writing: a removal (its secret is required)
    };
    // The gateway options, checked.
    struct Call
    {
        QUrl gateway;
        qint64 timeoutSeconds = 0;
        qint64 maxBytes = 0;
        HttpCall::Limits limits;
    };
    struct Spec
    {
        const char* name;
        const char* summary; // "put KEY [VALUE]   store a value…", translated in context CliCommand
        unsigned needs;
        void (*options)(QCommandLineParser&); // the command's own options, or none
        int (CliCommand::*run)(const QCommandLineParser&, const Call&);

        QString translatedSummary() const;
    };
    static const QList<Spec>& commands();
    static const Spec* find(const QString& name);

    explicit CliCommand(const Spec& spec)
        : m_spec(spec)
        , m_name(QString::fromLatin1(spec.name))
    {
    }
    void configure(QCommandLineParser& parser) const;
    int run(const QCommandLineParser& parser);

private:
    // The handlers of the table.
    int runPut(const QCommandLineParser& p, const Call& call);
    int runGet(const QCommandLineParser& p, const Call& call);
    int runDetails(const QCommandLineParser& p, const Call& call);
    int runRemove(const QCommandLineParser& p, const Call& call);
    int runPing(const QCommandLineParser& p, const Call& call);
    int runWatch(const QCommandLineParser& p, const Call& call);
    int runProbe(const QCommandLineParser& p, const Call& call);
    int runGateways(const QCommandLineParser& p, const Call& call);
    int runKept(const QCommandLineParser& p, const Call& call);
    int runKeys(const QCommandLineParser& p, const Call& call);

    std::optional<Call> readCall(const QCommandLineParser& p, int* code);
    // The backend of call's gateway, with call's budget for a whole get; null when code says why.
    std::unique_ptr<GatewayBackend> client(const QCommandLineParser& p, const Call& call, int* code);
    int fetch(const QCommandLineParser& p, const Call& call, bool details);
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
    int addGateway(const QCommandLineParser& p, GatewayDirectory* directory, const QUrl& url);
    std::unique_ptr<GatewayBackend> backend(const QCommandLineParser& p, QNetworkAccessManager* nam,
                                            const QUrl& gateway, const HttpCall::Limits& limits, int* code);
    int usage(const QString& message) const;

    const Spec& m_spec;
    QString m_name;
    std::unique_ptr<QNetworkAccessManager> m_nam; // for the handlers' clients, which go before it
    DhtKey m_key;
    QByteArray m_value;
    QByteArray m_secret;
    int m_ttl = 3600;
    ValuePrinter::Format m_format = ValuePrinter::Format::Text;
    std::optional<quint16> m_type; // --type: only values of this type are printed
    bool m_plain = false;          // put --plain
    quint16 m_plainType = 0;       // put --plain --type
};
