#include "KeysCommand.h"

#include "ExitCode.h"

#include <keys/KeyListing.h>

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

// Singular or plural by the count (there are no translation files to do it with %n).
QString counted(qint64 n, const char* one, const char* many)
{
    return n == 1 ? t(one) : t(many).arg(n);
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
    QString line = QStringLiteral("%1  %2  %3  %4")
                       .arg(QString::fromLatin1(k.key20.toHex()))
                       .arg(counted(k.values, "1 value", "%1 values"), -10)
                       .arg(t("%1 bytes").arg(k.bytes), -14)
                       .arg(newest);
    if (k.items > 0)
        line += QStringLiteral("  ") + counted(k.items, "1 classic item kept by the gateway",
                                               "%1 classic items kept by the gateway");
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
            ? t("%1 of the %2 keys stored on %3").arg(listing.listed()).arg(listing.total())
            : counted(listing.listed(), "1 key stored on %2", "%1 keys stored on %2");
    std::fprintf(stderr, "opendht-cli: %s\n", qPrintable(summary.arg(gateway.authority())));
    return ExitOk;
}
