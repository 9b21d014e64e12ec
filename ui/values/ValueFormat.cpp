#include "ValueFormat.h"

#include "JsonIndent.h"
#include "VisibleText.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace {

// Appends pieces until the text would pass maxChars, then ends it with "…" at a piece boundary,
// so that no escape or surrogate pair is ever cut in half.
class Elider
{
public:
    explicit Elider(int maxChars)
        : m_max(std::max(1, maxChars))
    {
    }
    // False once the text is full (the caller stops).
    bool add(const QString& piece)
    {
        if (m_text.size() + piece.size() > m_max - 1 && m_cut < 0)
            m_cut = m_text.size();
        m_text += piece;
        return m_text.size() <= m_max;
    }
    QString text() const
    {
        if (m_text.size() <= m_max)
            return m_text;
        return m_text.left(m_cut) + u'…';
    }

private:
    int m_max;
    int m_cut = -1;
    QString m_text;
};

QString hexPreview(const QByteArray& bytes, int maxChars)
{
    Elider elider(maxChars);
    elider.add(ValueFormat::tr("hex"));
    for (char c : bytes) {
        if (!elider.add(u' ' + QString::number(uchar(c), 16).rightJustified(2, u'0')))
            break;
    }
    return elider.text();
}

QString twoDigits(qint64 n)
{
    return QString::number(n).rightJustified(2, u'0');
}

} // namespace

QString ValueFormat::preview(const QByteArray& bytes, int maxChars)
{
    if (bytes.isEmpty())
        return tr("(empty)");
    const std::optional<QString> text = VisibleText::decodeUtf8(bytes);
    if (!text)
        return hexPreview(bytes, maxChars);
    Elider elider(maxChars);
    VisibleText::forEachPiece(*text, false, [&elider](const QString& piece) { return elider.add(piece); });
    return elider.text();
}

bool ValueFormat::isText(const QByteArray& bytes)
{
    const std::optional<QString> text = VisibleText::decodeUtf8(bytes);
    if (!text)
        return false;
    for (QChar c : *text) {
        const char16_t u = c.unicode();
        const bool allowedControl =
            u == u'\t' || u == u'\n' || u == u'\r' || u == u'\f' || u == u'\v' || u == 0x1b;
        if ((u < 0x20 && !allowedControl) || (u >= 0x7f && u <= 0x9f))
            return false;
    }
    return true;
}

QString ValueFormat::visibleText(const QByteArray& bytes, bool keepLineBreaks)
{
    return VisibleText::make(VisibleText::decodeUtf8(bytes).value_or(QString::fromUtf8(bytes)),
                             keepLineBreaks);
}

QString ValueFormat::hexDump(const QByteArray& bytes, int bytesPerLine)
{
    const int perLine = bytesPerLine == 8 ? 8 : 16;
    QString out;
    out.reserve(int(bytes.size() / perLine + 2) * 79);
    for (qsizetype offset = 0; offset < bytes.size(); offset += perLine) {
        QString ascii;
        out += QString::number(offset, 16).rightJustified(8, u'0') + u' ';
        for (int j = 0; j < perLine; ++j) {
            if (j == 8)
                out += u' ';
            if (offset + j >= bytes.size()) {
                out += QStringLiteral("   ");
                continue;
            }
            const uchar b = uchar(bytes[offset + j]);
            out += u' ' + QString::number(b, 16).rightJustified(2, u'0');
            ascii += b >= 0x20 && b < 0x7f ? QChar(char16_t(b)) : QChar(u'.');
        }
        out += QStringLiteral("  |") + ascii + QStringLiteral("|\n");
    }
    if (!bytes.isEmpty())
        out += QString::number(bytes.size(), 16).rightJustified(8, u'0') + u'\n';
    return out;
}

std::optional<QString> ValueFormat::prettyJson(const QByteArray& bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !(document.isObject() || document.isArray()))
        return std::nullopt;
    return VisibleText::make(JsonIndent::indent(QString::fromUtf8(bytes)), true);
}

QByteArray ValueFormat::imageFormat(const QByteArray& bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return QByteArrayLiteral("png");
    if (bytes.startsWith("\xff\xd8\xff"))
        return QByteArrayLiteral("jpeg");
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return QByteArrayLiteral("gif");
    if (bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return QByteArrayLiteral("webp");
    return {};
}

QString ValueFormat::byteCount(qint64 bytes)
{
    return tr("%n byte(s)", nullptr, int(bytes));
}

QString ValueFormat::ttlText(qint64 secondsLeft, bool upperBound)
{
    if (secondsLeft <= 0)
        return tr("expired");
    const qint64 days = secondsLeft / 86400, hours = secondsLeft % 86400 / 3600;
    const qint64 minutes = secondsLeft % 3600 / 60, seconds = secondsLeft % 60;
    const QString clock = twoDigits(minutes) + u':' + twoDigits(seconds);
    QString text;
    if (days > 0)
        text = tr("%1 d %2").arg(days).arg(twoDigits(hours) + u':' + clock);
    else if (hours > 0)
        text = twoDigits(hours) + u':' + clock;
    else
        text = clock;
    return upperBound ? u"≤ " + text : text;
}
