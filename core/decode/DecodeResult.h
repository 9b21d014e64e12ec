#pragma once

#include "DecodeNode.h"

#include <QCoreApplication>

// What a decoder made of a value: a one-line summary and a tree of plain text, or why it could
// not ("cannot decode: ..."). Nothing in it is markup: every string is shown as it is.
struct DecodeResult
{
    Q_DECLARE_TR_FUNCTIONS(DecodeResult)
public:
    QString summary;
    QList<DecodeNode> nodes;
    QString error;          // empty when decoded
    bool truncated = false; // the tree stopped at an output limit (DecodeLimits)

    bool ok() const { return error.isEmpty(); }
    static DecodeResult failure(const QString& reason); // error = "cannot decode: <reason>"
    // Every node as indented "label: value" lines.
    QString text() const;
};
