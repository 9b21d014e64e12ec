#pragma once

#include <QLabel>

// A line of words beside a form field: a hint or a count in the normal text colour, or a problem
// in an error colour picked to stay readable on both light and dark palettes. The words always
// carry the meaning; the colour only draws the eye (state is never signalled by colour alone).
// Plain text only: a note may quote names or values that came from outside.
class FieldNote : public QLabel
{
    Q_OBJECT
public:
    explicit FieldNote(QWidget* parent = nullptr);

    void showNote(const QString& text);
    void showProblem(const QString& text);
    bool isProblem() const { return m_problem; }

    // The error colour for text drawn on this palette's window colour.
    static QColor problemColour(const QPalette& palette);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColour();

    bool m_problem = false;
};
