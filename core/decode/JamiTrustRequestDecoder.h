#pragma once

#include "ValueDecoder.h"

#include <QCoreApplication>

// Jami's trust request (a contact invitation), type 4, encrypted to a device and put under
// SHA-1("inbox:" + device id): a msgpack map {service: "cx.ring", conversationId, payload (the
// sender's vCard), confirm, invitedMs}. Readable here once the gateway decrypted it.
class JamiTrustRequestDecoder : public ValueDecoder
{
    Q_DECLARE_TR_FUNCTIONS(JamiTrustRequestDecoder)
public:
    QString id() const override { return QStringLiteral("jami-trust-request"); }
    QString name() const override { return tr("Jami trust request"); }
    int match(const DhtValue& value) const override;
    DecodeResult decode(const DhtValue& value) const override;
};
