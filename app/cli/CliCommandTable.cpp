// opendht-cli's commands: one line each, read by the dispatch (main.cpp, CliCommand::run), the
// help (printUsage, configure) and so the man page (packaging/man/cli_commands.py reads the help).
#include "CliCommand.h"
#include "CliOptions.h"
#include "KeysCommand.h"

#include <QCoreApplication>

const QList<CliCommand::Spec>& CliCommand::commands()
{
    static const QList<Spec> table{
        {"put",
         QT_TRANSLATE_NOOP("CliCommand",
                           "put KEY [VALUE]   store a value (from VALUE, --file, or standard input) "
                           "for --ttl; --plain: a plain OpenDHT value of --type and --user-type "
                           "for other software"),
         Gateway | Key | Writing, CliOptions::put, &CliCommand::runPut},
        {"get", QT_TRANSLATE_NOOP("CliCommand", "get KEY           print every value under the key"),
         Gateway | Key | Reading, nullptr, &CliCommand::runGet},
        {"details",
         QT_TRANSLATE_NOOP(
             "CliCommand",
             "details KEY       every value with its remaining TTL and whether it is removable"),
         Gateway | Key | Reading, nullptr, &CliCommand::runDetails},
        {"rm", QT_TRANSLATE_NOOP("CliCommand", "rm KEY [VALUE]    remove a value put with --secret"),
         Gateway | Key | Writing | Removal, nullptr, &CliCommand::runRemove},
        {"ping", QT_TRANSLATE_NOOP("CliCommand", "ping              check that the gateway answers"), Gateway,
         nullptr, &CliCommand::runPing},
        {"watch",
         QT_TRANSLATE_NOOP("CliCommand", "watch KEY         print each value new under the key, as it comes"),
         Gateway | Key | Reading, CliOptions::watch, &CliCommand::runWatch},
        {"probe",
         QT_TRANSLATE_NOOP(
             "CliCommand",
             "probe [URL...]    latency of gateways (default: those you know), sorted, the best marked"),
         Gateway, CliOptions::probe, &CliCommand::runProbe},
        {"gateways",
         QT_TRANSLATE_NOOP("CliCommand", "gateways ACTION   list, add URL, remove URL: the gateways you know "
                                         "(shared with the browser)"),
         0, CliOptions::gateways, &CliCommand::runGateways},
        {"kept",
         QT_TRANSLATE_NOOP(
             "CliCommand",
             "kept              the puts the browser keeps alive through proxies, and what each needs"),
         0, nullptr, &CliCommand::runKept},
        {"keys",
         QT_TRANSLATE_NOOP(
             "CliCommand",
             "keys              every key the gateway stores, with its values, bytes and newest store"),
         Gateway, KeysCommand::configure, &CliCommand::runKeys},
    };
    return table;
}

const CliCommand::Spec* CliCommand::find(const QString& name)
{
    for (const Spec& spec : commands()) {
        if (name == QLatin1String(spec.name))
            return &spec;
    }
    return nullptr;
}

QString CliCommand::Spec::translatedSummary() const
{
    return QCoreApplication::translate("CliCommand", summary);
}
