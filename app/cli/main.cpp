// opendht-cli: the classic Open DHT client from a terminal or a script.
#include "CliCommand.h"

#include "core/l10n/Translation.h"

#include <QCoreApplication>

#include <cstdio>

namespace {
void printUsage(FILE* to)
{
    std::fprintf(to, "Usage: opendht-cli COMMAND [options] ARGS\n\nCommands:\n");
    for (const CliCommand::Spec& command : CliCommand::commands())
        std::fprintf(to, "  %s\n", qPrintable(command.translatedSummary()));
    std::fprintf(
        to, "\n'opendht-cli COMMAND --help' describes a command's options.\n"
            "Exit codes: 0 ok, 2 usage or bad input, 3 no value found, 4 gateway error, 5 network error.\n");
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    Translation::install(&app); // before any text: plurals read "1 value", "2 values"
    QCoreApplication::setApplicationName(QStringLiteral("opendht-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ODB_VERSION));
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        printUsage(stderr);
        return ExitUsage;
    }
    const QString command = args.at(1);
    if (command == u"--help" || command == u"-h" || command == u"help") {
        printUsage(stdout);
        return ExitOk;
    }
    if (command == u"--version") {
        std::printf("opendht-cli %s\n", ODB_VERSION);
        return ExitOk;
    }
    const CliCommand::Spec* spec = CliCommand::find(command);
    if (!spec) {
        std::fprintf(stderr, "opendht-cli: unknown command \"%s\"\n\n", qPrintable(command));
        printUsage(stderr);
        return ExitUsage;
    }
    CliCommand cli(*spec);
    QCommandLineParser parser;
    cli.configure(parser);
    args.removeAt(1);
    args[0] = QStringLiteral("opendht-cli ") + command;
    if (!parser.parse(args)) {
        std::fprintf(stderr, "opendht-cli: %s\n", qPrintable(parser.errorText()));
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return ExitOk;
    }
    return cli.run(parser);
}
