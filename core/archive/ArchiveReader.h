#pragma once

#include "ValueArchive.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QStringList>

#include <functional>

// Reads a file ValueArchive wrote (either format, told by its first byte), one entry at a time,
// so that a large file never sits whole in memory. Every record becomes an entry: a value to put
// with the TTL it has left now, or the reason it cannot be (a line that does not parse, a value
// longer than a classic gateway takes, a TTL already over).
class ArchiveReader
{
    Q_DECLARE_TR_FUNCTIONS(ArchiveReader)
public:
    // Longer records are refused without being held (a value of 1024 bytes takes about 1.6 KiB).
    static constexpr int maxRecordBytes = 16 * 1024;

    struct Entry
    {
        enum class Status
        {
            Ok,
            BadLine,
            TooLong, // the value is over DhtLimits::maxValueBytes
            Expired  // its end time has passed
        };
        Status status = Status::Ok;
        int line = 0;     // where the record starts, from 1
        QString reason;   // why it is refused, in words
        DhtValue value;   // ttlLeft: seconds left now; -1 when the file does not say; id, type
                          // and meta as the DHT gave them, where the file says
        QDateTime endsAt; // invalid when the file does not say
        QString keyInput; // the key the value was under, as written (may be empty)
        QString keyMode;
    };

    explicit ArchiveReader(QIODevice* device, std::function<QDateTime()> now = {});

    ValueArchive::Format format() const { return m_format; }
    // False once every record was read (or the CSV header is missing: see headerError()).
    bool hasNext();
    Entry next();
    QString headerError() const { return m_headerError; }

    // The fields of one CSV record; false (with *error) when its quoting is broken.
    static bool splitCsv(const QByteArray& record, QStringList* fields, QString* error);
    // Turns fields into an entry (line and status filled in).
    static Entry parse(const ValueArchive::Fields& fields, const QDateTime& now);

private:
    // The next non-blank physical line (or, for CSV, a record spanning quoted newlines) into
    // *record; false at the end. *tooLong when it was over maxRecordBytes (then skipped whole).
    bool readRecord(QByteArray* record, bool* tooLong);
    QByteArray readLine(bool* tooLong);
    void readHeader();
    Entry entryFrom(const QByteArray& record);
    static bool parseDhtFields(const ValueArchive::Fields& fields, DhtValue* value, QString* error);

    QIODevice* m_device;
    std::function<QDateTime()> m_now;
    ValueArchive::Format m_format = ValueArchive::Format::JsonLines;
    QStringList m_columns; // CSV: the header's names
    QString m_headerError;
    int m_line = 0;       // physical lines read so far
    int m_recordLine = 0; // where the current record started
    bool m_started = false;
};
