#pragma once

#include <QMenu>

class QMainWindow;

// Help: the keyboard shortcuts (one dialog, listed from the window's own actions, so that it
// never disagrees with them), About (versions of the program, Qt and the libopendht it was built
// with), and the README.
class HelpMenu : public QMenu
{
    Q_OBJECT
public:
    static QUrl readmeUrl();

    explicit HelpMenu(QMainWindow* window);

    // Every action of the window's menus that has a shortcut: its menu path and its keys, in
    // the platform's words ("Key > Fetch Again", "F5").
    static QList<QPair<QString, QString>> shortcuts(const QMainWindow* window);

    QAction* shortcutsAction() const { return m_shortcuts; }
    QAction* aboutAction() const { return m_about; }

private:
    void showShortcuts();
    void showAbout();

    QMainWindow* m_window;
    QAction* m_shortcuts;
    QAction* m_about;
};
