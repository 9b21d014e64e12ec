#pragma once

#include <QObject>

class KeptPutKeeper;
class QCloseEvent;
class QWidget;

// Asks once before the window closes while kept puts need a refresh the browser could miss:
// the close is refused, a window-modal box says the earliest date a put would end early, and
// "Quit" closes the window again, which then goes through. Shown with open(), not exec(), so
// that closing never runs an event loop of its own (see MainWindow::closeEvent).
class QuitNotice : public QObject
{
    Q_OBJECT
public:
    QuitNotice(KeptPutKeeper* keeper, QWidget* window);
    // Whether the close may go on now; if not, the notice is shown and the event ignored.
    bool allowClose(QCloseEvent* event);

private:
    KeptPutKeeper* m_keeper;
    QWidget* m_window;
    bool m_confirmed = false; // the user said "Quit" already
    bool m_showing = false;
};
