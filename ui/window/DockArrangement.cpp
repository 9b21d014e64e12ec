#include "DockArrangement.h"

#include <QDockWidget>
#include <QEvent>
#include <QLayout>
#include <QMainWindow>
#include <QScrollArea>

#include <algorithm>

DockArrangement::DockArrangement(QMainWindow* window, QDockWidget* put, QDockWidget* gateways,
                                 QDockWidget* keys)
    : QObject(window)
    , m_window(window)
    , m_put(put)
    , m_gateways(gateways)
    , m_keys(keys)
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
    if (first && !compact) { // wide from the start: as restored (or as built)
        if (!m_restored)
            shareColumn();
        return;
    }
    arrange(compact);
}

void DockArrangement::arrange(bool compact)
{
    if (m_put->isFloating() || m_gateways->isFloating() || m_keys->isFloating())
        return;
    if (compact) {
        m_window->addDockWidget(Qt::BottomDockWidgetArea, m_gateways);
        m_window->tabifyDockWidget(m_gateways, m_put);
        m_window->tabifyDockWidget(m_put, m_keys);
        raiseFront();
        m_window->resizeDocks({m_put}, {int(m_window->height() * compactDockShare)}, Qt::Vertical);
    } else {
        placeWide(m_window, m_keys, m_put);
        m_window->addDockWidget(Qt::BottomDockWidgetArea, m_gateways);
        m_window->resizeDocks({m_put}, {m_window->width() * 3 / 10}, Qt::Horizontal);
        m_window->layout()->activate();
        shareColumn();
    }
}

// The put form whole (its Put button in sight) when the column allows, the keys above it in
// the rest; in a short column the keys keep their share and the form scrolls.
void DockArrangement::shareColumn()
{
    if (m_keys->isHidden() || m_put->isHidden() ||
        m_window->dockWidgetArea(m_keys) != m_window->dockWidgetArea(m_put))
        return;
    const int column = m_keys->height() + m_put->height();
    const auto* scroll = qobject_cast<QScrollArea*>(m_put->widget());
    const QWidget* form = scroll && scroll->widget() ? scroll->widget() : m_put->widget();
    const int title = m_put->height() - m_put->widget()->height();
    const int put = std::clamp(form->sizeHint().height() + title, int(column * (1 - keysMostShare)),
                               int(column * (1 - keysLeastShare)));
    m_window->resizeDocks({m_keys, m_put}, {column - put, put}, Qt::Vertical);
}

void DockArrangement::placeWide(QMainWindow* window, QDockWidget* keys, QDockWidget* put)
{
    // The column reaches down to the status bar, beside the gateway table rather than above it.
    window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    window->addDockWidget(Qt::RightDockWidgetArea, keys);
    window->splitDockWidget(keys, put, Qt::Vertical);
}

void DockArrangement::setKeyOpen(bool open)
{
    if (open == m_keyOpen)
        return;
    m_keyOpen = open;
    if (isCompact())
        raiseFront();
}

// The one a user of a small window reaches for first: with no key open, a key to click; with
// one, the put form. Only between the two as this class tabbed them, never a dock moved away.
void DockArrangement::raiseFront()
{
    if (!m_window->tabifiedDockWidgets(m_put).contains(m_keys))
        return;
    QDockWidget* front = m_keyOpen || m_keys->isHidden() ? m_put : m_keys;
    if (!front->isHidden())
        front->raise();
}
