#include "ValueFind.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>

ValueFind::ValueFind(QPlainTextEdit* text, QWidget* parent)
    : QWidget(parent)
    , m_text(text)
    , m_field(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_countLabel(new QLabel(this))
{
    m_field->setPlaceholderText(tr("Find in value"));
    m_field->setClearButtonEnabled(true);
    m_field->setAccessibleName(tr("Find in value"));
    m_countLabel->setTextFormat(Qt::PlainText);
    m_previous->setText(tr("Previous"));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_next->setText(tr("Next"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (F3, Enter)"));
    connect(m_field, &QLineEdit::textChanged, this, [this] {
        m_text->moveCursor(QTextCursor::Start);
        refresh();
        if (m_count > 0)
            findNext();
    });
    connect(m_field, &QLineEdit::returnPressed, this, &ValueFind::findNext);
    connect(m_next, &QToolButton::clicked, this, &ValueFind::findNext);
    connect(m_previous, &QToolButton::clicked, this, &ValueFind::findPrevious);

    // F3 and Shift+F3 anywhere in the viewer, Enter and Shift+Enter in the field.
    auto* next = new QAction(this);
    next->setShortcut(QKeySequence::FindNext);
    auto* previous = new QAction(this);
    previous->setShortcut(QKeySequence::FindPrevious);
    auto* back = new QAction(this);
    back->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Return));
    m_field->addAction(back);
    back->setShortcutContext(Qt::WidgetShortcut);
    for (QAction* action : {next, previous}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        (parent ? parent : this)->addAction(action);
    }
    connect(next, &QAction::triggered, this, &ValueFind::findNext);
    connect(previous, &QAction::triggered, this, &ValueFind::findPrevious);
    connect(back, &QAction::triggered, this, &ValueFind::findPrevious);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_countLabel);
}

void ValueFind::refresh()
{
    QList<QTextEdit::ExtraSelection> selections;
    m_count = 0;
    const QString needle = m_field->text();
    if (!needle.isEmpty()) {
        QTextEdit::ExtraSelection match;
        // From the palette: readable in dark mode; the current match keeps the real selection.
        match.format.setBackground(palette().color(QPalette::Inactive, QPalette::Highlight));
        match.format.setForeground(palette().color(QPalette::Inactive, QPalette::HighlightedText));
        QTextCursor cursor = m_text->document()->find(needle, 0);
        while (!cursor.isNull()) {
            if (++m_count <= maxHighlighted) {
                match.cursor = cursor;
                selections << match;
            }
            cursor = m_text->document()->find(needle, cursor);
        }
    }
    m_text->setExtraSelections(selections);
    updateCount();
}

void ValueFind::findNext()
{
    find(false);
}

void ValueFind::findPrevious()
{
    find(true);
}

void ValueFind::find(bool backward)
{
    const QString needle = m_field->text();
    if (needle.isEmpty())
        return;
    const QTextDocument::FindFlags flags =
        backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (!m_text->find(needle, flags)) { // wraps round
        m_text->moveCursor(backward ? QTextCursor::End : QTextCursor::Start);
        m_text->find(needle, flags);
    }
    updateCount();
}

int ValueFind::currentMatch() const
{
    const QTextCursor current = m_text->textCursor();
    if (!current.hasSelection() || m_field->text().isEmpty())
        return 0;
    int index = 0;
    QTextCursor cursor = m_text->document()->find(m_field->text(), 0);
    while (!cursor.isNull() && index < m_count) {
        ++index;
        if (cursor.selectionStart() == current.selectionStart())
            return index;
        cursor = m_text->document()->find(m_field->text(), cursor);
    }
    return 0;
}

QString ValueFind::countText() const
{
    return m_countLabel->text();
}

void ValueFind::updateCount()
{
    if (m_field->text().isEmpty())
        m_countLabel->clear();
    else if (m_count == 0)
        m_countLabel->setText(tr("no match"));
    else
        m_countLabel->setText(tr("%1 of %n", nullptr, m_count).arg(currentMatch()));
}
