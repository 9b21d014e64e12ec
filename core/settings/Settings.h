#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QVariant>

#include <memory>
#include <optional>

class QSettings;

// The browser's settings (browser.conf), one typed table: every key with its name in the file
// and its default, so that no part of the program spells a key or a default of its own.
// Writes are coalesced: a value set is seen at once by value(), and reaches the file after a
// short delay, at flush() or at this object's end, whichever comes first. A slider dragged over
// a hundred steps writes the file once, and the last value is never lost on quit.
//
// Core classes that need a setting take a Settings* (none reads settings by the application's
// organisation name). The gateway list and the chooser's own state (gateways.ini) are kept by
// core/probe, not here; only the gateway table's layout is.
class Settings : public QObject
{
    Q_OBJECT
public:
    enum class Key
    {
        WindowGeometry,      // QByteArray, QMainWindow::saveGeometry()
        WindowState,         // QByteArray, QMainWindow::saveState()
        WindowKeysPage,      // int, the side panel's page in front
        SessionTabs,         // QVariantList of keys (KeyHistory::toVariant)
        SessionCurrent,      // int, the tab in front
        ValuesHeader,        // QByteArray, the values table's header
        ValuesSplitter,      // QByteArray, the values table over the viewer
        ValuesHiddenColumns, // QVariantList of column numbers (absent: the table's defaults)
        ViewerMode,          // QString, the viewer's mode; a sub-key per kind of content
        ViewerSaveDirectory, // QString, where "Save Value" starts
        PutTtlSeconds,       // int, the TTL slider's last value
        PutFileDirectory,    // QString, where "From file" starts
        PutPlainType,        // uint, a plain put's value type
        PutUserType,         // QString, a plain put's user type
        PutApplication,      // QString, the application name sent with every call
        LocalGatewayNetwork, // QString, the local gateway's DhtNetwork (empty: LocalGateway's)
        TransferDirectory,   // QString, where export and import start
        KeysMode,            // QString, the key bar's last mode (DhtKey::modeName)
        KeysHistory,         // QStringList, the keys fetched, in KeyCodec's form, most recent first
        KeysBookmarks,       // records (name, key in KeyCodec's form): see records()
        GatewaysTableHeader, // QByteArray, the gateway table's header
    };
    Q_ENUM(Key)
    static constexpr int writeDelayMs = 500;

    // The application's settings (QSettings' default file for its organisation and name).
    explicit Settings(QObject* parent = nullptr);
    // The settings in an INI file of its own (tests).
    explicit Settings(const QString& iniFile, QObject* parent = nullptr);
    ~Settings() override; // writes what is pending

    // The key's name in the file, e.g. "put/ttlSeconds", and its default.
    static QString name(Key key);
    static QVariant defaultValue(Key key);

    QVariant value(Key key) const;
    bool contains(Key key) const;
    void setValue(Key key, const QVariant& value);
    void remove(Key key);
    // A key under another: "viewer/mode/image". Its value is invalid when absent.
    QVariant value(Key key, const QString& sub) const;
    void setValue(Key key, const QString& sub, const QVariant& value);
    void remove(Key key, const QString& sub);
    // A list of records under a key, as QSettings' arrays keep them ("keys/bookmarks/size",
    // "keys/bookmarks/1/name"...): readable in the file, and what earlier versions wrote. A
    // record has the fields asked for (invalid when absent).
    QList<QVariantHash> records(Key key, const QStringList& fields) const;
    void setRecords(Key key, const QList<QVariantHash>& records);

    // Writes what is pending now (and syncs the file).
    void flush();
    bool hasPending() const { return !m_pending.isEmpty(); }
    QString fileName() const;

private:
    Settings(std::unique_ptr<QSettings> store, QObject* parent);
    std::optional<QVariant> stored(const QString& name) const;
    bool removalPending(const QString& name) const;
    void put(const QString& name, std::optional<QVariant> value);

    std::unique_ptr<QSettings> m_store;
    // Values set and not yet written, by name; an empty optional is a removal (of the name and
    // of every name under it).
    QHash<QString, std::optional<QVariant>> m_pending;
    QTimer m_write;
};
