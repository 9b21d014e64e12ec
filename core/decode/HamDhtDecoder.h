#pragma once

#include "HamDhtSchema.h"
#include "MsgpackTree.h"
#include "ValueDecoder.h"

#include <QCoreApplication>

// Ham-DHT's reflector state (urfd, mrefd): signed values with ids 1 to 4 (config, peers,
// clients, users), positional msgpack arrays whose user type names the part and its version.
// Positions are named where the schema is known (HamDhtSchema), else labelled by number.
class HamDhtDecoder : public ValueDecoder
{
    Q_DECLARE_TR_FUNCTIONS(HamDhtDecoder)
public:
    QString id() const override { return QStringLiteral("ham-dht"); }
    QString name() const override { return tr("Ham-DHT reflector part"); }
    int match(const DhtValue& value) const override;
    DecodeResult decode(const DhtValue& value) const override;

private:
    static DecodeNode field(MsgpackTree& tree, const HamDhtField& field, const MsgpackItem& item);
    static void positions(MsgpackTree& tree, DecodeNode& parent, const QList<HamDhtField>& fields,
                          const MsgpackItem& array);
};
