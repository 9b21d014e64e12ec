#pragma once

#include <QObject>

#include <optional>

class QDockWidget;
class QMainWindow;

// Places the docks for the window's width. With room (compactWidth and more) the side panel
// of keys is at the left, the put dock at the right and the gateway table at the bottom; in a
// narrower window all three are tabbed together at the bottom (the put dock in front), so that
// the key field and the Value column keep their width; there the side panel is in front while
// no key is open (something to click), the put dock once one is. It acts only when the width crosses the
// line: a dock the user moved stays where they put it until then, and a floating dock is left alone. A window
// restored wide keeps the arrangement the user saved.
class DockArrangement : public QObject
{
    Q_OBJECT
public:
    static constexpr int compactWidth = 1100;
    // The share of a compact window's height the tabbed docks start with.
    static constexpr double compactDockShare = 0.42;

    // The shares of the right column's height the side panel of keys starts with: what the put
    // form leaves, within these.
    static constexpr double keysLeastShare = 0.45;
    static constexpr double keysMostShare = 0.6;

    DockArrangement(QMainWindow* window, QDockWidget* put, QDockWidget* gateways, QDockWidget* keys);

    bool isCompact() const { return m_compact.value_or(false); }
    // The window's docks were restored as the user left them: the first show keeps their sizes.
    void setRestored(bool restored) { m_restored = restored; }
    // The wide arrangement's column, for the window as it is built.
    static void placeWide(QMainWindow* window, QDockWidget* keys, QDockWidget* put);
    // Whether a key is open in the window: which of the tabbed docks a compact window shows.
    void setKeyOpen(bool open);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void follow(int width);
    void arrange(bool compact);
    void raiseFront();
    void shareColumn();

    QMainWindow* m_window;
    QDockWidget* m_put;
    QDockWidget* m_gateways;
    QDockWidget* m_keys;
    std::optional<bool> m_compact; // none until the window's first size
    bool m_keyOpen = false;
    bool m_restored = false;
};
