#pragma once

#include <QString>

// Re-indents JSON text that is already known to be valid: only the whitespace between tokens
// changes, so key order, duplicate keys and number digits stay exactly as they were written.
namespace JsonIndent {

QString indent(const QString& json, int width = 4);

} // namespace JsonIndent
