#pragma once

#include "KeyListPanel.h"

class KeyHistory;
class QPushButton;

// The key history in the side panel, most recent first: click or Enter opens a key; Delete
// (or Remove) forgets the selected entries, Clear… all of them once the user confirms.
class HistoryPanel : public KeyListPanel
{
    Q_OBJECT
public:
    explicit HistoryPanel(KeyHistory* history, QWidget* parent = nullptr);

    QPushButton* removeButton() const { return m_remove; }
    QPushButton* clearButton() const { return m_clear; }

protected:
    DhtKey keyAt(int row) const override;

private:
    void removeSelected();
    void askClear();
    void updateButtons();

    KeyHistory* m_history;
    QPushButton* m_remove;
    QPushButton* m_clear;
};
