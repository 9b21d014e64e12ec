#pragma once

#include <QDialog>

class BookmarksModel;
class QPushButton;
class QTableView;

// "Manage bookmarks…": the bookmarks in a table, where a name is renamed in place (F2 or a
// double-click) and the selected bookmarks are removed (Delete).
class BookmarksDialog : public QDialog
{
    Q_OBJECT
public:
    explicit BookmarksDialog(BookmarksModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    QPushButton* removeButton() const { return m_remove; }

private:
    void removeSelected();

    BookmarksModel* m_model;
    QTableView* m_view;
    QPushButton* m_remove;
};
