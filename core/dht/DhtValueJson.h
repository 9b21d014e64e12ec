#pragma once

#include "DhtValue.h"

#include <QJsonObject>

// What the DHT says of a value (permanence, id, type, user type, owner, seq, signature and who
// checked it, cypher, recipient, priority) as JSON fields: the one place that names and writes
// them, for `opendht-cli get --format json` (app/cli/ValuePrinter) and the archive's JSON lines
// and CSV columns (core/archive/ValueArchive), so that a file and the CLI never disagree.
namespace DhtValueJson {

// Inserts the fields into o: "permanent" always (null: unknown), the rest only for a value with
// a DHT id. An encrypted value's type, type name, user type, signed and priority travel inside
// its ciphertext: null, never a made-up type 0 or "unsigned". The id is decimal text (a JSON
// number, a double, loses 64-bit ids).
void insertFields(QJsonObject& o, const DhtValue& value);

} // namespace DhtValueJson
