#pragma once

#include <QLineEdit>

class QAction;

// The key entry. Enter submits and Alt+Enter submits into a new tab, also while the history
// popup is open (QCompleter hands the popup's keys straight to keyPressEvent, past any event
// filter). Down opens the history popup and Shift+Delete forgets the highlighted entry, as in a
// browser's address bar.
class KeyLineEdit : public QLineEdit
{
    Q_OBJECT
public:
    explicit KeyLineEdit(QWidget* parent = nullptr);
    // Added below the standard entries of the context menu.
    void setExtraContextActions(const QList<QAction*>& actions);

signals:
    void submitted(bool newTab);
    // Shift+Delete on a popup entry: the row in the completer's source model.
    void historyRemovalRequested(int sourceRow);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    bool showHistory();
    bool removeHighlighted();

    QList<QAction*> m_extraActions;
};
