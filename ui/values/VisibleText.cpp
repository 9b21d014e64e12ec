#include "VisibleText.h"

#include <QStringDecoder>

namespace VisibleText {

std::optional<QString> decodeUtf8(const QByteArray& bytes)
{
    // ConvertInitialBom: a BOM is part of the stored bytes, so it is shown, not dropped.
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

bool isInvisible(char32_t c)
{
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Format: // zero-width and bidi characters, BOM, soft hyphen, tags
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return false;
    }
}

namespace {

QString picture(char32_t c)
{
    if (c < 0x20)
        return QChar(char16_t(0x2400 + c));
    if (c == 0x7f)
        return QChar(char16_t(0x2421));
    return u"⟨U+" + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0') + u'⟩';
}

} // namespace

void forEachPiece(const QString& text, bool keepLineBreaks, const std::function<bool(const QString&)>& piece)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            const char32_t code = QChar::surrogateToUcs4(c, text[i + 1]);
            if (!piece(isInvisible(code) ? picture(code) : text.mid(i, 2)))
                return;
            ++i;
            continue;
        }
        const char32_t code = c.unicode();
        const bool kept = keepLineBreaks && (code == u'\n' || code == u'\t');
        if (!piece(!kept && isInvisible(code) ? picture(code) : QString(c)))
            return;
    }
}

QString make(const QString& text, bool keepLineBreaks)
{
    QString out;
    out.reserve(text.size());
    forEachPiece(text, keepLineBreaks, [&out](const QString& piece) {
        out += piece;
        return true;
    });
    return out;
}

} // namespace VisibleText
