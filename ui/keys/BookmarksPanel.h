#pragma once

#include "KeyListPanel.h"

class BookmarksModel;
class QPushButton;

// The bookmarks in the side panel, the one place where they are managed: click or Enter opens
// one; Add bookmarks the key in front (setCurrentKey()), as the key bar's star does for the key
// typed (addKey()), and starts editing its name; Rename (F2) edits the selected name in place;
// Remove (Delete) removes the selected bookmarks.
class BookmarksPanel : public KeyListPanel
{
    Q_OBJECT
public:
    explicit BookmarksPanel(BookmarksModel* bookmarks, QWidget* parent = nullptr);

    // The key open in front: the one Add bookmarks (none: Add is disabled).
    void setCurrentKey(const DhtKey& key);
    // Bookmarks the key under its own text (once: a key bookmarked already keeps its name),
    // selects it and starts editing its name, for the user to type over.
    void addKey(const DhtKey& key);

    QPushButton* addButton() const { return m_add; }
    QPushButton* renameButton() const { return m_rename; }
    QPushButton* removeButton() const { return m_remove; }

protected:
    DhtKey keyAt(int row) const override;

private:
    void renameSelected();
    void removeSelected();
    void updateButtons();

    BookmarksModel* m_bookmarks;
    DhtKey m_current;
    QPushButton* m_add;
    QPushButton* m_rename;
    QPushButton* m_remove;
};
