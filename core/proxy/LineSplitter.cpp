#include "LineSplitter.h"

bool LineSplitter::append(const QByteArray& bytes, QList<QByteArray>& lines)
{
    m_pending += bytes;
    qsizetype start = 0;
    for (qsizetype lf = m_pending.indexOf('\n'); lf >= 0; lf = m_pending.indexOf('\n', start)) {
        if (lf - start > m_maxLineBytes)
            return false;
        if (lf > start)
            lines.append(m_pending.mid(start, lf - start));
        start = lf + 1;
    }
    m_pending.remove(0, start);
    return m_pending.size() <= m_maxLineBytes;
}
