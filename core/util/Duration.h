#pragma once

#include <QString>

#include <optional>

// Durations as people write and read them: "90s", "10m", "2h", "7d", "1h30m", or plain seconds;
// shown back as "2 h 30 min".
namespace Duration {

// Seconds, or nothing when the text is not a duration.
std::optional<qint64> parse(const QString& text);
QString format(qint64 seconds);

} // namespace Duration
