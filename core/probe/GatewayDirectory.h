#pragma once

#include <backend/GatewayBackend.h>

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QUrl>

#include <optional>

class QSettings;

// The gateways a user knows: built in (resources/gateways.json), added by the user, discovered
// in the DHT, or the local embedded one; kept in QSettings. It also remembers the automatic
// choice for a day (in the cache location), as Net::OpenDHT did, so a restart within the day
// does not have to probe before its first call.
class GatewayDirectory : public QObject
{
    Q_OBJECT
public:
    enum class Origin
    {
        BuiltIn,
        User,
        Discovered,
        Local
    };
    struct Entry
    {
        QUrl url;
        QString name;
        std::optional<GatewayKind> kind;
        Origin origin = Origin::User;
    };
    static constexpr qint64 choiceLifetimeSeconds = 86400;

    // settings: where the list lives (not owned); cacheFile: where the day's choice is kept.
    GatewayDirectory(QSettings* settings, const QString& cacheFile, QObject* parent = nullptr);

    const QList<Entry>& entries() const { return m_entries; }
    std::optional<Entry> find(const QUrl& url) const;
    bool add(const Entry& entry); // false when the URL is known already
    bool remove(const QUrl& url);
    void setKind(const QUrl& url, GatewayKind kind);
    // The gateways announced now: new ones are added, discovered ones no longer announced go.
    void mergeDiscovered(const QList<QUrl>& announced);

    void rememberChoice(const QUrl& url, const QDateTime& now = QDateTime::currentDateTimeUtc());
    std::optional<QUrl> rememberedChoice(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
    void forgetChoice();

    static QString originName(Origin origin);

signals:
    void changed();

private:
    void load();
    void save();

    QSettings* m_settings;
    QString m_cacheFile;
    QList<Entry> m_entries;
};
