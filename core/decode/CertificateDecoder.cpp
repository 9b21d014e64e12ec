#include "CertificateDecoder.h"

#include "DecodeLimits.h"
#include "MsgpackReader.h"

#include "core/dht/DhtValueMeta.h"

#include <QSslCertificateExtension>
#include <QSslKey>

namespace {

constexpr QByteArrayView pemBegin = "-----BEGIN CERTIFICATE-----";

// A type 8 value's payload: libopendht packs the certificate as one msgpack bin (or str).
QByteArray unwrapped(const QByteArray& data)
{
    if (data.isEmpty())
        return {};
    const auto first = uchar(data.front());
    const bool bytesHeader =
        (first >= 0xc4 && first <= 0xc6) || (first >= 0xd9 && first <= 0xdb) || (first & 0xe0) == 0xa0;
    if (!bytesHeader)
        return data;
    const MsgpackReader::Result read = MsgpackReader::read(data);
    return read.item && read.item->isBytes() ? read.item->bytes : data;
}

// "CN=DHT Node, UID=1784…": every attribute Qt read, in its order.
QString names(const QSslCertificate& certificate, bool subject)
{
    QStringList parts;
    const QList<QByteArray> attributes =
        subject ? certificate.subjectInfoAttributes() : certificate.issuerInfoAttributes();
    for (const QByteArray& attribute : attributes) {
        const QStringList values =
            subject ? certificate.subjectInfo(attribute) : certificate.issuerInfo(attribute);
        for (const QString& v : values)
            parts.append(QString::fromLatin1(attribute) + u'=' + v);
    }
    return parts.join(QStringLiteral(", "));
}

QString utc(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QString();
}

} // namespace

QList<QSslCertificate> CertificateDecoder::certificates(const QByteArray& bytes)
{
    const QByteArray payload = unwrapped(bytes);
    if (payload.isEmpty() || payload.size() > DecodeLimits::maxInputBytes)
        return {};
    QList<QSslCertificate> out;
    if (payload.contains(pemBegin)) {
        out = QSslCertificate::fromData(payload, QSsl::Pem);
    } else if (uchar(payload.front()) == 0x30) { // a DER SEQUENCE
        QSslCertificate der(payload, QSsl::Der);
        if (!der.isNull())
            out.append(der);
    }
    out.removeIf([](const QSslCertificate& c) { return c.isNull(); });
    return out.mid(0, DecodeLimits::maxCertificates);
}

QString CertificateDecoder::keyId(const QSslCertificate& certificate)
{
    return QString::fromLatin1(DhtValueMeta::keyIdOfPem(certificate.publicKey().toPem()));
}

int CertificateDecoder::match(const DhtValue& value) const
{
    if (value.data.isEmpty())
        return None;
    const bool announcement = value.hasId && value.type == certificateType;
    const bool pem = value.data.contains(pemBegin);
    if (!announcement && !pem && uchar(value.data.front()) != 0x30)
        return None; // not worth a parse
    if (certificates(value.data).isEmpty())
        return announcement ? Possible : None;
    return announcement || pem ? Certain : Likely;
}

DecodeResult CertificateDecoder::decode(const DhtValue& value) const
{
    const QList<QSslCertificate> chain = certificates(value.data);
    if (chain.isEmpty())
        return DecodeResult::failure(tr("no X.509 certificate that Qt can read"));
    DecodeResult result;
    for (qsizetype i = 0; i < chain.size(); ++i) {
        const QString label =
            chain.size() == 1 ? tr("certificate") : tr("certificate %1 of %2").arg(i + 1).arg(chain.size());
        result.nodes.append(node(chain[i], label));
    }
    const QSslCertificate& first = chain.first();
    const QString who = first.subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "));
    result.summary =
        tr("%1 of %2, key id %3, valid until %4")
            .arg(chain.size() == 1 ? tr("certificate")
                                   : tr("chain of %n certificate(s)", nullptr, int(chain.size())),
                 who.isEmpty() ? tr("(no common name)") : who, keyId(first), utc(first.expiryDate()));
    return result;
}

DecodeNode CertificateDecoder::node(const QSslCertificate& certificate, const QString& label)
{
    DecodeNode out{
        label, certificate.subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", ")), {}};
    out.add(tr("subject"), names(certificate, true));
    out.add(tr("issuer"), names(certificate, false));
    out.add(tr("not before"), utc(certificate.effectiveDate()));
    out.add(tr("not after"), utc(certificate.expiryDate()));
    out.add(tr("serial"), QString::fromLatin1(certificate.serialNumber()));
    out.add(tr("key id"), keyId(certificate));
    const QSslKey key = certificate.publicKey();
    const QString algorithm = key.algorithm() == QSsl::Rsa   ? QStringLiteral("RSA")
                              : key.algorithm() == QSsl::Ec  ? QStringLiteral("EC")
                              : key.algorithm() == QSsl::Dsa ? QStringLiteral("DSA")
                                                             : tr("other");
    out.add(tr("public key"), tr("%1, %2 bits").arg(algorithm).arg(key.length()));
    QString ca = tr("no (no basic constraints)"); // RFC 5280: without them, not a CA
    for (const QSslCertificateExtension& extension : certificate.extensions()) {
        if (extension.name() == QLatin1String("basicConstraints"))
            ca = extension.value().toMap().value(QStringLiteral("ca")).toBool() ? tr("yes") : tr("no");
    }
    out.add(tr("certificate authority"), ca);
    out.add(tr("self-signed"), certificate.isSelfSigned() ? tr("yes") : tr("no"));
    out.add(tr("SHA-256 fingerprint"),
            QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':')));
    return out;
}
