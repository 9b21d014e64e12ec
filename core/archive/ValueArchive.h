#pragma once

#include "core/dht/DhtKey.h"
#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>

// The values of a key written to a file and read back, as JSON lines (one object a line) or as
// CSV (a header line, then one record a value, RFC 4180 quoting). Every record carries every
// field a DhtValue has, the data in base64, the absolute end time next to the TTL left, and
// the key it was under:
//   data, ttl_left, ends_at, ttl_upper_bound, secret_hash, application,
//   key_input, key_mode, key_info_hash
// and, for a value the DHT gave an id (other software's, or any value through a proxy), what
// the DHT says of it, by the names of `opendht-cli get --format json`:
//   id (decimal text: 64 bits), type, type_name, classic_item, user_type, signed, owner (the
//   signer's key id), owner_pem, seq, signature (base64), encrypted, cypher_size, cypher
//   (base64), recipient, decrypted_by_gateway, priority
// JSON lines carry them all; CSV all but owner_pem, signature, cypher_size, cypher and
// decrypted_by_gateway (long, or said by another column), empty for a value without an id and
// for what is unknown (null in JSON lines): an encrypted value's type, type name, user type,
// signed and priority travel inside its ciphertext. Both take the fields from DhtValueJson.
// ends_at is ISO 8601 in UTC with milliseconds; it is what an import goes by, so that a value
// comes back with what is left of its TTL, however long the file waited. An import puts the data
// as a classic item: the metadata is read back (ArchiveReader) but a signature cannot be put again.
namespace ValueArchive {

enum class Format
{
    JsonLines,
    Csv
};

// One value as written: its remaining TTL and when that ends (invalid: unknown).
struct Record
{
    DhtValue value;
    QDateTime endsAt;
};

// The CSV header line (with its newline); nothing for JSON lines.
QByteArray header(Format format);
// One record, newline included.
QByteArray record(Format format, const DhtKey& key, const Record& value);
// A CSV field, quoted when it has to be.
QByteArray csvField(const QString& text);

// The fields of one record by name, as text, from a JSON object line or a CSV record.
using Fields = QHash<QString, QString>;

} // namespace ValueArchive
