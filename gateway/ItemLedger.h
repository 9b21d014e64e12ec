#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

struct sqlite3;
struct sqlite3_stmt;

// The items this gateway keeps, on disk: what it must put back into the DHT after a restart,
// and nothing else (values of other nodes it happens to store are the DHT's business). One
// SQLite database in WAL mode; a row is written before the put is answered, so an acknowledged
// put survives the gateway being killed.
class ItemLedger
{
public:
    struct Row
    {
        QByteArray key20;
        quint64 id = 0;
        QByteArray envelope;
        qint64 keepUntilUs = 0;
        QByteArray origin;   // empty: accepted here; else the keeper id of the gateway that did
        quint32 account = 0; // accepted here: the client's fair-share account
    };

    ItemLedger() = default;
    ItemLedger(const ItemLedger&) = delete;
    ItemLedger& operator=(const ItemLedger&) = delete;
    ~ItemLedger();

    bool open(const QString& path, QString* error);
    bool isOpen() const { return m_db != nullptr; }
    bool add(const Row& row);
    void remove(const QByteArray& key20, quint64 id);
    // Every row still to keep at nowUs; the ended ones are deleted.
    QVector<Row> live(qint64 nowUs);
    QString lastError() const;

private:
    bool exec(const char* sql);
    void close();

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_insert = nullptr;
    sqlite3_stmt* m_delete = nullptr;
};
