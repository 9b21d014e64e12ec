#pragma once

#include <QString>

class ItemKeeper;

// State directories of the first stored form (gateway 0.1): DIR/values was libopendht's export
// of everything the node stored, classic items as envelopes of magic ODC1 whose DHT creation
// time was back-dated. Migration keeps every item a classic get showed then (removed, expired
// and superseded items stay gone) as an item of this gateway in the current form, and renames
// the file to values.v1, so nothing is read twice and nothing is thrown away.
namespace StateMigration {

struct Result
{
    bool found = false; // there was a file of the first form
    int items = 0;      // items kept in the current form
    int skipped = 0;    // values that were no classic item, or removed, expired or superseded
    QString error;      // the file could not be read or renamed; nothing was migrated
};

Result fromVersion1(const QString& stateDir, ItemKeeper& keeper);

} // namespace StateMigration
