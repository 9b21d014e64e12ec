#pragma once

#include "core/dht/DhtKey.h"

#include <QList>
#include <QWidget>

class QAbstractItemModel;
class QHBoxLayout;
class QLabel;
class QTableView;

// One list of keys in the window's side panel (the history, the bookmarks): a click or Enter
// on a row opens its key (openRequested()); while the list is empty, a sentence in its place
// says how it fills. Subclasses say which key a row is and add their buttons.
class KeyListPanel : public QWidget
{
    Q_OBJECT
public:
    QTableView* view() const { return m_view; }
    QLabel* emptyLabel() const { return m_empty; }

signals:
    void openRequested(const DhtKey& key);

protected:
    KeyListPanel(QAbstractItemModel* model, const QString& emptyText, QWidget* parent);

    virtual DhtKey keyAt(int row) const = 0;
    QHBoxLayout* buttonRow() const { return m_buttons; }
    // The selected rows, the last first: removing them in that order keeps the others' numbers.
    QList<int> selectedRowsDescending() const;
    bool hasSelection() const;

private:
    void open(int row);
    void updateEmpty();

    QAbstractItemModel* m_model;
    QTableView* m_view;
    QLabel* m_empty;
    QHBoxLayout* m_buttons;
};
