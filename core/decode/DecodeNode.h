#pragma once

#include <QList>
#include <QString>

// One line of a decoded value: a label ("subject", "[2]", a map key) and its value, both plain
// text taken from untrusted data, with the lines below it.
struct DecodeNode
{
    QString label;
    QString value;
    QList<DecodeNode> children;

    DecodeNode& add(const QString& label, const QString& value = {});
    // The node and its children as indented "label: value" lines, for copying and tests.
    void appendText(QString& out, int depth = 0) const;
};
