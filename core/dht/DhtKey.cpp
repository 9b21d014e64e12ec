#include "DhtKey.h"

#include <QCryptographicHash>
#include <QRegularExpression>

DhtKey DhtKey::parse(const QString& input, Mode mode)
{
    DhtKey key;
    key.m_mode = mode;
    key.m_input = input;
    key.m_error.clear();
    switch (mode) {
    case Mode::Text:
        key.m_bytes = QCryptographicHash::hash(input.toUtf8(), QCryptographicHash::Sha1);
        break;
    case Mode::Raw:
        key.m_bytes = input.toUtf8();
        if (key.m_bytes.size() > maxBytes)
            key.m_error =
                tr("the key is %n byte(s); a raw key is at most %1", nullptr, int(key.m_bytes.size()))
                    .arg(maxBytes);
        break;
    case Mode::Hex: {
        // As hashes are written elsewhere: "0x…", and groups split by spaces or colons.
        QString hex = input.trimmed();
        if (hex.startsWith(QLatin1String("0x"), Qt::CaseInsensitive))
            hex.remove(0, 2);
        hex.remove(QRegularExpression(QStringLiteral("[\\s:]")));
        for (QChar c : hex) {
            if (!isxdigit(c.toLatin1()) || c.unicode() > 127) {
                key.m_error = tr("\"%1\" is not a hex key: '%2' is not a hex digit").arg(hex.left(60), c);
                return key;
            }
        }
        if (hex.size() % 2 != 0)
            key.m_error =
                tr("a hex key needs an even number of digits; \"%1\" has %n", nullptr, int(hex.size()))
                    .arg(hex.left(60));
        else if (hex.size() > 2 * maxBytes)
            key.m_error = tr("the key is %n byte(s); a hex key is at most %1 bytes (%2 digits)", nullptr,
                             int(hex.size() / 2))
                              .arg(maxBytes)
                              .arg(2 * maxBytes);
        else
            key.m_bytes = QByteArray::fromHex(hex.toLatin1());
        break;
    }
    }
    if (key.m_error.isEmpty() && key.m_bytes.isEmpty())
        key.m_error = tr("the key is empty");
    return key;
}

QByteArray DhtKey::infoHash() const
{
    return QByteArray(maxBytes - std::min<qsizetype>(maxBytes, m_bytes.size()), '\0') +
           m_bytes.right(maxBytes);
}

bool DhtKey::modeFromName(const QString& name, Mode* mode)
{
    if (name == u"text")
        *mode = Mode::Text;
    else if (name == u"hex")
        *mode = Mode::Hex;
    else if (name == u"raw")
        *mode = Mode::Raw;
    else
        return false;
    return true;
}

QString DhtKey::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Text:
        return QStringLiteral("text");
    case Mode::Hex:
        return QStringLiteral("hex");
    case Mode::Raw:
        return QStringLiteral("raw");
    }
    return {};
}
