#pragma once

#include "core/decode/DecodeResult.h"

#include <QTreeWidget>

// A decoded value as a tree of (field, value) rows: plain text only (item text is never rich
// text; tooltips are escaped with plainToolTip), invisible characters made visible. Ctrl+C
// copies the selected row's value as decoded; "Copy All" the whole tree as indented lines.
class DecodeView : public QTreeWidget
{
    Q_OBJECT
public:
    explicit DecodeView(QWidget* parent = nullptr);

    void setResult(const DecodeResult& result);
    // The whole tree as indented "label: value" lines (what Copy All copies).
    QString allText() const { return m_text; }

public slots:
    void copySelected();
    void copyAll();

private:
    void addNodes(QTreeWidgetItem* parent, const QList<DecodeNode>& nodes);

    QString m_text;
};
