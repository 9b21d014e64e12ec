#include "BrowserSettings.h"

#include <QCoreApplication>
#include <QPointer>

Settings& browserSettings()
{
    static QPointer<Settings> settings;
    if (!settings) { // first use, or a test's application made after another one went
        settings = new Settings(QCoreApplication::instance());
        QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, settings,
                         &Settings::flush);
    }
    return *settings;
}
