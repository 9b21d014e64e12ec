#include "KeyCodec.h"

QString KeyCodec::toString(const ClassicKey& key)
{
    return ClassicKey::modeName(key.mode()) + u':' + key.input();
}

ClassicKey KeyCodec::fromString(const QString& text)
{
    const qsizetype colon = text.indexOf(u':');
    ClassicKey::Mode mode;
    if (colon < 0 || !ClassicKey::modeFromName(text.left(colon), &mode))
        return {};
    return ClassicKey::parse(text.mid(colon + 1), mode);
}

ClassicKey KeyCodec::fromVariant(const QVariant& value)
{
    if (value.typeId() != QMetaType::QString)
        return {};
    return fromString(value.toString());
}
