#include "MsgpackItem.h"

#include <QStringDecoder>

const MsgpackItem* MsgpackItem::field(QByteArrayView key) const
{
    if (!isMap())
        return nullptr;
    for (qsizetype i = 0; i + 1 < items.size(); i += 2) {
        if (items[i].kind == Kind::Str && items[i].bytes == key)
            return &items[i + 1];
    }
    return nullptr;
}

QList<QByteArray> MsgpackItem::keys() const
{
    QList<QByteArray> out;
    for (qsizetype i = 0; isMap() && i + 1 < items.size(); i += 2) {
        if (items[i].kind == Kind::Str)
            out.append(items[i].bytes);
    }
    return out;
}

std::optional<QString> MsgpackItem::text() const
{
    if (kind != Kind::Str)
        return std::nullopt;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return decoded;
}

std::optional<quint64> MsgpackItem::unsignedValue() const
{
    if (kind == Kind::UInt)
        return uinteger;
    return std::nullopt;
}
