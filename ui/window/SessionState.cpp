#include "SessionState.h"

#include "DockArrangement.h"
#include "KeyTab.h"
#include "KeysDock.h"
#include "MainWindow.h"

#include "ui/common/BrowserSettings.h"
#include "ui/keys/KeyHistory.h"

#include <QHeaderView>
#include <QScreen>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>

namespace SessionState {

using Key = Settings::Key;

void resizeToDefault(MainWindow* window)
{
    // Most of the screen, so that the values, the viewer and the gateway table all have room.
    const QSize screen = window->screen() ? window->screen()->availableSize() : QSize(1400, 900);
    window->resize(screen.width() * 9 / 10, screen.height() * 9 / 10);
}

void save(MainWindow* window)
{
    Settings& settings = browserSettings();
    settings.setValue(Key::WindowGeometry, window->saveGeometry());
    settings.setValue(Key::WindowState, window->saveState());
    settings.setValue(Key::WindowKeysPage, window->keysDock()->pages()->currentIndex());
    QVariantList keys;
    for (int i = 0; i < window->tabs()->count(); ++i) {
        if (auto* tab = qobject_cast<KeyTab*>(window->tabs()->widget(i)))
            keys << KeyHistory::toVariant(tab->key());
    }
    settings.setValue(Key::SessionTabs, keys);
    settings.setValue(Key::SessionCurrent, window->tabs()->currentIndex());
    if (KeyTab* tab = window->currentTab()) {
        settings.setValue(Key::ValuesHeader, tab->view()->horizontalHeader()->saveState());
        settings.setValue(Key::ValuesSplitter, tab->splitter()->saveState());
    }
}

void restore(MainWindow* window)
{
    Settings& settings = browserSettings();
    if (!window->restoreGeometry(settings.value(Key::WindowGeometry).toByteArray()))
        resizeToDefault(window);
    window->dockArrangement()->setRestored(
        window->restoreState(settings.value(Key::WindowState).toByteArray()));
    // "Stored here" unless the user left another page of the side panel in front.
    window->keysDock()->showPage(
        KeysDock::Page(qBound(int(KeysDock::StoredPage), settings.value(Key::WindowKeysPage).toInt(),
                              int(KeysDock::BookmarksPage))));
    const QByteArray header = settings.value(Key::ValuesHeader).toByteArray();
    const QByteArray splitter = settings.value(Key::ValuesSplitter).toByteArray();
    const QVariantList keys = settings.value(Key::SessionTabs).toList();
    for (const QVariant& saved : keys) {
        const DhtKey key = KeyHistory::fromVariant(saved);
        if (!key.isValid())
            continue;
        KeyTab* tab = window->openKey(key, true);
        tab->view()->horizontalHeader()->restoreState(header);
        tab->splitter()->restoreState(splitter);
    }
    const int current = settings.value(Key::SessionCurrent).toInt();
    if (current >= 0 && current < window->tabs()->count())
        window->tabs()->setCurrentIndex(current);
}

} // namespace SessionState
