#include "ValueFields.h"

#include "ValueFormat.h"

#include "core/dht/DhtValueType.h"

namespace {

QString latin1(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes);
}

} // namespace

QList<ValueFields::Field> ValueFields::of(const DhtValue& v)
{
    const DhtValueMeta empty;
    const DhtValueMeta& meta = v.meta ? *v.meta : empty;
    const auto text = [](const QByteArray& bytes, const QString& none) {
        return bytes.isEmpty() ? none : QString::fromUtf8(bytes);
    };
    // An encrypted value's type, user type, signature and owner travel inside its ciphertext.
    const bool sealed = v.isEncrypted();
    const QString inside = tr("unknown (inside the ciphertext)");
    QList<Field> out;
    const auto add = [&out](const QString& name, const QString& label, const QString& value,
                            const QString& full = {}) {
        out.append(Field{name, label, value, full.isEmpty() ? value : full});
    };
    add(QStringLiteral("id"), tr("Id"), v.hasId ? QString::number(v.id) : tr("not told by this gateway"));
    add(QStringLiteral("type"), tr("Type"),
        sealed    ? inside
        : v.hasId ? type(v.type)
                  : tr("not told by this gateway"));
    add(QStringLiteral("userType"), tr("User type"), sealed ? inside : text(meta.userType, tr("none")));
    add(QStringLiteral("size"), tr("Size"),
        sealed ? tr("%1 of ciphertext").arg(ValueFormat::byteCount(meta.cypher.size()))
               : ValueFormat::byteCount(v.data.size()));
    add(QStringLiteral("ttl"), tr("TTL"), ttl(v));
    add(QStringLiteral("removable"), tr("Removable"),
        v.removable() ? tr("yes (put with a secret)") : tr("no (no secret hash)"));
    if (v.removable())
        add(QStringLiteral("secretHash"), tr("Secret hash"), latin1(v.secretHash.toHex()));
    add(QStringLiteral("application"), tr("Application"),
        v.application.isEmpty() ? tr("not told") : v.application);
    QString owner = latin1(meta.ownerId);
    if (sealed)
        owner = inside;
    else if (meta.ownerPem.isEmpty())
        owner = v.isSigned() ? tr("not told by this gateway") : tr("none (unsigned)");
    else if (meta.ownerId.isEmpty())
        owner = tr("unknown (the owner is not a PEM public key)");
    add(QStringLiteral("owner"), tr("Owner key id"), owner);
    if (!meta.ownerPem.isEmpty()) {
        const QString firstPemLine = QString::fromUtf8(meta.ownerPem).section(u'\n', 0, 0);
        add(QStringLiteral("ownerPem"), tr("Owner public key"),
            tr("%1 … (%2, copy it whole)").arg(firstPemLine, ValueFormat::byteCount(meta.ownerPem.size())),
            QString::fromUtf8(meta.ownerPem));
    }
    const QString signature = tr("yes (%1 of signature)").arg(ValueFormat::byteCount(meta.signature.size()));
    add(QStringLiteral("seq"), tr("Sequence"),
        sealed         ? inside
        : v.isSigned() ? QString::number(meta.seq)
                       : tr("none (unsigned)"));
    add(QStringLiteral("signed"), tr("Signed"), sealed ? inside : v.isSigned() ? signature : tr("no"));
    add(QStringLiteral("signatureCheckedBy"), tr("Signature checked by"), signatureChecker(v));
    add(QStringLiteral("permanent"), tr("Permanent"), permanence(v));
    add(QStringLiteral("recipient"), tr("Recipient"),
        meta.recipientHex.isEmpty() ? (sealed ? tr("unknown") : tr("none")) : latin1(meta.recipientHex));
    add(QStringLiteral("encrypted"), tr("Encrypted"),
        sealed ? tr("yes (%1 of ciphertext)").arg(ValueFormat::byteCount(meta.cypher.size())) : tr("no"));
    add(QStringLiteral("decrypted"), tr("Decrypted by the gateway"),
        meta.decryptedByGateway() ? tr("yes (encrypted for %1)").arg(latin1(meta.recipientHex)) : tr("no"));
    add(QStringLiteral("priority"), tr("Priority"), sealed ? inside : QString::number(meta.priority));
    return out;
}

QString ValueFields::encryption(const DhtValue& v)
{
    if (!v.meta)
        return {};
    const QString recipient = QString::fromLatin1(v.meta->recipientHex);
    if (v.isEncrypted())
        return recipient.isEmpty() ? tr("encrypted, recipient unknown")
                                   : tr("encrypted for %1").arg(recipient);
    if (v.meta->decryptedByGateway())
        return tr("decrypted by the gateway (encrypted for %1)").arg(recipient);
    return {};
}

QString ValueFields::signatureChecker(const DhtValue& v)
{
    if (v.isEncrypted())
        return tr("nobody yet (the signature is inside the ciphertext)");
    if (!v.isSigned())
        return tr("nothing to check (unsigned)");
    if (v.meta->signatureCheckedBy.isEmpty())
        return tr("not checked");
    return tr("the gateway %1 (it serves no value whose signature fails)").arg(v.meta->signatureCheckedBy);
}

QString ValueFields::permanence(const DhtValue& v)
{
    const auto permanent = v.permanent();
    if (!permanent)
        return tr("unknown (the gateway does not tell)");
    return *permanent ? tr("yes (kept alive in the DHT by whoever put it)")
                      : tr("no (a classic item lives its exact TTL)");
}

QString ValueFields::ttl(const DhtValue& v)
{
    if (v.ttlLeft < 0)
        return tr("not told by this call");
    const QString shown = ValueFormat::ttlText(v.ttlLeft, false);
    // Only a classic item carries its own expiry; for another value the storing node's lifetime
    // of its type is all that is known.
    if (v.classicItem && !v.ttlIsUpperBound)
        return tr("%1 (%2 s, exact)").arg(shown).arg(v.ttlLeft);
    return tr("at most %1 (%2 s)").arg(shown).arg(v.ttlLeft);
}

QString ValueFields::type(quint16 number)
{
    const QString name = DhtValueType::name(number);
    return name.isEmpty() ? tr("%1 (not a type stock nodes know: kept as user data)").arg(number)
                          : DhtValueType::label(number);
}
