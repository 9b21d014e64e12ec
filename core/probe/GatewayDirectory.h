#pragma once

#include "core/backend/GatewayBackend.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

class QSettings;

// The gateways a user knows: built in (resources/gateways.json), added by the user, discovered
// in the DHT, the local embedded one, or one given for a single run (--gateway); kept in
// QSettings, all but the last two. (What is chosen among them is kept by ChoiceStore.)
class GatewayDirectory : public QObject
{
    Q_OBJECT
public:
    enum class Origin
    {
        BuiltIn,
        User,
        Discovered,
        Local,
        ThisRun // given for one run (opendht-browser --gateway): never saved
    };
    struct Entry
    {
        QUrl url;
        QString name;
        std::optional<GatewayKind> kind;
        Origin origin = Origin::User;
    };

    // settings: where the list lives (not owned).
    explicit GatewayDirectory(QSettings* settings, QObject* parent = nullptr);

    const QList<Entry>& entries() const { return m_entries; }
    std::optional<Entry> find(const QUrl& url) const;
    // False when the URL is known already; a ThisRun entry of the URL gives way to a saved one
    // (the user adds for good what the command line gave for this run).
    bool add(const Entry& entry);
    bool remove(const QUrl& url);
    // Puts entry in the place of the one at url (the user edited its name or URL); false when
    // url is not listed, or entry's URL is another entry's already.
    bool replace(const QUrl& url, const Entry& entry);
    // Why the user may not remove this entry (empty: they may): built-in gateways come back at
    // the next start, and the local one belongs to the running browser.
    QString whyNotRemovable(const QUrl& url) const;
    void setKind(const QUrl& url, GatewayKind kind);
    // The gateways announced now: new ones are added, discovered ones no longer announced go.
    void mergeDiscovered(const QList<QUrl>& announced);
    // The embedded gateway: replaces the Local entry (at most one, named "Local gateway"); an
    // empty url removes it. Local entries are never written to the settings: the embedded
    // gateway gets a new free port at each start, so a saved one would point at nothing. A URL
    // listed already under another origin stays as it is.
    void setLocalGateway(const QUrl& url);

    static QString originName(Origin origin);
    // Whether entries of this origin are written to the settings (Local and ThisRun are not).
    static bool isSaved(Origin origin) { return origin != Origin::Local && origin != Origin::ThisRun; }

    // Where opendht-browser and opendht-cli both keep the list and the choice (ChoiceStore),
    // so that they share them: <config>/opendht-browser/gateways.ini.
    static std::unique_ptr<QSettings> openUserSettings();

signals:
    void changed();

private:
    void load();
    void addBuiltIns();
    void reload();
    void save();

    QSettings* m_settings;
    QList<Entry> m_entries;
};
