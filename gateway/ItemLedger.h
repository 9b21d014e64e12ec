#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

struct sqlite3;
struct sqlite3_stmt;

// The items this gateway keeps, on disk: what it must put back into the DHT after a restart,
// and nothing else (values of other nodes it happens to store are the DHT's business). One
// SQLite database in WAL mode; a row is written before the put is answered, so an acknowledged
// put survives the gateway being killed. A ledger found damaged at open is kept aside and what
// still reads of it goes into a fresh one (LedgerSalvage). One thread at a time: the Qt thread
// opens it, then only LedgerWriter's thread writes it.
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

    // Refuses only a file it cannot open or write (the error says why); a damaged one is
    // salvaged, and warning then says what was kept and what was lost.
    bool open(const QString& path, QString* error, QString* warning = nullptr);
    bool isOpen() const { return m_db != nullptr; }
    bool add(const Row& row);
    void remove(const QByteArray& key20, quint64 id);
    // Changes between begin() and commit() are one transaction: one write for many rows. A
    // commit that fails is rolled back (error: why it failed).
    bool begin();
    bool commit(QString* error = nullptr);
    bool inTransaction() const;
    // Every row still to keep at nowUs; the ended ones are deleted.
    QVector<Row> live(qint64 nowUs);
    QString lastError() const;
    // A row as the gateway wrote it: an authentic envelope, and key, id and end that agree with
    // it. SQLite notices a damaged page, not a changed byte in a row.
    static bool isSound(const Row& row);

private:
    bool exec(const char* sql);
    bool openFile(const QString& path);
    QString damage(); // why the open file is not sound, or empty
    bool readRows(QVector<Row>& rows, int* unsound);
    bool insertAll(const QVector<Row>& rows);
    void close();

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_insert = nullptr;
    sqlite3_stmt* m_delete = nullptr;
    QVector<Row> m_loaded; // read (and checked) at open, for live()
};
