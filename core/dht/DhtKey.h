#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

// A key as the user means it, with the way it becomes the ≤ 20 key bytes always explicit:
//  - Text: SHA-1 of the UTF-8 text (put.py's convention, and the default);
//  - Hex: exactly the bytes written in hex (at most 20);
//  - Raw: the text's UTF-8 bytes themselves (at most 20), as Net::OpenDHT sent them.
// "mykey" as text and "mykey" as raw are different places in the DHT; the mode travels with
// the key so that no caller can mix them up silently.
class DhtKey
{
    Q_DECLARE_TR_FUNCTIONS(DhtKey)
public:
    enum class Mode
    {
        Text,
        Hex,
        Raw
    };
    static constexpr int maxBytes = 20;

    DhtKey() = default;
    // An invalid key (with error()) when the input does not fit the mode.
    static DhtKey parse(const QString& input, Mode mode);
    static bool modeFromName(const QString& name, Mode* mode);
    static QString modeName(Mode mode);

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    Mode mode() const { return m_mode; }
    QString input() const { return m_input; }

    // The key bytes sent to a classic gateway (≤ 20).
    QByteArray bytes() const { return m_bytes; }
    // The 20 bytes a gateway stores it under (left-padded with zeros), i.e. the DHT InfoHash.
    QByteArray infoHash() const;
    QString infoHashHex() const { return QString::fromLatin1(infoHash().toHex()); }

private:
    Mode m_mode = Mode::Text;
    QString m_input;
    QByteArray m_bytes;
    QString m_error = QStringLiteral("no key");
};
