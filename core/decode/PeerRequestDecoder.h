#pragma once

#include "ValueDecoder.h"

#include <QCoreApplication>

// Jami's (dhtnet's) peer connection request, encrypted and put under SHA-1("peer:" + device
// id): a msgpack map {id, ice_msg (the ICE offer or answer, text), isAnswer, connType}.
class PeerRequestDecoder : public ValueDecoder
{
    Q_DECLARE_TR_FUNCTIONS(PeerRequestDecoder)
public:
    QString id() const override { return QStringLiteral("jami-peer-request"); }
    QString name() const override { return tr("Jami peer connection request"); }
    int match(const DhtValue& value) const override;
    DecodeResult decode(const DhtValue& value) const override;
};
