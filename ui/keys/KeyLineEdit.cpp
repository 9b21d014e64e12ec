#include "KeyLineEdit.h"

#include <QAbstractItemView>
#include <QAbstractProxyModel>
#include <QCompleter>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>

KeyLineEdit::KeyLineEdit(QWidget* parent)
    : QLineEdit(parent)
{
}

void KeyLineEdit::setExtraContextActions(const QList<QAction*>& actions)
{
    m_extraActions = actions;
}

void KeyLineEdit::keyPressEvent(QKeyEvent* event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter) {
        // The text already is the highlighted history entry, if any: close the popup first so
        // that what the user sees next is the fetch, not a list.
        if (completer() && completer()->popup()->isVisible())
            completer()->popup()->hide();
        event->accept();
        emit submitted(event->modifiers().testFlag(Qt::AltModifier));
        return;
    }
    if (event->key() == Qt::Key_Down && event->modifiers() == Qt::NoModifier && showHistory()) {
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Delete && event->modifiers() == Qt::ShiftModifier && removeHighlighted()) {
        event->accept();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

bool KeyLineEdit::removeHighlighted()
{
    if (!completer() || !completer()->popup()->isVisible())
        return false;
    const auto* proxy = qobject_cast<const QAbstractProxyModel*>(completer()->completionModel());
    const QModelIndex source =
        proxy ? proxy->mapToSource(completer()->popup()->currentIndex()) : QModelIndex();
    if (!source.isValid())
        return false;
    emit historyRemovalRequested(source.row());
    return true;
}

// The history entries that contain what is typed (all of them when nothing is).
bool KeyLineEdit::showHistory()
{
    if (!completer() || completer()->popup()->isVisible())
        return false;
    completer()->setCompletionPrefix(text());
    completer()->complete();
    return true;
}

void KeyLineEdit::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu* menu = createStandardContextMenu();
    if (!m_extraActions.isEmpty()) {
        menu->addSeparator();
        menu->addActions(m_extraActions);
    }
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}
