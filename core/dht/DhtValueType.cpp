#include "DhtValueType.h"

#include "DhtLimits.h"

qint32 DhtValueType::lifetimeSeconds(quint16 type)
{
    switch (type) {
    case 4:
    case 8:
        return DhtLimits::maxTtlSeconds;
    case 1:
    case 3:
        return 300;
    case 2:
        return 900;
    case 5:
        return 60;
    default:
        return 600;
    }
}

QString DhtValueType::name(quint16 type)
{
    switch (type) {
    case 0:
        return QStringLiteral("user data");
    case 1:
        return QStringLiteral("DHT message");
    case 2:
        return QStringLiteral("IP service announcement");
    case 3:
        return QStringLiteral("IM message");
    case 4:
        return QStringLiteral("certificate trust request");
    case 5:
        return QStringLiteral("ICE candidates");
    case 8:
        return QStringLiteral("certificate");
    case classicItem:
        return QStringLiteral("classic item");
    default:
        return {};
    }
}

QString DhtValueType::label(quint16 type)
{
    const QString n = name(type);
    return n.isEmpty() ? QString::number(type) : QStringLiteral("%1 %2").arg(type).arg(n);
}
