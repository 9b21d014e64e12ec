#pragma once

#include "ValueViewer.h"

#include <QModelIndexList>

// Several selected values of the table copied at once, one value a line, in the format chosen
// for one: text (made visible on one line, so a newline in a value cannot split it), hex,
// base64, or an opendht-cli command each.
class SelectionCopy
{
    Q_DECLARE_TR_FUNCTIONS(SelectionCopy)
public:
    // rows: one index per selected row of a model with ValuesModel's roles, in view order.
    static QString lines(const QModelIndexList& rows, ValueViewer::Format format, const DhtKey& key,
                         const QUrl& gateway, GatewayKind kind);
    // "Copied 3 values as hex".
    static QString message(int count, ValueViewer::Format format);
};
