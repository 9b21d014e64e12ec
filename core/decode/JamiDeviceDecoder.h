#pragma once

#include "ValueDecoder.h"

#include <QCoreApplication>

// Jami's device announcement, put under the account's id (presence is a listen on it): a
// msgpack map {dev: the device's id (bin), pk: the device's public key (bin, DER)}.
class JamiDeviceDecoder : public ValueDecoder
{
    Q_DECLARE_TR_FUNCTIONS(JamiDeviceDecoder)
public:
    QString id() const override { return QStringLiteral("jami-device"); }
    QString name() const override { return tr("Jami device announcement"); }
    int match(const DhtValue& value) const override;
    DecodeResult decode(const DhtValue& value) const override;
};
