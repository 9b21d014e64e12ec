#pragma once

#include <QObject>
#include <QString>

class ValuesModel;

// The line above a key's values table, in words: how many values the table shows and where
// they came from (a fetch, a watch, the previous gateway), or what is under way. The text is
// worked out in one place, text(), from the model's count and the state the tab last set; it
// follows the model's row signals, so puts, watch merges, expiries and removals never leave it
// describing rows that are no longer (or not yet) there.
class ValuesStatus : public QObject
{
    Q_OBJECT
public:
    explicit ValuesStatus(const ValuesModel* model, QObject* parent = nullptr);

    // "1 value", "12 values".
    static QString valueCount(int n);

    // Nothing fetched yet.
    void setIdle();
    // A fetch was asked for, with no gateway to ask yet.
    void setWaitingForGateway();
    // A fetch from gateway is under way; pages: how many have come so far.
    void setFetching(const QString& gateway);
    void setPages(int pages);
    // The table holds every value under the key at gateway: a fetch ended, or a watch (which
    // always brings the whole list) gave it. A watch's list does not end a fetch under way.
    void setFetched(const QString& gateway);
    void setWatched(const QString& gateway);
    // The fetch was cancelled or failed: the table holds what came before.
    void setCancelled();
    void setFailed(const QString& message);
    // The tab now talks to gateway (empty: none yet); the values shown came from the previous one.
    void setGatewayChanged(const QString& gateway);

    // The filter of the table (empty: none) and how many rows it lets through: the line then
    // also says "3 of 12 shown by the filter".
    void setFilter(const QString& filter, int shown);

    QString text() const;

signals:
    void textChanged(const QString& text);

private:
    enum class State
    {
        Idle,
        Waiting,
        Fetching,
        Listed,
        Cancelled,
        Failed,
        Previous
    };
    void set(State state);
    void update();
    QString listedText(int n) const;
    QString previousText(int n) const;
    QString stateText(int n) const;

    const ValuesModel* m_model;
    State m_state = State::Idle;
    QString m_gateway; // where the values came from; Previous: the gateway now in use
    QString m_error;
    int m_pages = 0;
    QString m_filter;
    int m_shown = 0;
    QString m_text;
};
