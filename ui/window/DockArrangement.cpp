#include "DockArrangement.h"

#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>

DockArrangement::DockArrangement(QMainWindow* window, QDockWidget* put, QDockWidget* gateways)
    : QObject(window)
    , m_window(window)
    , m_put(put)
    , m_gateways(gateways)
{
    window->installEventFilter(this);
}

bool DockArrangement::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        follow(m_window->width());
    return QObject::eventFilter(watched, event);
}

void DockArrangement::follow(int width)
{
    if (!m_window->isVisible())
        return; // sizes before the first show are not the user's
    const bool compact = width < compactWidth;
    const bool first = !m_compact.has_value();
    if (!first && *m_compact == compact)
        return;
    m_compact = compact;
    if (first && !compact)
        return; // wide from the start: as restored (or as built)
    arrange(compact);
}

void DockArrangement::arrange(bool compact)
{
    if (m_put->isFloating() || m_gateways->isFloating())
        return;
    if (compact) {
        m_window->addDockWidget(Qt::BottomDockWidgetArea, m_gateways);
        m_window->tabifyDockWidget(m_gateways, m_put);
        m_put->raise(); // the one a user of a small window reaches for first
        m_window->resizeDocks({m_put}, {int(m_window->height() * compactDockShare)}, Qt::Vertical);
    } else {
        m_window->addDockWidget(Qt::RightDockWidgetArea, m_put);
        m_window->addDockWidget(Qt::BottomDockWidgetArea, m_gateways);
        m_window->resizeDocks({m_put}, {m_window->width() * 3 / 10}, Qt::Horizontal);
    }
}
