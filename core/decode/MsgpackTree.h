#pragma once

#include "DecodeNode.h"
#include "MsgpackItem.h"

#include <QCoreApplication>

// Turns msgpack items into lines of plain text: maps by their keys, arrays by position, strings
// as text, binary as hex with its size, integers exact. Stops adding lines once the tree holds
// DecodeLimits::maxNodes lines or maxOutputChars characters, and says so (truncated()).
class MsgpackTree
{
    Q_DECLARE_TR_FUNCTIONS(MsgpackTree)
public:
    // The item as a node labelled label, with its elements below it.
    DecodeNode node(const QString& label, const MsgpackItem& item);
    bool truncated() const { return m_truncated; }

    // One line for a scalar, or "map, 3 entries" for a container.
    static QString scalarText(const MsgpackItem& item);
    // "20 bytes: 0001…" (at most DecodeLimits::maxShownBytes shown).
    static QString bytesText(const QByteArray& bytes);
    // "1 byte", "12 bytes".
    static QString byteCount(qsizetype bytes);
    // The bytes as text when they are UTF-8, else as bytesText().
    static QString textOrHex(const QByteArray& bytes);
    // A seconds-since-1970 time, as "1764590000 (2025-12-01 11:53:20 UTC)".
    static QString timeText(quint64 seconds);

    // Room for one more line of that many characters; false (and truncated) once the tree is full.
    bool take(qsizetype chars);

private:
    void addElements(DecodeNode& parent, const MsgpackItem& item);

    int m_nodes = 0;
    qsizetype m_chars = 0;
    bool m_truncated = false;
};
