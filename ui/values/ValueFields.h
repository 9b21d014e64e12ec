#pragma once

#include "core/dht/DhtValue.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

// Every field of a value, as lines of plain text for the viewer's details: id, type, user type,
// size, TTL, removable, application, owner, seq, signature and who checked it, permanence,
// recipient, encryption, priority.
// Pure functions, no widgets; the texts are taken from untrusted data and never markup.
class ValueFields
{
    Q_DECLARE_TR_FUNCTIONS(ValueFields)
public:
    struct Field
    {
        QString name;  // stable, for tests and the copy action: "id", "owner", ...
        QString label; // translated
        QString value; // one line
        QString full;  // what "copy" copies (the whole PEM of the owner key); else the value
    };

    static QList<Field> of(const DhtValue& value);
    // "encrypted for <id>", "encrypted, recipient unknown", "decrypted by the gateway (encrypted
    // for <id>)", or empty for a value that never was encrypted (as far as the gateway says).
    static QString encryption(const DhtValue& value);

    // Who checked the signature: "the gateway <url> ...", "not checked", or why there is none.
    static QString signatureChecker(const DhtValue& value);
    // "yes ...", "no ..." or "unknown ..." (see DhtValue::permanent).
    static QString permanence(const DhtValue& value);

private:
    static QString ttl(const DhtValue& value);
    static QString type(quint16 type);
};
