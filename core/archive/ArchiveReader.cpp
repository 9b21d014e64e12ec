#include "ArchiveReader.h"

#include "core/stored/ClassicItem.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <optional>

using Entry = ArchiveReader::Entry;

namespace {

Entry refused(Entry::Status status, const QString& reason)
{
    Entry entry;
    entry.status = status;
    entry.reason = reason;
    return entry;
}

// JSON values as the text a CSV field would hold, so that one parse() serves both formats.
ValueArchive::Fields fieldsOf(const QJsonObject& object)
{
    static const QStringList numeric{QStringLiteral("ttl_left"), QStringLiteral("type"),
                                     QStringLiteral("seq"), QStringLiteral("priority"),
                                     QStringLiteral("cypher_size")};
    ValueArchive::Fields fields;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isString())
            fields.insert(it.key(), v.toString());
        else if (v.isBool())
            fields.insert(it.key(), v.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        else if (v.isDouble() && numeric.contains(it.key())) // numbers are for counts only
            fields.insert(it.key(), QString::number(v.toDouble(), 'f', 0));
        else if (!v.isNull())
            fields.insert(it.key(), QStringLiteral("\x01")); // an array or object: never valid
    }
    return fields;
}

// Base64 of a field (empty when absent), or nothing when it is not base64.
std::optional<QByteArray> base64Field(const ValueArchive::Fields& fields, const QString& name)
{
    const auto decoded = QByteArray::fromBase64Encoding(fields.value(name).toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? std::optional<QByteArray>(*decoded) : std::nullopt;
}

} // namespace

// What the DHT said of a value of other software (ValueArchive's id, type, owner... fields):
// false (with *error) when a field is there but not what it names.
bool ArchiveReader::parseDhtFields(const ValueArchive::Fields& fields, DhtValue* value, QString* error)
{
    const QString id = fields.value(QStringLiteral("id"));
    if (id.isEmpty())
        return true; // a value no DHT id came with (a classic gateway's): no metadata either
    bool ok = false;
    value->id = id.toULongLong(&ok);
    if (!ok) {
        *error = tr("the id is not a 64-bit number");
        return false;
    }
    value->hasId = true;
    // No type (null in JSON, empty in CSV): an encrypted value's, unknown; 0 as libopendht has it.
    const QString typeText = fields.value(QStringLiteral("type"));
    const uint type = typeText.isEmpty() ? 0 : typeText.toUInt(&ok);
    if (!ok || type > 0xFFFF) {
        *error = tr("the type is not a number from 0 to %1").arg(0xFFFF);
        return false;
    }
    value->type = quint16(type);
    value->classicItem = fields.value(QStringLiteral("classic_item")) == QLatin1String("true");

    DhtValueMeta meta;
    const auto signature = base64Field(fields, QStringLiteral("signature"));
    const auto cypher = base64Field(fields, QStringLiteral("cypher"));
    if (!signature || !cypher) {
        *error = tr("the signature or the cypher is not base64");
        return false;
    }
    meta.signature = *signature;
    meta.cypher = *cypher;
    meta.userType = fields.value(QStringLiteral("user_type")).toUtf8();
    meta.ownerId = fields.value(QStringLiteral("owner")).toLatin1();
    meta.ownerPem = fields.value(QStringLiteral("owner_pem")).toUtf8();
    meta.recipientHex = fields.value(QStringLiteral("recipient")).toLatin1();
    const QString seq = fields.value(QStringLiteral("seq"));
    const QString priority = fields.value(QStringLiteral("priority"));
    bool seqOk = true, priorityOk = true;
    meta.seq = seq.isEmpty() ? 0 : seq.toInt(&seqOk);
    meta.priority = priority.isEmpty() ? 0 : priority.toUInt(&priorityOk);
    if (!seqOk || !priorityOk) {
        *error = tr("the seq or the priority is not a number");
        return false;
    }
    if (meta.bytes() > 0 || meta.seq || meta.priority)
        value->meta = std::make_shared<const DhtValueMeta>(std::move(meta));
    return true;
}

ArchiveReader::ArchiveReader(QIODevice* device, std::function<QDateTime()> now)
    : m_device(device)
    , m_now(now ? std::move(now) : [] { return QDateTime::currentDateTimeUtc(); })
{
}

bool ArchiveReader::hasNext()
{
    if (!m_started)
        readHeader();
    if (!m_headerError.isEmpty())
        return false;
    // Blank lines between records are no records.
    while (!m_device->atEnd()) {
        const QByteArray peek = m_device->peek(256);
        const qsizetype newline = peek.indexOf('\n');
        const QByteArray first = newline < 0 ? peek : peek.left(newline);
        if (!first.trimmed().isEmpty() || (newline < 0 && peek.size() == 256))
            return true;
        if (newline < 0) { // only blanks up to the end
            m_device->readAll();
            return false;
        }
        m_device->read(newline + 1);
        ++m_line;
    }
    return false;
}

void ArchiveReader::readHeader()
{
    m_started = true;
    const QByteArray start = m_device->peek(256).trimmed();
    m_format = start.startsWith('{') || start.isEmpty() ? ValueArchive::Format::JsonLines
                                                        : ValueArchive::Format::Csv;
    if (m_format == ValueArchive::Format::JsonLines)
        return;
    QByteArray line;
    bool tooLong = false;
    QString error;
    if (!readRecord(&line, &tooLong) || tooLong || !splitCsv(line, &m_columns, &error) ||
        !m_columns.contains(QStringLiteral("data")))
        m_headerError =
            tr("The file is neither JSON lines nor CSV with a header line naming a \"data\" column.");
}

QByteArray ArchiveReader::readLine(bool* tooLong)
{
    QByteArray line = m_device->readLine(maxRecordBytes + 2);
    ++m_line;
    if (!line.endsWith('\n') && !m_device->atEnd()) {
        *tooLong = true;
        // Skips the rest of it a chunk at a time: a line of a gigabyte is never held.
        while (!m_device->atEnd() && !m_device->readLine(maxRecordBytes).endsWith('\n')) {
        }
        return {};
    }
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.size() > maxRecordBytes) {
        *tooLong = true;
        return {};
    }
    return line;
}

bool ArchiveReader::readRecord(QByteArray* record, bool* tooLong)
{
    record->clear();
    *tooLong = false;
    if (m_device->atEnd())
        return false;
    m_recordLine = m_line + 1;
    *record = readLine(tooLong);
    if (*tooLong || m_format == ValueArchive::Format::JsonLines)
        return true;
    // A CSV record goes on past a newline inside quotes (an application name may have one).
    while (record->count('"') % 2 == 1 && !m_device->atEnd()) {
        const QByteArray more = readLine(tooLong);
        if (*tooLong || record->size() + more.size() > maxRecordBytes) {
            *tooLong = true;
            record->clear();
            return true;
        }
        *record += "\n" + more;
    }
    return true;
}

Entry ArchiveReader::next()
{
    QByteArray record;
    bool tooLong = false;
    if (!readRecord(&record, &tooLong))
        return refused(Entry::Status::BadLine, tr("no more records"));
    Entry entry = tooLong ? refused(Entry::Status::BadLine,
                                    tr("longer than %n bytes: not a value's record", nullptr, maxRecordBytes))
                          : entryFrom(record);
    entry.line = m_recordLine;
    return entry;
}

Entry ArchiveReader::entryFrom(const QByteArray& record)
{
    if (m_format == ValueArchive::Format::JsonLines) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(record, &error);
        if (!document.isObject())
            return refused(Entry::Status::BadLine, error.error == QJsonParseError::NoError
                                                       ? tr("not a JSON object")
                                                       : tr("not JSON: %1").arg(error.errorString()));
        return parse(fieldsOf(document.object()), m_now());
    }
    QStringList values;
    QString error;
    if (!splitCsv(record, &values, &error))
        return refused(Entry::Status::BadLine, error);
    if (values.size() != m_columns.size())
        return refused(
            Entry::Status::BadLine,
            tr("%n fields where the header names %1", nullptr, int(values.size())).arg(m_columns.size()));
    ValueArchive::Fields fields;
    for (int i = 0; i < values.size(); ++i)
        fields.insert(m_columns[i], values[i]);
    return parse(fields, m_now());
}

bool ArchiveReader::splitCsv(const QByteArray& record, QStringList* fields, QString* error)
{
    fields->clear();
    const QString text = QString::fromUtf8(record);
    QString field;
    bool quoted = false;    // inside quotes
    bool wasQuoted = false; // this field was quoted (and its quotes closed)
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c != u'"') {
                field += c;
            } else if (i + 1 < text.size() && text[i + 1] == u'"') {
                field += c;
                ++i;
            } else {
                quoted = false;
                wasQuoted = true;
            }
        } else if (c == u',') {
            *fields << std::exchange(field, {});
            wasQuoted = false;
        } else if (wasQuoted) {
            *error = tr("text after a closing quote");
            return false;
        } else if (c == u'"') {
            if (!field.isEmpty()) {
                *error = tr("a quote inside a field that is not quoted");
                return false;
            }
            quoted = true;
        } else {
            field += c;
        }
    }
    if (quoted) {
        *error = tr("a quote that is never closed");
        return false;
    }
    *fields << field;
    return true;
}

Entry ArchiveReader::parse(const ValueArchive::Fields& fields, const QDateTime& now)
{
    if (!fields.contains(QStringLiteral("data")))
        return refused(Entry::Status::BadLine, tr("no data field"));
    const auto decoded = QByteArray::fromBase64Encoding(fields.value(QStringLiteral("data")).toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return refused(Entry::Status::BadLine, tr("the data is not base64"));
    Entry entry;
    entry.value.data = *decoded;
    entry.value.application = fields.value(QStringLiteral("application"));
    entry.value.ttlIsUpperBound = fields.value(QStringLiteral("ttl_upper_bound")) == QLatin1String("true");
    if (QString error; !parseDhtFields(fields, &entry.value, &error))
        return refused(Entry::Status::BadLine, error);
    entry.keyInput = fields.value(QStringLiteral("key_input"));
    entry.keyMode = fields.value(QStringLiteral("key_mode"));
    const QString secret = fields.value(QStringLiteral("secret_hash"));
    entry.value.secretHash = QByteArray::fromHex(secret.toLatin1());
    if (!secret.isEmpty() && (secret.size() != 2 * DhtLimits::hashBytes ||
                              entry.value.secretHash.toHex() != secret.toLower().toLatin1()))
        return refused(Entry::Status::BadLine,
                       tr("the secret hash is not %1 hex digits").arg(2 * DhtLimits::hashBytes));

    const QString end = fields.value(QStringLiteral("ends_at"));
    const QString left = fields.value(QStringLiteral("ttl_left"));
    bool leftOk = true;
    const qint64 ttlLeft = left.isEmpty() ? -1 : left.toLongLong(&leftOk);
    if (!leftOk)
        return refused(Entry::Status::BadLine, tr("the TTL left is not a number"));
    if (!end.isEmpty()) {
        entry.endsAt = QDateTime::fromString(end, Qt::ISODateWithMs);
        if (!entry.endsAt.isValid())
            return refused(Entry::Status::BadLine, tr("the end time is not an ISO 8601 date"));
        // To the nearest second: the value ends within half a second of when it did.
        const double seconds = double(now.msecsTo(entry.endsAt)) / 1000.0;
        entry.value.ttlLeft = int(std::clamp<double>(std::round(seconds), 0, DhtLimits::maxTtlSeconds));
    } else {
        entry.value.ttlLeft = int(std::clamp<qint64>(ttlLeft, -1, DhtLimits::maxTtlSeconds));
    }
    if (entry.value.data.size() > DhtLimits::maxValueBytes) {
        entry.status = Entry::Status::TooLong;
        entry.reason =
            tr("%n byte(s), over the %1 bytes a classic gateway takes", nullptr, int(entry.value.data.size()))
                .arg(DhtLimits::maxValueBytes);
    } else if (entry.value.ttlLeft == 0) {
        entry.status = Entry::Status::Expired;
        entry.reason = entry.endsAt.isValid()
                           ? tr("its TTL ended at %1").arg(entry.endsAt.toLocalTime().toString(Qt::ISODate))
                           : tr("its TTL is over");
    }
    return entry;
}
