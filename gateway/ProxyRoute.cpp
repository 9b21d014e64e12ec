#include "ProxyRoute.h"

#include <QCryptographicHash>

namespace {

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

ProxyRoute keyRoute(QByteArrayView method, QByteArrayView segment, QByteArrayView rest, bool legacy)
{
    using K = ProxyRoute::Kind;
    ProxyRoute r;
    r.key20 = ProxyRoute::keyOf(segment);
    r.legacy = legacy;
    if (method == "SUBSCRIBE" || method == "UNSUBSCRIBE")
        r.kind = rest.isEmpty() ? K::Push : K::NotImplemented;
    else if (rest.isEmpty())
        r.kind = method == "GET"       ? K::Get
                 : method == "POST"    ? K::Put
                 : method == "OPTIONS" ? K::Options
                                       : K::NotImplemented;
    else if (method == "GET" && rest == "listen" && !legacy)
        r.kind = K::Listen;
    else if (method == "GET" && rest == "options" && !legacy)
        r.kind = K::Options;
    else
        r.kind = K::NotImplemented;
    return r;
}

} // namespace

bool ProxyRoute::startsWithHash(QByteArrayView segment)
{
    if (segment.size() < 40)
        return false;
    for (qsizetype i = 0; i < 40; ++i) {
        if (!isHex(segment[i]))
            return false;
    }
    return true;
}

QByteArray ProxyRoute::keyOf(QByteArrayView segment)
{
    if (startsWithHash(segment))
        return QByteArray::fromHex(segment.first(40).toByteArray());
    return QCryptographicHash::hash(segment, QCryptographicHash::Sha1);
}

ProxyRoute ProxyRoute::parse(QByteArrayView method, QByteArrayView target)
{
    using K = Kind;
    // Query strings are ignored and one trailing slash is accepted, as the proxy does.
    const qsizetype query = target.indexOf('?');
    QByteArrayView path = query >= 0 ? target.first(query) : target;
    if (path.size() > 1 && path.endsWith('/'))
        path.chop(1);
    if (!path.startsWith('/'))
        return {};
    const QByteArrayView inner = path.sliced(1);
    const qsizetype slash = inner.indexOf('/');
    const QByteArrayView first = slash < 0 ? inner : inner.first(slash);
    const QByteArrayView after = slash < 0 ? QByteArrayView() : inner.sliced(slash + 1);
    if (first == "key" && slash >= 0) {
        const qsizetype next = after.indexOf('/');
        const QByteArrayView key = next < 0 ? after : after.first(next);
        const QByteArrayView rest = next < 0 ? QByteArrayView() : after.sliced(next + 1);
        if (key.isEmpty())
            return ProxyRoute{K::NotImplemented, {}, false, {}};
        return keyRoute(method, key, rest, false);
    }
    if (first == "node" && slash >= 0) {
        if (method == "GET" && after == "info")
            return ProxyRoute{K::NodeInfo, {}, false, {}};
        if (method == "GET" && after == "stats")
            return ProxyRoute{K::NodeStats, {}, false, {}};
        return ProxyRoute{K::NotImplemented, {}, false, {}};
    }
    // "keys" is no 40-hex segment: the legacy /{key} form below never meets it.
    if (inner == "keys" && method == "GET")
        return ProxyRoute{
            K::Keys, {}, false, query >= 0 ? target.sliced(query + 1).toByteArray() : QByteArray()};
    // The legacy /{key} form only where it cannot be a classic client's path: a 40-hex segment.
    if (slash < 0 && startsWithHash(first))
        return keyRoute(method, first, {}, true);
    return {};
}
