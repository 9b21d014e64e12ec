#pragma once

#include <QObject>

#include <optional>

class QDockWidget;
class QMainWindow;

// Places the put and gateway docks for the window's width. With room (compactWidth and more)
// the put dock is at the right and the gateway table at the bottom; in a narrower window both
// are tabbed together at the bottom, so that the key field and the Value column keep their
// width. It acts only when the width crosses the line: a dock the user moved stays where they
// put it until then, and a floating dock is left alone. A window restored wide keeps the
// arrangement the user saved.
class DockArrangement : public QObject
{
    Q_OBJECT
public:
    static constexpr int compactWidth = 1100;
    // The share of a compact window's height the tabbed docks start with.
    static constexpr double compactDockShare = 0.42;

    DockArrangement(QMainWindow* window, QDockWidget* put, QDockWidget* gateways);

    bool isCompact() const { return m_compact.value_or(false); }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void follow(int width);
    void arrange(bool compact);

    QMainWindow* m_window;
    QDockWidget* m_put;
    QDockWidget* m_gateways;
    std::optional<bool> m_compact; // none until the window's first size
};
