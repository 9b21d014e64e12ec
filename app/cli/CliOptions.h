#pragma once

class QCommandLineParser;

// The options opendht-cli's commands share, in groups, and each command's own. The command
// table (CliCommand::commands()) says which groups a command takes; configure() adds them in
// this order: gateway, key, reading, writing, then the command's own.
namespace CliOptions {

// --gateway, --app, --kind, --timeout, --max-bytes: how to reach a gateway.
void gateway(QCommandLineParser& p);
// --key-mode and KEY.
void key(QCommandLineParser& p);
// --format and --type: how values are printed, which are.
void reading(QCommandLineParser& p);
// VALUE, --file, --secret, --ttl; a removal's secret and TTL mean other things than a put's.
void writing(QCommandLineParser& p, bool removal);

// A command's own.
void put(QCommandLineParser& p);
void watch(QCommandLineParser& p);
void probe(QCommandLineParser& p);
void gateways(QCommandLineParser& p);

} // namespace CliOptions
