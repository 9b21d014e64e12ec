#pragma once

#include <QByteArray>
#include <QString>

// What a DHT value carries besides its id, type and data (values of other software: signed,
// encrypted, with a user type or a priority), as a proxy's JSON or libopendht shows it. Kept
// apart and shared, so that the common plain value costs one null pointer.
struct DhtValueMeta
{
    QByteArray cypher;       // an encrypted value the gateway could not read: nothing else is readable
    QByteArray signature;    // a signed value: its signature,
    QByteArray ownerPem;     // its signer's public key (PEM),
    QByteArray ownerId;      // that key's id (40 hex, see keyIdOfPem),
    qint32 seq = 0;          // and its sequence number (a higher one replaces a value of the same id)
    QByteArray recipientHex; // "to": the id (40 hex) of the identity it was encrypted for
    QByteArray userType;
    quint32 priority = 0;
    // Who verified the signature before this program got the value: the gateway that served it
    // (a proxy, stock or ours, drops a value whose signature fails). Empty: nobody we know of
    // (an encrypted value, whose signature is inside; a value read back from a file).
    QString signatureCheckedBy;
    bool permanent = false; // the gateway said it keeps the value alive (stock proxies never say)

    bool isEncrypted() const { return !cypher.isEmpty(); }
    bool isSigned() const { return !signature.isEmpty(); }
    // Served as data with a recipient: the gateway holds the recipient's identity and decrypted
    // it; the HTTP client is not otherwise told that the value travelled encrypted.
    bool decryptedByGateway() const { return !isEncrypted() && !recipientHex.isEmpty(); }
    qint64 bytes() const
    {
        return cypher.size() + signature.size() + ownerPem.size() + ownerId.size() + recipientHex.size() +
               userType.size() + signatureCheckedBy.size() * 2;
    }

    // libopendht's PublicKey::getId(): SHA-1 of the key's DER (SubjectPublicKeyInfo), as 40 hex;
    // empty when the text is not a PEM public key.
    static QByteArray keyIdOfPem(const QByteArray& pem);
};
