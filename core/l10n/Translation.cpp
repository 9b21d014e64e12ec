#include "Translation.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace {
const QString resourceDir = QStringLiteral(":/i18n");
const QString baseName = QStringLiteral("opendht-browser");
} // namespace

bool Translation::install(QCoreApplication* app)
{
    auto* translator = new QTranslator(app);
    // QLocale::system()'s languages in order of preference (fr_CA, fr, ...), as QTranslator
    // looks them up; C or an unshipped language falls back to English.
    if (!translator->load(QLocale::system(), baseName, QStringLiteral("_"), resourceDir) &&
        !translator->load(baseName + QStringLiteral("_en"), resourceDir)) {
        delete translator;
        return false;
    }
    return QCoreApplication::installTranslator(translator);
}
