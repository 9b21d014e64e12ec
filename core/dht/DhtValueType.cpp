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

std::optional<quint16> DhtValueType::parse(const QString& text)
{
    bool ok = false;
    const uint n =
        text.startsWith(u"0x", Qt::CaseInsensitive) ? text.mid(2).toUInt(&ok, 16) : text.toUInt(&ok);
    if (ok)
        return n <= 0xFFFF ? std::optional(quint16(n)) : std::nullopt;
    for (quint16 type : {0, 1, 2, 3, 4, 5, 8, int(classicItem)}) {
        if (name(type).compare(text.trimmed(), Qt::CaseInsensitive) == 0)
            return type;
    }
    return std::nullopt;
}
