#include "DecoderRegistry.h"

#include "CertificateDecoder.h"
#include "HamDhtDecoder.h"
#include "JamiDeviceDecoder.h"
#include "JamiTrustRequestDecoder.h"
#include "MsgpackDecoder.h"
#include "PeerRequestDecoder.h"

DecoderRegistry::DecoderRegistry()
{
    // The most specific first: on equal matches the earlier wins, and msgpack reads them all.
    m_decoders.push_back(std::make_unique<CertificateDecoder>());
    m_decoders.push_back(std::make_unique<JamiDeviceDecoder>());
    m_decoders.push_back(std::make_unique<JamiTrustRequestDecoder>());
    m_decoders.push_back(std::make_unique<PeerRequestDecoder>());
    m_decoders.push_back(std::make_unique<HamDhtDecoder>());
    m_decoders.push_back(std::make_unique<MsgpackDecoder>());
}

const DecoderRegistry& DecoderRegistry::instance()
{
    static const DecoderRegistry registry;
    return registry;
}

QList<const ValueDecoder*> DecoderRegistry::decoders() const
{
    QList<const ValueDecoder*> out;
    for (const auto& decoder : m_decoders)
        out.append(decoder.get());
    return out;
}

const ValueDecoder* DecoderRegistry::byId(const QString& id) const
{
    for (const auto& decoder : m_decoders) {
        if (decoder->id() == id)
            return decoder.get();
    }
    return nullptr;
}

const ValueDecoder* DecoderRegistry::best(const DhtValue& value, int atLeast) const
{
    const ValueDecoder* chosen = nullptr;
    int score = atLeast - 1;
    for (const auto& decoder : m_decoders) {
        const int match = decoder->match(value);
        if (match > score) {
            score = match;
            chosen = decoder.get();
        }
    }
    return chosen;
}
