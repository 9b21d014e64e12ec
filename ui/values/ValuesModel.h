#pragma once

#include <dht/DhtValue.h>
#include <dht/GatewayError.h>

#include <QAbstractTableModel>
#include <QDateTime>
#include <QTimer>

#include <functional>

// Every value under one key, in the order they arrived, with each value's remaining TTL counting
// down live. A value's expiry is the time it arrived plus the TTL the gateway reported (none
// when the gateway did not say: "unknown", never expires here). Expired values stay greyed as
// "expired" for a short grace, then go. Values new to a merge can be highlighted for a while.
class ValuesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Index,
        Size,
        Preview,
        Ttl,
        Removable,
        Application,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole, // raw numbers: arrival index, bytes, seconds left (unknown: max)
        BytesRole,               // the value's bytes
        IsNewRole,               // true while a merged-in value is highlighted
        ExpiresAtRole,           // QDateTime, invalid when the TTL is unknown
        SecretHashRole           // with BytesRole, what tells one value from another
    };
    static constexpr int graceMs = 2000;

    explicit ValuesModel(QObject* parent = nullptr);

    void clear();
    // Replaces everything (a fresh fetch), with a model reset.
    void setValues(const QList<DhtValue>& values);
    // A page of a fetch: appended in order.
    void appendValues(const QList<DhtValue>& values);
    // The whole current list (a watch, or a fetch again): values not shown yet are appended
    // (highlighted when highlightNew), values no longer in it are removed, values still there
    // keep their row and take the fresh TTL. A value is its bytes plus its secret hash; equal
    // duplicates count as many times as they occur.
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
    QVariant sortKey(const Row& row, int column) const;
    QVariant toolTip(const Row& row, int column) const;
    QVariant ttlToolTip(const Row& row) const;
    QVariant background(const Row& row) const;
    // Removes the rows marked in remove (same size as m_rows), one contiguous run at a time.
    void removeMarked(const QList<bool>& remove);
    void updateTimer();

    QList<Row> m_rows;
    qint64 m_nextIndex = 1;
    int m_highlightMs = 10000;
    std::function<QDateTime()> m_now;
    QTimer m_timer;
    bool m_timerEnabled = true;
};
