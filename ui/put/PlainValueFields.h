#pragma once

#include "core/backend/PlainValue.h"

#include <QWidget>

#include <optional>

class FieldNote;
class QComboBox;
class QLineEdit;

// The put dock's fields for a plain OpenDHT value (issue #19): the value type, chosen by name
// among the types stock nodes know or typed as a number, and the user type; beside them what a
// stock node does with that type (how long it keeps it), so that the end shown is the real one.
class PlainValueFields : public QWidget
{
    Q_OBJECT
public:
    explicit PlainValueFields(QWidget* parent = nullptr);

    // The type typed or chosen; none while the text is neither a type's name nor 0-65535.
    std::optional<quint16> type() const;
    QString userType() const;
    // Empty when both fields are fine; otherwise the problem, as shown beside the field.
    QString problem() const;

    QComboBox* typeCombo() const { return m_type; }
    QLineEdit* userTypeEdit() const { return m_userType; }
    FieldNote* typeNote() const { return m_typeNote; }

signals:
    void changed();

private:
    void update();

    QComboBox* m_type;
    FieldNote* m_typeNote;
    QLineEdit* m_userType;
};
