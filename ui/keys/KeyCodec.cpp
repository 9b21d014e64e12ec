#include "KeyCodec.h"

QString KeyCodec::toString(const DhtKey& key)
{
    return DhtKey::modeName(key.mode()) + u':' + key.input();
}

DhtKey KeyCodec::fromString(const QString& text)
{
    const qsizetype colon = text.indexOf(u':');
    DhtKey::Mode mode;
    if (colon < 0 || !DhtKey::modeFromName(text.left(colon), &mode))
        return {};
    return DhtKey::parse(text.mid(colon + 1), mode);
}

DhtKey KeyCodec::fromVariant(const QVariant& value)
{
    if (value.typeId() != QMetaType::QString)
        return {};
    return fromString(value.toString());
}
