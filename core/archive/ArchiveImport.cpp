#include "ArchiveImport.h"

#include <QTimer>

ArchiveImport::ArchiveImport(GatewayBackend* backend, const DhtKey& key, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_key(key)
{
    // Its calls go with it, and their finished() never comes: the import ends here instead.
    if (backend)
        connect(backend, &QObject::destroyed, this, [this] {
            if (m_put || !m_finished)
                m_refusals.append({0, Reason::Gateway, tr("the gateway changed: the import stopped")});
            m_cancelled = true;
            finish();
        });
}

ArchiveImport::~ArchiveImport()
{
    if (m_put) {
        m_put->disconnect(this);
        m_put->cancel();
        m_put->deleteLater();
    }
}

bool ArchiveImport::start(const QString& path, QString* error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        *error = m_file.errorString();
        return false;
    }
    m_reader = std::make_unique<ArchiveReader>(&m_file);
    QTimer::singleShot(0, this, &ArchiveImport::step); // finished() never comes inside start()
    return true;
}

void ArchiveImport::cancel()
{
    m_cancelled = true; // the put under way ends, then nothing more is read
}

qint64 ArchiveImport::bytesRead() const
{
    return m_file.isOpen() ? m_file.pos() : 0;
}

qint64 ArchiveImport::bytesTotal() const
{
    return m_file.size();
}

// Reads records until one is to be put (its answer calls step() again) or the file ends.
void ArchiveImport::step()
{
    for (int i = 0; i < recordsPerTurn; ++i) {
        if (m_cancelled || !m_reader->hasNext()) {
            m_fileError = m_reader->headerError();
            finish();
            return;
        }
        const ArchiveReader::Entry entry = m_reader->next();
        if (entry.status == ArchiveReader::Entry::Status::Ok) {
            putEntry(entry);
            return;
        }
        const Reason reason = entry.status == ArchiveReader::Entry::Status::TooLong   ? Reason::TooLong
                              : entry.status == ArchiveReader::Entry::Status::Expired ? Reason::Expired
                                                                                      : Reason::BadLine;
        m_refusals.append({entry.line, reason, entry.reason});
    }
    emit progress(bytesRead(), bytesTotal(), m_stored);
    QTimer::singleShot(0, this, &ArchiveImport::step);
}

void ArchiveImport::putEntry(const ArchiveReader::Entry& entry)
{
    if (!m_backend) {
        m_refusals.append({entry.line, Reason::Gateway, tr("no gateway any more")});
        m_cancelled = true;
        finish();
        return;
    }
    if (!entry.keyInput.isEmpty() &&
        (entry.keyInput != m_key.input() || entry.keyMode != DhtKey::modeName(m_key.mode())))
        ++m_fromOtherKeys;
    if (entry.value.removable())
        ++m_withoutSecret;
    const int ttl = entry.value.ttlLeft > 0 ? entry.value.ttlLeft : defaultTtlSeconds;
    if (entry.value.ttlLeft <= 0)
        ++m_withDefaultTtl;
    // Without the secret: the file holds only its hash, which cannot be put again.
    GatewayCall* call = m_backend->putValue(m_key, entry.value.data, ttl, {});
    m_put = call;
    const int line = entry.line;
    connect(call, &GatewayCall::finished, this, [this, call, line] { onPutFinished(call, line); });
}

void ArchiveImport::onPutFinished(GatewayCall* call, int line)
{
    m_put = nullptr;
    call->deleteLater();
    if (call->ok())
        ++m_stored;
    else
        m_refusals.append({line, Reason::Gateway, call->error().message});
    emit progress(bytesRead(), bytesTotal(), m_stored);
    step();
}

void ArchiveImport::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_file.close();
    emit finished();
}
