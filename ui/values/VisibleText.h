#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

// The one convention for making invisible characters visible (see ValueFormat.h): C0 controls
// and DEL as control pictures (U+2400 block), other invisible or bidi characters as "⟨U+XXXX⟩".
namespace VisibleText {

// The text when the bytes are valid UTF-8 (a leading BOM is kept as a character), else nothing.
std::optional<QString> decodeUtf8(const QByteArray& bytes);
// True for characters that show nothing or change how the text around them shows.
bool isInvisible(char32_t c);
// Calls piece() with each character, or its visible form, in order, until it returns false.
void forEachPiece(const QString& text, bool keepLineBreaks, const std::function<bool(const QString&)>& piece);
QString make(const QString& text, bool keepLineBreaks);

} // namespace VisibleText
