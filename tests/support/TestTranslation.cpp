// Linked into the tests that read texts: they see them as the browser and the CLI show them, with
// the English plural forms those load at start (core/l10n/Translation), "1 value" and "2 values"
// rather than the sources' "%n value(s)".
#include "core/l10n/Translation.h"

#include <QCoreApplication>

namespace {
void installTranslation()
{
    if (!Translation::install(QCoreApplication::instance()))
        qFatal("the English translation :/i18n/opendht-browser_en.qm is not in the resources");
}
} // namespace

Q_COREAPP_STARTUP_FUNCTION(installTranslation)
