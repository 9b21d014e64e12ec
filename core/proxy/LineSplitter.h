#pragma once

#include <QByteArray>
#include <QList>

// Cuts a byte stream into lines. A proxy's line-delimited JSON arrives in HTTP chunks that are
// not aligned to lines, so bytes are kept until their line ends. A line longer than the limit
// is an error (a hostile or broken peer must not grow the buffer without bound).
class LineSplitter
{
public:
    explicit LineSplitter(qsizetype maxLineBytes)
        : m_maxLineBytes(maxLineBytes)
    {
    }

    // The complete lines (without their LF; empty lines skipped); false once a line is too long.
    bool append(const QByteArray& bytes, QList<QByteArray>& lines);
    // What is left when the stream ends: a last line without LF.
    QByteArray rest() const { return m_pending; }

private:
    qsizetype m_maxLineBytes;
    QByteArray m_pending;
};
