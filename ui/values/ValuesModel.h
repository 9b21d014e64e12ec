#pragma once

#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QTimer>

#include <functional>

// Every value under one key, in the order they arrived, with each value's remaining TTL counting
// down live. A classic item's expiry is the time it arrived plus the TTL the gateway reported
// (none when the gateway did not say: "unknown", never expires here); it stays greyed as
// "expired" for a short grace, then goes. A value of other software has only an upper bound, its
// type's lifetime, counted from when this model first saw it (a refetch does not restart it);
// once the bound passed it must have been refreshed, so it stays ("refreshed?") until a refetch
// or a watch says it is gone, and a refetch that still lists it starts a new bound. One row per
// value identity (DhtValue::identity). Values new to a merge can be highlighted for a while.
class ValuesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Index,
        Id,   // the DHT value id, where the gateway tells it
        Type, // the value type by name, and its user type
        Size,
        Preview,
        Ttl,
        Flags, // removable, signed, encrypted, decrypted by the gateway, permanent
        Owner, // the signer's key id
        Seq,
        Application,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole, // raw numbers: arrival index, bytes, seconds left (unknown: max)
        BytesRole,               // the value's bytes
        IsNewRole,               // true while a merged-in value is highlighted
        ExpiresAtRole,           // QDateTime, invalid when the TTL is unknown
        SecretHashRole,          // with BytesRole, what tells one value from another
        SearchTextRole           // type, user type and owner as a filter matches them
    };
    static constexpr int graceMs = 2000;

    explicit ValuesModel(QObject* parent = nullptr);
    // The colour new values are tinted with (blended into the palette's base).
    static QColor newTint();

    void clear();
    // Replaces everything (a fresh fetch), with a model reset.
    void setValues(const QList<DhtValue>& values);
    // A page of a fetch: appended in order.
    void appendValues(const QList<DhtValue>& values);
    // The whole current list (a watch, or a fetch again): values not shown yet are appended
    // (highlighted when highlightNew), values no longer in it are removed, values still there
    // keep their row and take the fresh TTL (a higher seq replaces the value). Equal duplicates
    // (from classic gateways, which tell no id) count as many times as they occur.
    void mergeValues(const QList<DhtValue>& current, bool highlightNew);

    int count() const { return int(m_rows.size()); }
    // The value as it arrived, except its ttlLeft: the seconds left as of the last tick().
    const DhtValue& valueAt(int row) const { return m_rows[row].value; }
    QDateTime expiresAt(int row) const; // invalid when unknown

    int highlightMs() const { return m_highlightMs; }
    void setHighlightMs(int ms) { m_highlightMs = ms; }
    // Time as the model sees it (tests move it by hand); current time by default.
    void setClock(std::function<QDateTime()> now);
    // The 1 s countdown timer (on by default; tests that drive tick() themselves may stop it).
    void setTimerEnabled(bool enabled);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public slots:
    // One step of the countdown: refreshes the TTL column, ends highlights that are over, greys
    // values that expired and removes those past the grace.
    void tick();

signals:
    // count values were removed because they expired.
    void expired(int count);

private:
    struct Row
    {
        DhtValue value;
        qint64 index = 0;      // order of arrival, from 1
        qint64 expiresMs = -1; // ms since the epoch; -1: unknown
        qint64 newUntilMs = 0; // highlighted until then
        bool shownExpired = false;
        bool shownNew = false;
    };

    Row makeRow(const DhtValue& value, qint64 nowMs, bool highlight);
    void refresh(Row& row, const DhtValue& fresh, qint64 nowMs);
    qint64 nowMs() const;
    qint64 secondsLeft(const Row& row, qint64 nowMs) const;
    QVariant display(const Row& row, int column) const;
    QString flags(const DhtValue& value) const;
    QString preview(const DhtValue& value) const;
    static qint64 shownBytes(const DhtValue& value); // an encrypted value's: its ciphertext's
    qint64 expiryMs(const DhtValue& value, qint64 nowMs);
    QVariant sortKey(const Row& row, int column) const;
    QVariant toolTip(const Row& row, int column) const;
    QVariant ttlToolTip(const Row& row) const;
    QVariant flagsToolTip(const DhtValue& value) const;
    QVariant background(const Row& row) const;
    // Removes the rows marked in remove (same size as m_rows), one contiguous run at a time.
    void removeMarked(const QList<bool>& remove);
    void updateTimer();

    QList<Row> m_rows;
    QHash<QByteArray, qint64> m_firstSeenMs; // identity -> when an upper-bound TTL started
    qint64 m_nextIndex = 1;
    int m_highlightMs = 10000;
    std::function<QDateTime()> m_now;
    QTimer m_timer;
    bool m_timerEnabled = true;
};
