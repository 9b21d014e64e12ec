#include "KeyListPolicy.h"

#include <QHostAddress>

std::optional<KeyListPolicy> KeyListPolicy::parse(const QString& word)
{
    if (word == u"off")
        return KeyListPolicy{Who::Nobody};
    if (word == u"local")
        return KeyListPolicy{Who::Local};
    if (word == u"all")
        return KeyListPolicy{Who::Anyone};
    return std::nullopt;
}

bool KeyListPolicy::isLoopback(const QHostAddress& peer)
{
    // Spelled out rather than left to QHostAddress::isLoopback: an IPv4 client reaching a
    // dual-stack socket arrives as ::ffff:127.x.y.z and must count as the IPv4 address it is.
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        return (v4 >> 24) == 127;
    return peer == QHostAddress(QHostAddress::LocalHostIPv6);
}

bool KeyListPolicy::allows(const QHostAddress& peer) const
{
    switch (who) {
    case Who::Nobody:
        return false;
    case Who::Local:
        return isLoopback(peer);
    case Who::Anyone:
        return true;
    }
    return false;
}

QString KeyListPolicy::refusal() const
{
    return who == Who::Nobody
               ? QStringLiteral("This gateway does not list the keys it stores (--list-keys off)")
               : QStringLiteral("This gateway lists the keys it stores only to clients on its own "
                                "machine (--list-keys local)");
}
