#pragma once

#include <QByteArray>
#include <QMap>
#include <QVector>

// The permanent puts of the proxy routes: libopendht refreshes each until its timer ends (a
// day after its last POST) or a plain POST of it downgrades it. Every operation is a lookup in
// a tree: a flood of permanent puts reaches hundreds of thousands, and a walk over all of them
// at each POST (to match a refresh by content) or each GET /stats would stall every client.
class PermanentPuts
{
public:
    struct Put
    {
        QByteArray key20;
        quint64 id = 0;
        quint16 type = 0;
        QByteArray data;
        qint64 untilMs = 0;
    };

    // The id of the permanent put of this content under key20, 0 if there is none: a client's
    // refresh without an id is the same value, not a second one.
    quint64 idOf(const QByteArray& key20, quint16 type, const QByteArray& data) const;
    void note(const Put& put); // a new one, or a refresh with its new end
    void remove(const QByteArray& key20, quint64 id);
    // At most `most` of the puts whose timer ended by nowMs, taken out: for the caller to release.
    QVector<Put> takeEnded(qint64 nowMs, int most);

    int size() const { return int(m_puts.size()); }
    int keys() const { return int(m_perKey.size()); }

private:
    QMap<QByteArray, Put> m_puts;         // by valueRef(): a key's puts together
    QMultiMap<qint64, QByteArray> m_ends; // untilMs -> valueRef
    QMap<QByteArray, int> m_perKey;       // puts under each key
};
