#include "CliOptions.h"

#include "core/dht/DhtLimits.h"
#include "core/util/Duration.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace CliOptions {

namespace {

QString t(const char* text)
{
    return QCoreApplication::translate("CliCommand", text);
}

} // namespace

void gateway(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("gateway"), t("Gateway URL (default http://127.0.0.1:5851/)."),
                 QStringLiteral("URL"), QStringLiteral("http://127.0.0.1:5851/")});
    p.addOption({QStringLiteral("app"), t("Application name sent with each call."), QStringLiteral("NAME"),
                 QStringLiteral("opendht-cli")});
    p.addOption({QStringLiteral("kind"),
                 t("The kind of gateway: auto (ask it with GET /, default), classic (XML-RPC) or proxy "
                   "(an OpenDHT REST proxy)."),
                 QStringLiteral("KIND"), QStringLiteral("auto")});
    p.addOption(
        {QStringLiteral("timeout"),
         t("Give up on a call after this long (e.g. 15s); a get of many pages gets 8 times that in all."),
         QStringLiteral("DURATION"), QStringLiteral("15s")});
    p.addOption(
        {QStringLiteral("max-bytes"),
         t("Give up on a get once the gateway sent more than this many bytes in all (default 64 MiB)."),
         QStringLiteral("BYTES"), QString::number(64LL * 1024 * 1024)});
}

void key(QCommandLineParser& p)
{
    p.addOption(
        {QStringLiteral("key-mode"),
         t("How KEY becomes key bytes: text (SHA-1 of it, default), hex (the bytes it spells, at most "
           "%1), raw (its UTF-8 bytes, at most %1).")
             .arg(DhtLimits::keyBytes),
         QStringLiteral("MODE"), QStringLiteral("text")});
    p.addPositionalArgument(QStringLiteral("KEY"), t("The key."));
}

void reading(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("format"),
                 t("text (one value a line), hex, base64 or json (one object a line, every field)."),
                 QStringLiteral("FORMAT"), QStringLiteral("text")});
    p.addOption({QStringLiteral("type"),
                 t("Only values of this OpenDHT value type: a number or a name such as \"user data\" or "
                   "certificate (gateways that do not tell types show none)."),
                 QStringLiteral("TYPE")});
}

void writing(QCommandLineParser& p, bool removal)
{
    p.addPositionalArgument(QStringLiteral("VALUE"), t("The value; '-' or nothing reads standard input."));
    p.addOption({QStringLiteral("file"), t("Read the value from this file."), QStringLiteral("PATH")});
    p.addOption(
        {QStringLiteral("secret"),
         removal
             ? t("The secret the value was put with.")
             : t("Make the value removable with this secret (1 to %1 bytes).").arg(DhtLimits::maxSecretBytes),
         QStringLiteral("SECRET")});
    p.addOption({QStringLiteral("ttl"),
                 removal ? t("How long the removal lasts; must outlive the value (default 7d).")
                         : t("Time to live: 90s, 10m, 2h, 7d ... up to %1 (default 1h).")
                               .arg(Duration::format(DhtLimits::maxTtlSeconds)),
                 QStringLiteral("DURATION"), removal ? QStringLiteral("7d") : QStringLiteral("1h")});
}

void put(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("keep"),
                 t("Through an OpenDHT proxy: stay running and refresh the value until its TTL ends, "
                   "then let it go (it ends within 10 minutes); Ctrl+C lets it go at once.")});
    p.addOption({QStringLiteral("plain"),
                 t("Put a plain OpenDHT value for other software (the bytes as they are, --type, "
                   "--user-type), not a classic item; needs an OpenDHT proxy or opendht-gateway. A TTL "
                   "longer than the type's lifetime is kept: opendht-cli stays running, refreshing it, "
                   "and lets it go at the TTL's end (it ends within one type lifetime); Ctrl+C lets it "
                   "go at once.")});
    p.addOption({QStringLiteral("type"),
                 t("With --plain: the value type, a number (0-65535) or a name such as \"user data\" (0, "
                   "default), \"IM message\" (3) or \"ICE candidates\" (5). Stock nodes keep each "
                   "type its own time (ICE candidates 1 minute, IM messages 5 minutes, user data and "
                   "unknown types 10 minutes)."),
                 QStringLiteral("TYPE"), QStringLiteral("0")});
    p.addOption({QStringLiteral("user-type"),
                 t("With --plain: the user type, e.g. text/plain (default none)."), QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("once"),
                 t("With --plain: one POST and exit, even when the value then ends before its TTL (a "
                   "warning says when).")});
}

void watch(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("count"), t("Stop after this many new values (default: never)."),
                 QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("duration"), t("Stop after this long (default: never)."),
                 QStringLiteral("DURATION"), QStringLiteral("0")});
}

void probe(QCommandLineParser& p)
{
    p.addPositionalArgument(QStringLiteral("URL"), t("Gateways to probe (default: the gateways you know)."),
                            QStringLiteral("[URL...]"));
    p.addOption({QStringLiteral("rounds"), t("Probes per gateway (default 5)."), QStringLiteral("N"),
                 QStringLiteral("5")});
    p.addOption({QStringLiteral("interval"), t("Time between rounds (default 1s; 0: back to back)."),
                 QStringLiteral("DURATION"), QStringLiteral("1s")});
    p.addOption({QStringLiteral("json"), t("One JSON object per gateway instead of a table.")});
    p.addOption({QStringLiteral("discover"),
                 t("Also probe every gateway announced in the DHT, as read through --gateway.")});
    p.addOption({QStringLiteral("benchmark"),
                 t("Then N rounds (--rounds) of real gets on every gateway that answers, at once, and a "
                   "conclusion: the fastest healthy gateway, compared with --gateway when given (else "
                   "with the automatic choice of the day).")});
    p.addOption(
        {QStringLiteral("puts"), t("With --benchmark: a put of a short-lived value after each get.")});
    p.addOption({QStringLiteral("csv"), t("With --benchmark: write the results to FILE as CSV."),
                 QStringLiteral("FILE")});
}

void gateways(QCommandLineParser& p)
{
    p.addPositionalArgument(
        QStringLiteral("ACTION"),
        t("list: every gateway with its name, kind, URL and origin. add URL: check that URL answers as "
          "a gateway, learn its kind, and add it. remove URL: take a gateway you added (or one "
          "discovered) off the list."),
        QStringLiteral("list|add URL|remove URL"));
    p.addOption(
        {QStringLiteral("name"), t("add: the name to show (default: host:port)."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("timeout"), t("add: give up on the check after this long (default 5s)."),
                 QStringLiteral("DURATION"), QStringLiteral("5s")});
}

} // namespace CliOptions
