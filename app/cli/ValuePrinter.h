#pragma once

#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// How opendht-cli writes values: text (the bytes themselves, one value a line), hex, base64, or
// json (one object a line, with the value in base64 and, when valid UTF-8, as text, and every
// field the gateway told: TTL, secret hash, application, permanence, id, type, user type, owner,
// signature and who checked it, recipient, cypher, priority; null where it is unknown, such as
// the type of an encrypted value).
class ValuePrinter
{
public:
    enum class Format
    {
        Text,
        Hex,
        Base64,
        Json
    };
    static bool formatFromName(const QString& name, Format* format);

    explicit ValuePrinter(Format format)
        : m_format(format)
    {
    }
    QByteArray line(const DhtValue& value, bool details) const;
    static QJsonObject json(const DhtValue& value);

private:
    Format m_format;
};
