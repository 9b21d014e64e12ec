#pragma once

#include "core/net/HttpCall.h"

#include <QCommandLineParser>
#include <QUrl>

struct StoredKeyInfo;

// `opendht-cli keys`: every key the gateway stores (its GET /keys), a line each, as text or
// JSON lines; a gateway that cannot list is told in a sentence (exit 4).
class KeysCommand
{
public:
    static void configure(QCommandLineParser& p);
    // code: ExitOk, or why not; usage errors are said by the caller's usage().
    static int run(const QCommandLineParser& p, const QUrl& gateway, const HttpCall::Limits& limits,
                   QString* usageError);

    static QByteArray textLine(const StoredKeyInfo& k);
    static QByteArray jsonLine(const StoredKeyInfo& k);
};
