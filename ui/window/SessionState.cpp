#include "SessionState.h"

#include "DockArrangement.h"
#include "KeyTab.h"
#include "KeysDock.h"
#include "MainWindow.h"

#include "ui/keys/KeyHistory.h"

#include <QHeaderView>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>

namespace SessionState {

void resizeToDefault(MainWindow* window)
{
    // Most of the screen, so that the values, the viewer and the gateway table all have room.
    const QSize screen = window->screen() ? window->screen()->availableSize() : QSize(1400, 900);
    window->resize(screen.width() * 9 / 10, screen.height() * 9 / 10);
}

void save(MainWindow* window)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), window->saveGeometry());
    settings.setValue(QStringLiteral("window/state"), window->saveState());
    settings.setValue(QStringLiteral("window/keysPage"), window->keysDock()->pages()->currentIndex());
    QVariantList keys;
    for (int i = 0; i < window->tabs()->count(); ++i) {
        if (auto* tab = qobject_cast<KeyTab*>(window->tabs()->widget(i)))
            keys << KeyHistory::toVariant(tab->key());
    }
    settings.setValue(QStringLiteral("session/tabs"), keys);
    settings.setValue(QStringLiteral("session/current"), window->tabs()->currentIndex());
    if (KeyTab* tab = window->currentTab()) {
        settings.setValue(QStringLiteral("values/header"), tab->view()->horizontalHeader()->saveState());
        settings.setValue(QStringLiteral("values/splitter"), tab->splitter()->saveState());
    }
}

void restore(MainWindow* window)
{
    QSettings settings;
    if (!window->restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resizeToDefault(window);
    window->dockArrangement()->setRestored(
        window->restoreState(settings.value(QStringLiteral("window/state")).toByteArray()));
    // "Stored here" unless the user left another page of the side panel in front.
    window->keysDock()->showPage(KeysDock::Page(
        qBound(int(KeysDock::StoredPage), settings.value(QStringLiteral("window/keysPage")).toInt(),
               int(KeysDock::BookmarksPage))));
    const QByteArray header = settings.value(QStringLiteral("values/header")).toByteArray();
    const QByteArray splitter = settings.value(QStringLiteral("values/splitter")).toByteArray();
    const QVariantList keys = settings.value(QStringLiteral("session/tabs")).toList();
    for (const QVariant& saved : keys) {
        const DhtKey key = KeyHistory::fromVariant(saved);
        if (!key.isValid())
            continue;
        KeyTab* tab = window->openKey(key, true);
        tab->view()->horizontalHeader()->restoreState(header);
        tab->splitter()->restoreState(splitter);
    }
    const int current = settings.value(QStringLiteral("session/current"), 0).toInt();
    if (current >= 0 && current < window->tabs()->count())
        window->tabs()->setCurrentIndex(current);
}

} // namespace SessionState
