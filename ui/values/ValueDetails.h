#pragma once

#include "ValueFields.h"

#include <QWidget>

class QTreeWidget;
class QToolButton;

// The viewer's details: every field of the selected value (ValueFields), one row each, plain
// text; the selected row (or the owner's whole PEM key) can be copied.
class ValueDetails : public QWidget
{
    Q_OBJECT
public:
    explicit ValueDetails(QWidget* parent = nullptr);

    void setValue(const DhtValue& value);
    void clear();
    // For tests: the shown value of a field by its name ("id", "owner", ...), or a null string.
    QString fieldText(const QString& name) const;
    QTreeWidget* view() const { return m_view; }

public slots:
    void copySelected();
    void copyOwnerKey();

signals:
    void message(const QString& text);

private:
    QTreeWidget* m_view = nullptr;
    QToolButton* m_copyOwner = nullptr;
    QString m_ownerPem;
};
