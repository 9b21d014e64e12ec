// ValueFormat::cliCommand and its shell quoting: a command line that a user pastes into a
// terminal must put exactly these bytes, and must not run anything hidden in the value or key.
#include "ValueFormat.h"

#include "VisibleText.h"

#include <QStringList>

#include <algorithm>

namespace {

// Text that reaches the CLI unchanged as an argument: nothing invisible in it (a newline or a
// bidi override in a pasted command could make it read differently from what it does), and it
// survives the decoding of the command line (a leading BOM would not).
bool travelsAsArgument(const QString& text)
{
    const QList<uint> codes = text.toUcs4();
    return std::none_of(codes.begin(), codes.end(), [](uint c) { return VisibleText::isInvisible(c); }) &&
           QString::fromUtf8(text.toUtf8()) == text;
}

bool bytesTravelAsArgument(const QByteArray& bytes)
{
    const std::optional<QString> text = VisibleText::decodeUtf8(bytes);
    return text && bytes != "-" && travelsAsArgument(*text);
}

void appendAscii(QString& out, uchar c, bool first)
{
    if (c == '%')
        out += QStringLiteral("%%");
    else if (c == '\\')
        out += QStringLiteral("\\\\");
    else if (c == '\n')
        out += QStringLiteral("\\n");
    else if (c == '\t')
        out += QStringLiteral("\\t");
    else if (c < 0x20 || c >= 0x7f || c == '\'' || (first && c == '-')) // a leading "-" is no option
        out += u'\\' + QString::number(c, 8).rightJustified(3, u'0');
    else
        out += QChar(char16_t(c));
}

// The bytes as a printf format in single quotes: printable ASCII as it is, newline and tab as
// \n and \t, anything else as a three-digit octal escape; in valid UTF-8, visible non-ASCII
// characters stay as they are, to keep text readable.
QString printfFormat(const QByteArray& bytes)
{
    const bool utf8 = VisibleText::decodeUtf8(bytes).has_value();
    QString out;
    for (qsizetype i = 0; i < bytes.size();) {
        const uchar lead = uchar(bytes[i]);
        const int length = !utf8 || lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
        const QString character = QString::fromUtf8(bytes.mid(i, length)); // a BOM decodes to nothing
        if (length > 1 && !character.isEmpty() && !VisibleText::isInvisible(character.toUcs4().value(0))) {
            out += character;
        } else {
            for (int j = 0; j < length; ++j)
                appendAscii(out, uchar(bytes[i + j]), i + j == 0);
        }
        i += length;
    }
    return u'\'' + out + u'\'';
}

QString durationWord(int seconds)
{
    if (seconds % 86400 == 0)
        return QString::number(seconds / 86400) + u'd';
    if (seconds % 3600 == 0)
        return QString::number(seconds / 3600) + u'h';
    if (seconds % 60 == 0)
        return QString::number(seconds / 60) + u'm';
    return QString::number(seconds) + u's';
}

// The key as --key-mode and KEY: as the user typed it where that text can travel, else the hex
// of its key bytes, which is the same place in the DHT.
QStringList keyWords(const DhtKey& key)
{
    if (key.mode() != DhtKey::Mode::Hex && travelsAsArgument(key.input()))
        return {DhtKey::modeName(key.mode()), ValueFormat::shellQuote(key.input())};
    return {QStringLiteral("hex"), QString::fromLatin1(key.bytes().toHex())};
}

} // namespace

QString ValueFormat::shellQuote(const QString& word)
{
    static const QString safe = QStringLiteral("_@%+=:,./-");
    bool plain = !word.isEmpty();
    for (QChar c : word)
        plain = plain && ((c.unicode() < 128 && c.isLetterOrNumber()) || safe.contains(c));
    if (plain)
        return word;
    QString quoted = word;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString ValueFormat::cliCommand(const DhtKey& key, const QByteArray& value, int ttlSeconds,
                                const QUrl& gateway, GatewayKind kind)
{
    QStringList words{QStringLiteral("opendht-cli"), QStringLiteral("put")};
    if (gateway.isValid() && !gateway.isEmpty())
        words << QStringLiteral("--gateway") << shellQuote(gateway.toString(QUrl::FullyEncoded));
    words << QStringLiteral("--kind") << GatewayBackend::kindName(kind);
    const QStringList keyPart = keyWords(key);
    words << QStringLiteral("--key-mode") << keyPart[0];
    if (ttlSeconds > 0)
        words << QStringLiteral("--ttl") << durationWord(ttlSeconds);
    words << QStringLiteral("--") << keyPart[1];
    if (bytesTravelAsArgument(value))
        return words.join(u' ') + u' ' + shellQuote(QString::fromUtf8(value));
    return QStringLiteral("printf ") + printfFormat(value) + QStringLiteral(" | ") + words.join(u' ') +
           QStringLiteral(" -");
}
