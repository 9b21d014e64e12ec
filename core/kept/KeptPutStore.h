#pragma once

#include "KeptPut.h"

#include <QList>
#include <QString>

struct sqlite3;

// The puts a program keeps through proxies, on disk, so that they are resumed after a restart
// and other programs (opendht-cli kept) can list them. One SQLite database in WAL mode, as the
// gateway's ItemLedger; a row is written as soon as the first permanent POST is accepted.
class KeptPutStore
{
public:
    KeptPutStore() = default;
    KeptPutStore(const KeptPutStore&) = delete;
    KeptPutStore& operator=(const KeptPutStore&) = delete;
    ~KeptPutStore();

    // The browser's store: kept-puts.sqlite in its QStandardPaths::AppDataLocation
    // (<data>/opendht-browser/browser/), spelled out so that opendht-cli reads the same file.
    static QString userPath();

    bool open(const QString& path, QString* error);
    bool isOpen() const { return m_db != nullptr; }
    // Adds put (its id is set) or, with an id, writes it over the row of that id.
    bool save(KeptPut* put);
    void remove(qint64 id);
    QList<KeptPut> all() const;
    QString lastError() const;

private:
    bool exec(const char* sql);
    void close();

    sqlite3* m_db = nullptr;
};
