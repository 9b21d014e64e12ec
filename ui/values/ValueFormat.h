#pragma once

#include "core/backend/GatewayBackend.h"
#include "core/dht/DhtKey.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

// How a value's bytes are shown and handed on: previews, text, hex, JSON, its image format, its
// remaining TTL and an opendht-cli command that puts it again. Pure functions, no widgets.
//
// Invisible characters are made visible with one convention everywhere:
//  - C0 control characters and DEL become their Unicode "control pictures" (U+2400 block):
//    newline ␊, tab ␉, carriage return ␍, NUL ␀, bell ␇, escape ␛, DEL ␡. A backslash stays a
//    backslash, so text with "\n" in it is never confused with a newline.
//  - Other invisible or direction-changing characters (C1 controls, zero-width and bidi
//    characters, BOM, line/paragraph separators) become "⟨U+202E⟩".
class ValueFormat
{
    Q_DECLARE_TR_FUNCTIONS(ValueFormat)
public:
    // One line: valid UTF-8 with invisible characters made visible, or "hex 00 ff 10" for other
    // bytes; elided with "…" to at most maxChars characters; "(empty)" for no bytes.
    static QString preview(const QByteArray& bytes, int maxChars = 80);
    // Valid UTF-8 (a BOM counts as text) with no NUL and no control characters other than
    // tab, newline, carriage return, form feed, vertical tab and escape (coloured terminal text).
    static bool isText(const QByteArray& bytes);
    // The bytes as UTF-8 (invalid sequences become U+FFFD), invisible characters made visible;
    // with keepLineBreaks, newlines and tabs stay as they are (for a multi-line view).
    static QString visibleText(const QByteArray& bytes, bool keepLineBreaks);
    // Like `hexdump -C`: 8-digit hex offset, 16 bytes in two groups of 8, the printable ASCII
    // between bars, and the final offset on its own line. Unlike hexdump, repeated lines are
    // never folded into "*" (a value is at most a few KiB; every byte is shown).
    // With 8 bytes per line (a narrow view), the same without the middle gap.
    static QString hexDump(const QByteArray& bytes, int bytesPerLine = 16);
    // Indented JSON when the bytes are a JSON object or array, else nothing. Only the whitespace
    // between tokens changes: key order, duplicate keys and the digits of numbers stay exactly as
    // stored (a parse-and-print would sort keys and round big numbers).
    static std::optional<QString> prettyJson(const QByteArray& bytes);
    // "png", "jpeg", "gif" or "webp" by the magic bytes at the start; empty when none matches.
    static QByteArray imageFormat(const QByteArray& bytes);
    // "1 byte", "12 bytes".
    static QString byteCount(qint64 bytes);
    // "2 d 03:14:05" from one day on, "03:14:05" from one hour, "14:05" (minutes:seconds) below;
    // "≤ " before it when only an upper bound is known; "expired" at 0 or less.
    static QString ttlText(qint64 secondsLeft, bool upperBound);
    // A POSIX sh command line that puts this same value under this key again:
    //   opendht-cli put --gateway URL --kind classic --key-mode text --ttl 1h -- KEY VALUE
    // The value travels as an argument when it is text that survives one unchanged (UTF-8 with
    // no control characters); otherwise `printf '…' |` writes its exact bytes to the CLI's
    // standard input, with octal escapes for anything not printable ASCII. A key whose input text
    // cannot travel as an argument is given in hex of its key bytes (the same place in the DHT).
    // ttlSeconds <= 0 leaves the CLI's default TTL (1 h).
    static QString cliCommand(const DhtKey& key, const QByteArray& value, int ttlSeconds, const QUrl& gateway,
                              GatewayKind kind);
    // The word shell-quoted for POSIX sh: as it is when made only of safe characters, else in
    // single quotes (a quote inside written as '\'').
    static QString shellQuote(const QString& word);
};
