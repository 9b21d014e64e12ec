#include "DhtNetwork.h"

#include <QCoreApplication>
#include <QHostAddress>

QString BootstrapAddress::text() const
{
    if (host.contains(u':'))
        return u'[' + host + QStringLiteral("]:") + port;
    return host + u':' + port;
}

std::optional<BootstrapAddress> BootstrapAddress::parse(const QString& text, QString* error)
{
    const QString t = text.trimmed();
    BootstrapAddress a{t, QString::number(defaultPort)};
    if (t.startsWith(u'[')) {
        const qsizetype close = t.indexOf(u']');
        const QString rest = close < 0 ? QString() : t.mid(close + 1);
        if (close < 0 || (!rest.isEmpty() && !rest.startsWith(u':'))) {
            *error = QCoreApplication::translate("BootstrapAddress",
                                                 "\"%1\": write an IPv6 address as [address]:port")
                         .arg(text);
            return std::nullopt;
        }
        a.host = t.mid(1, close - 1);
        if (!rest.isEmpty())
            a.port = rest.mid(1);
        if (QHostAddress(a.host).protocol() != QAbstractSocket::IPv6Protocol) {
            *error = QCoreApplication::translate("BootstrapAddress", "\"%1\": \"%2\" is no IPv6 address")
                         .arg(text, a.host);
            return std::nullopt;
        }
    } else if (t.count(u':') == 1) {
        a.host = t.section(u':', 0, 0);
        a.port = t.section(u':', 1);
    } else if (t.count(u':') > 1 && QHostAddress(t).isNull()) {
        *error = QCoreApplication::translate("BootstrapAddress", "\"%1\" is no address").arg(text);
        return std::nullopt;
    }
    bool ok = false;
    const uint port = a.port.toUInt(&ok);
    if (a.host.isEmpty() || a.host.contains(u' ') || !ok || port == 0 || port > 65535) {
        *error = QCoreApplication::translate(
                     "BootstrapAddress", "\"%1\" is no bootstrap address (host:port, [IPv6]:port or a host)")
                     .arg(text);
        return std::nullopt;
    }
    a.port = QString::number(port);
    return a;
}

const QVector<DhtNetwork>& DhtNetwork::all()
{
    static const QVector<DhtNetwork> networks{
        {QStringLiteral("local"), QCoreApplication::translate("DhtNetwork", "Local (no network)"), {}, 0},
        {QStringLiteral("public"),
         QCoreApplication::translate("DhtNetwork", "Public OpenDHT (Jami)"),
         {QStringLiteral("bootstrap.jami.net:4222")},
         0},
        {QStringLiteral("ham-dht"),
         QCoreApplication::translate("DhtNetwork", "Ham-DHT"),
         {QStringLiteral("xrf757.openquad.net:17171")},
         59973},
    };
    return networks;
}

std::optional<DhtNetwork> DhtNetwork::byName(const QString& name)
{
    for (const DhtNetwork& n : all()) {
        if (n.name == name)
            return n;
    }
    return std::nullopt;
}

QStringList DhtNetwork::names()
{
    QStringList out;
    for (const DhtNetwork& n : all())
        out << n.name;
    return out;
}
