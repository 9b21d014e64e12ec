#include "FieldNote.h"

#include <QEvent>

FieldNote::FieldNote(QWidget* parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void FieldNote::showNote(const QString& text)
{
    m_problem = false;
    setText(text);
    applyColour();
}

void FieldNote::showProblem(const QString& text)
{
    m_problem = true;
    setText(text);
    applyColour();
}

QColor FieldNote::problemColour(const QPalette& palette)
{
    // A dark red reads well on light windows (about 6:1 on white), a soft red on dark ones
    // (about 7:1 on #1e1e1e); the window's lightness tells which kind of palette is in use.
    const bool darkWindow = palette.color(QPalette::Window).lightness() < 128;
    return darkWindow ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
}

void FieldNote::changeEvent(QEvent* event)
{
    QLabel::changeEvent(event);
    // A theme switch changes the window colour underneath: pick the matching red again.
    if (event->type() == QEvent::PaletteChange && m_problem)
        applyColour();
}

void FieldNote::applyColour()
{
    if (!m_problem) {
        if (testAttribute(Qt::WA_SetPalette))
            setPalette(QPalette()); // back to the inherited palette
        return;
    }
    const QColor colour = problemColour(palette());
    if (palette().color(QPalette::WindowText) == colour)
        return; // also ends the PaletteChange that setPalette below causes
    QPalette p; // sets only the text colour; every other role stays inherited
    p.setColor(QPalette::WindowText, colour);
    setPalette(p);
}
