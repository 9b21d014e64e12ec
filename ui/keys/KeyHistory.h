#pragma once

#include "core/dht/DhtKey.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QVariant>

class QAbstractItemModel;
class KeyHistoryModel;

// The keys the user fetched, most recent first. A DHT cannot list its keys, so this list (with
// the bookmarks) is the user's only index of what they looked at; it is kept in the browser's
// settings (Settings::Key::KeysHistory) and restored by the next instance.
class KeyHistory : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QString input;
        DhtKey::Mode mode;
    };
    static constexpr int limit = 200;

    explicit KeyHistory(QObject* parent = nullptr);

    // Puts a valid, non-empty key first; the same input in the same mode is kept once.
    void add(const DhtKey& key);
    void clear();
    void remove(int index);
    QList<Entry> entries() const;
    // Inputs (column 0) and modes (column 1), most recent first, for a QCompleter.
    QAbstractItemModel* completionModel() const;

    // The one way keys are stored in settings, for the window's session too.
    static QVariant toVariant(const DhtKey& key);
    static DhtKey fromVariant(const QVariant& value);

signals:
    void changed();

private:
    void load();
    void save();

    KeyHistoryModel* m_model;
};
