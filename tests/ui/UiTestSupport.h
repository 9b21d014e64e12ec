#pragma once
// What the widget tests share beside the window's setup (WindowTestSupport.h): settings of
// their own, a first start for the key bar's settings, what a tooltip shows, a cell's editor, a menu's
// action.
#include "ui/common/BrowserSettings.h"

#include <QCoreApplication>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTextDocument>

namespace uitest {

// Settings in the test's own files (QStandardPaths' test mode), never the user's.
inline void isolate(const QString& testName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("opendht-browser-tests"));
    QCoreApplication::setApplicationName(testName);
}

// No settings at all: what a test before left, pending in browserSettings() or written, goes.
inline void clearSettings()
{
    browserSettings().flush();
    QSettings().clear(); // the same file (QSettings shares it within the process)
}

// What a test before left of the key bar's settings (history, bookmarks, last mode) goes,
// pending or written: each test starts from a first start.
inline void forgetKeySettings()
{
    Settings& settings = browserSettings();
    for (const Settings::Key key :
         {Settings::Key::KeysHistory, Settings::Key::KeysBookmarks, Settings::Key::KeysMode})
        settings.remove(key);
    settings.flush();
}

// What a tooltip shows the user: Qt renders it as rich text when it looks like rich text.
inline QString shownToolTip(const QString& tip)
{
    if (!Qt::mightBeRichText(tip))
        return tip;
    QTextDocument doc;
    doc.setHtml(tip);
    return doc.toPlainText();
}

// The editor a view opened on a cell (a name being renamed), if any.
inline QLineEdit* cellEditor(QTableView* view)
{
    for (QLineEdit* edit : view->viewport()->findChildren<QLineEdit*>()) {
        if (edit->isVisible())
            return edit;
    }
    return nullptr;
}

// The action of a menu with this text, if any.
inline QAction* menuAction(QMenu* menu, const QString& text)
{
    for (QAction* action : menu->actions()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

} // namespace uitest
