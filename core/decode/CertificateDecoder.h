#pragma once

#include "ValueDecoder.h"

#include <QCoreApplication>
#include <QSslCertificate>

// X.509 certificates: a type 8 value (libopendht's certificate announcement: a msgpack bin
// wrapping a PEM chain), PEM certificates in any value, or one DER certificate. Per
// certificate: subject, issuer, validity, serial, key id (libopendht's: SHA-1 of the public
// key's DER, the DHT key a certificate is announced under), CA or not.
class CertificateDecoder : public ValueDecoder
{
    Q_DECLARE_TR_FUNCTIONS(CertificateDecoder)
public:
    static constexpr quint16 certificateType = 8;

    QString id() const override { return QStringLiteral("certificate"); }
    QString name() const override { return tr("X.509 certificate"); }
    int match(const DhtValue& value) const override;
    DecodeResult decode(const DhtValue& value) const override;

    // The certificates in the bytes (at most DecodeLimits::maxCertificates).
    static QList<QSslCertificate> certificates(const QByteArray& bytes);
    // libopendht's id of the certificate's public key (40 hex), empty when Qt cannot read it.
    static QString keyId(const QSslCertificate& certificate);

private:
    static DecodeNode node(const QSslCertificate& certificate, const QString& label);
};
