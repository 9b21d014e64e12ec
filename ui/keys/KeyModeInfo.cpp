#include "KeyModeInfo.h"

#include "core/dht/DhtLimits.h"

QString KeyModeInfo::label(DhtKey::Mode mode)
{
    switch (mode) {
    case DhtKey::Mode::Text:
        return tr("Text → SHA-1", "key mode");
    case DhtKey::Mode::Hex:
        return tr("Hex", "key mode");
    case DhtKey::Mode::Raw:
        return tr("Raw", "key mode");
    }
    return {};
}

QString KeyModeInfo::description(DhtKey::Mode mode)
{
    switch (mode) {
    case DhtKey::Mode::Text:
        return tr("Any text; the key is the SHA-1 of its UTF-8 bytes (the usual convention).");
    case DhtKey::Mode::Hex:
        return tr("The key bytes written in hex: at most %1 bytes (%2 digits), left-padded with zeros.")
            .arg(DhtLimits::keyBytes)
            .arg(2 * DhtLimits::keyBytes);
    case DhtKey::Mode::Raw:
        return tr("The UTF-8 bytes of the text used as the key itself: at most %1 bytes, "
                  "left-padded with zeros. \"abc\" as raw and as text are different keys.")
            .arg(DhtLimits::keyBytes);
    }
    return {};
}

QString KeyModeInfo::placeholder(DhtKey::Mode mode)
{
    switch (mode) {
    case DhtKey::Mode::Text:
        return tr("Key: any text (↓ shows recent keys)");
    case DhtKey::Mode::Hex:
        return tr("Key in hex: up to %1 digits (↓ shows recent keys)").arg(2 * DhtLimits::keyBytes);
    case DhtKey::Mode::Raw:
        return tr("Key: up to %1 bytes used as they are (↓ shows recent keys)").arg(DhtLimits::keyBytes);
    }
    return {};
}
