#pragma once

class QCoreApplication;

// The application's own translation, compiled into the resources (:/i18n, see
// resources/translations): the one for the system's language, else English. English is loaded
// too because the sources say "%n value(s)": only the English file's plural forms turn that into
// "1 value" and "2 values".
namespace Translation {

// Installs it on the application (which owns it); false when no file loaded, which leaves the
// source texts.
bool install(QCoreApplication* app);

} // namespace Translation
