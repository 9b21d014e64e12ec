#pragma once

#include "core/settings/Settings.h"

#include <QList>
#include <QObject>
#include <QString>

class QHeaderView;

// The header menu of a table that chooses which columns show. The hidden ones are remembered
// (browserSettings(), under settingsKey, by column number) for every table that uses the same key;
// until the user chooses, the columns given as hidden by default stay hidden.
class ColumnChooser : public QObject
{
    Q_OBJECT
public:
    ColumnChooser(QHeaderView* header, Settings::Key settingsKey, const QList<int>& hiddenByDefault);

    // Shows or hides a column, as the menu does, and remembers it.
    void setColumnShown(int column, bool shown);

private:
    void showMenu(const QPoint& pos);
    void save() const;

    QHeaderView* m_header;
    Settings::Key m_key;
};
