#pragma once

#include "ArchiveReader.h"

#include "core/backend/GatewayBackend.h"

#include <QFile>
#include <QObject>
#include <QPointer>

#include <memory>

// Puts the values of an archive file under one key, one put at a time, each with what is left
// of its TTL. Records that cannot be put are counted with their line and reason, and so are
// puts the gateway refused; the import goes on past them. cancel() stops after the put under
// way; finished() follows every start() that returned true, once.
class ArchiveImport : public QObject
{
    Q_OBJECT
public:
    enum class Reason
    {
        BadLine,
        TooLong,
        Expired,
        Gateway
    };
    struct Refusal
    {
        int line = 0;
        Reason reason = Reason::BadLine;
        QString text;
    };
    // A value whose file gives no TTL at all is put for this long (opendht-cli's default).
    static constexpr int defaultTtlSeconds = 3600;
    // Records read per turn of the event loop while none of them is put (a file of bad lines).
    static constexpr int recordsPerTurn = 200;

    ArchiveImport(GatewayBackend* backend, const DhtKey& key, QObject* parent = nullptr);
    ~ArchiveImport() override;

    // Opens the file and starts; false (with *error) when it cannot be read.
    bool start(const QString& path, QString* error);
    void cancel();

    bool isFinished() const { return m_finished; }
    bool wasCancelled() const { return m_cancelled; }
    int stored() const { return m_stored; }
    const QList<Refusal>& refusals() const { return m_refusals; }
    // Values under another key in the file (they are put under this one all the same).
    int fromOtherKeys() const { return m_fromOtherKeys; }
    // Values that had a secret: put without one (a file holds only the secret's hash).
    int withoutSecret() const { return m_withoutSecret; }
    // Values whose file said nothing of their TTL: put for defaultTtlSeconds.
    int withDefaultTtl() const { return m_withDefaultTtl; }
    // The file's error when it is not an archive at all (then nothing was read).
    QString fileError() const { return m_fileError; }
    qint64 bytesRead() const;
    qint64 bytesTotal() const;

signals:
    void progress(qint64 bytesRead, qint64 bytesTotal, int stored);
    void finished();

private:
    void step();
    void putEntry(const ArchiveReader::Entry& entry);
    void onPutFinished(GatewayCall* call, int line);
    void finish();

    QPointer<GatewayBackend> m_backend;
    DhtKey m_key;
    QFile m_file;
    std::unique_ptr<ArchiveReader> m_reader;
    QPointer<GatewayCall> m_put;
    QList<Refusal> m_refusals;
    QString m_fileError;
    int m_stored = 0;
    int m_fromOtherKeys = 0;
    int m_withoutSecret = 0;
    int m_withDefaultTtl = 0;
    bool m_cancelled = false;
    bool m_finished = false;
};
