#pragma once

#include "ValueDecoder.h"

#include <QCoreApplication>

// Any msgpack value as a readable tree: maps, arrays, nesting, strings as text, binary as hex.
// Chosen automatically for a whole msgpack map or array (other software's structured values);
// a lone scalar is offered only by hand, as most short byte strings parse as one.
class MsgpackDecoder : public ValueDecoder
{
    Q_DECLARE_TR_FUNCTIONS(MsgpackDecoder)
public:
    QString id() const override { return QStringLiteral("msgpack"); }
    QString name() const override { return tr("msgpack"); }
    int match(const DhtValue& value) const override;
    DecodeResult decode(const DhtValue& value) const override;
};
