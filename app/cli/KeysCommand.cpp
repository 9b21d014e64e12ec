#include "KeysCommand.h"

#include "ExitCode.h"

#include "core/keys/KeyListing.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <cstdio>

namespace {

QString t(const char* text)
{
    return QCoreApplication::translate("KeysCommand", text);
}

} // namespace

void KeysCommand::configure(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("limit"), t("List at most N keys (default: all)."), QStringLiteral("N"),
                 QStringLiteral("0")});
    p.addOption({QStringLiteral("json"), t("One JSON object per key instead of a text line.")});
}

QByteArray KeysCommand::textLine(const StoredKeyInfo& k)
{
    const QString newest = k.newestMs > 0 ? QDateTime::fromMSecsSinceEpoch(k.newestMs, Qt::UTC)
                                                .toString(QStringLiteral("yyyy-MM-dd hh:mm:ss 'UTC'"))
                                          : t("store time unknown");
    QString line =
        QStringLiteral("%1  %2  %3  %4")
            .arg(QString::fromLatin1(k.key20.toHex()))
            .arg(QCoreApplication::translate("KeysCommand", "%n value(s)", nullptr, int(k.values)), -10)
            .arg(QCoreApplication::translate("KeysCommand", "%n byte(s)", nullptr, int(k.bytes)), -14)
            .arg(newest);
    if (k.items > 0)
        line += QStringLiteral("  ") + QCoreApplication::translate("KeysCommand",
                                                                   "%n classic item(s) kept by the gateway",
                                                                   nullptr, int(k.items));
    return line.toUtf8() + '\n';
}

QByteArray KeysCommand::jsonLine(const StoredKeyInfo& k)
{
    const QJsonObject o{{QStringLiteral("key"), QString::fromLatin1(k.key20.toHex())},
                        {QStringLiteral("values"), k.values},
                        {QStringLiteral("bytes"), k.bytes},
                        {QStringLiteral("newest_ms"), k.newestMs > 0 ? QJsonValue(k.newestMs) : QJsonValue()},
                        {QStringLiteral("items"), k.items}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

int KeysCommand::run(const QCommandLineParser& p, const QUrl& gateway, const HttpCall::Limits& limits,
                     QString* usageError)
{
    bool ok = false;
    const qint64 limit = p.value(QStringLiteral("limit")).toLongLong(&ok);
    if (!ok || limit < 0) {
        *usageError = t("--limit wants a number of keys");
        return ExitUsage;
    }
    const bool json = p.isSet(QStringLiteral("json"));
    QNetworkAccessManager nam;
    KeyListing listing(&nam, gateway, limits);
    listing.setMaxKeys(limit);
    QEventLoop loop;
    QObject::connect(&listing, &KeyListing::keysArrived, &loop, [json](const QVector<StoredKeyInfo>& keys) {
        QByteArray lines;
        for (const StoredKeyInfo& k : keys)
            lines += json ? jsonLine(k) : textLine(k);
        std::fwrite(lines.constData(), 1, size_t(lines.size()), stdout);
        std::fflush(stdout);
    });
    QObject::connect(&listing, &KeyListing::finished, &loop, &QEventLoop::quit);
    listing.start();
    loop.exec();
    using F = KeyListing::Failure;
    if (listing.failure() != F::None) {
        std::fprintf(stderr, "opendht-cli: %s\n", qPrintable(listing.errorString()));
        return listing.failure() == F::Network ? ExitNetwork : ExitGateway;
    }
    const QString summary =
        listing.listed() < listing.total()
            ? QCoreApplication::translate("KeysCommand", "%1 of the %n key(s) stored on %2", nullptr,
                                          int(listing.total()))
                  .arg(listing.listed())
            : QCoreApplication::translate("KeysCommand", "%n key(s) stored on %1", nullptr,
                                          int(listing.listed()));
    std::fprintf(stderr, "opendht-cli: %s\n", qPrintable(summary.arg(gateway.authority())));
    return ExitOk;
}
