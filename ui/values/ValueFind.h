#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

// Finds text within the value a QPlainTextEdit shows: a find field, next and previous (Enter,
// Shift+Enter, F3, Shift+F3), every match highlighted with extra selections (the document
// itself, plain text, is never touched) and "n of N" beside the field.
class ValueFind : public QWidget
{
    Q_OBJECT
public:
    // Matches highlighted at most; past it the count says "more than".
    static constexpr int maxHighlighted = 1000;

    ValueFind(QPlainTextEdit* text, QWidget* parent = nullptr);

    QLineEdit* field() const { return m_field; }
    int matchCount() const { return m_count; }
    QLabel* countLabel() const { return m_countLabel; }
    // The match the cursor is on, from 1; 0 when none.
    int currentMatch() const;
    QString countText() const;

public slots:
    // Highlights again (the text view shows another value).
    void refresh();
    void findNext();
    void findPrevious();

private:
    void find(bool backward);
    void updateCount();

    QPlainTextEdit* m_text;
    QLineEdit* m_field;
    QToolButton* m_previous;
    QToolButton* m_next;
    QLabel* m_countLabel;
    int m_count = 0; // matches of the field's text
};
