#pragma once

#include "ValueDecoder.h"

#include <memory>
#include <vector>

// Every decoder, and the choice among them: automatically the one that matches a value best
// (at least ValueDecoder::Likely), or one by its id.
class DecoderRegistry
{
public:
    DecoderRegistry();
    // The built-in decoders; they hold no state, so one registry serves every viewer.
    static const DecoderRegistry& instance();

    QList<const ValueDecoder*> decoders() const;
    const ValueDecoder* byId(const QString& id) const;
    // The best match of at least atLeast; on a tie, the most specific (the earlier in the list).
    const ValueDecoder* best(const DhtValue& value, int atLeast = ValueDecoder::Likely) const;

private:
    std::vector<std::unique_ptr<const ValueDecoder>> m_decoders;
};
