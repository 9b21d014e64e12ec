#include "ValuesStatus.h"

#include "ValuesModel.h"

ValuesStatus::ValuesStatus(const ValuesModel* model, QObject* parent)
    : QObject(parent)
    , m_model(model)
{
    // Every change of the rows, whoever made it: a page, a put, a watch, an expiry, a reset.
    connect(model, &QAbstractItemModel::rowsInserted, this, &ValuesStatus::update);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ValuesStatus::update);
    connect(model, &QAbstractItemModel::modelReset, this, &ValuesStatus::update);
    m_text = text();
}

QString ValuesStatus::valueCount(int n)
{
    return tr("%n value(s)", nullptr, n);
}

void ValuesStatus::setIdle()
{
    set(State::Idle);
}

void ValuesStatus::setWaitingForGateway()
{
    set(State::Waiting);
}

void ValuesStatus::setFetching(const QString& gateway)
{
    m_gateway = gateway;
    m_pages = 0;
    set(State::Fetching);
}

void ValuesStatus::setPages(int pages)
{
    m_pages = pages;
    update();
}

void ValuesStatus::setFetched(const QString& gateway)
{
    m_gateway = gateway;
    set(State::Listed);
}

void ValuesStatus::setWatched(const QString& gateway)
{
    if (m_state == State::Fetching)
        return; // the fetch's own end says what the table holds
    setFetched(gateway);
}

void ValuesStatus::setCancelled()
{
    set(State::Cancelled);
}

void ValuesStatus::setFailed(const QString& message)
{
    m_error = message;
    set(State::Failed);
}

void ValuesStatus::setGatewayChanged(const QString& gateway)
{
    const bool nothingFetched = m_state == State::Idle || m_state == State::Waiting;
    m_gateway = gateway;
    if (nothingFetched)
        set(gateway.isEmpty() ? m_state : State::Idle);
    else
        set(State::Previous);
}

void ValuesStatus::set(State state)
{
    m_state = state;
    update();
}

void ValuesStatus::update()
{
    const QString now = text();
    if (now == m_text)
        return;
    m_text = now;
    emit textChanged(m_text);
}

void ValuesStatus::setFilter(const QString& filter, int shown)
{
    m_filter = filter;
    m_shown = shown;
    update();
}

QString ValuesStatus::text() const
{
    const int n = m_model->count();
    const QString state = stateText(n);
    if (m_filter.isEmpty() || n == 0)
        return state;
    return tr("%1 · %2 of %3 shown by the filter").arg(state).arg(m_shown).arg(n);
}

QString ValuesStatus::stateText(int n) const
{
    switch (m_state) {
    case State::Idle:
        return n == 0 ? tr("Press Enter or F5 to fetch the values under this key.")
                      : tr("%1 shown; press F5 to fetch every value under this key").arg(valueCount(n));
    case State::Waiting:
        return n == 0 ? tr("No gateway yet: waiting for one to answer…")
                      : tr("%1 shown; no gateway yet: waiting for one to answer…").arg(valueCount(n));
    case State::Fetching:
        if (m_pages == 0)
            return tr("Fetching from %1…").arg(m_gateway);
        return tr("Fetching… %1 in %2").arg(valueCount(n), tr("%n page(s)", nullptr, m_pages));
    case State::Listed:
        return listedText(n);
    case State::Cancelled:
        return n == 0 ? tr("Cancelled before any value came; press F5 to fetch again")
                      : tr("Cancelled: showing %1; press F5 to fetch them all").arg(valueCount(n));
    case State::Failed:
        return n == 0 ? tr("Error: %1").arg(m_error)
                      : tr("Error: %1 · showing %2").arg(m_error, valueCount(n));
    case State::Previous:
        return previousText(n);
    }
    return {};
}

QString ValuesStatus::listedText(int n) const
{
    if (n == 0)
        return tr("No values under this key at %1.").arg(m_gateway);
    return tr("%1 at %2").arg(valueCount(n), m_gateway);
}

QString ValuesStatus::previousText(int n) const
{
    if (m_gateway.isEmpty())
        return n == 0 ? tr("No gateway yet: waiting for one to answer…")
                      : tr("%1 from the previous gateway; waiting for a gateway").arg(valueCount(n));
    return n == 0
               ? tr("Press F5 to fetch the values under this key from %1").arg(m_gateway)
               : tr("%1 from the previous gateway; press F5 to fetch from %2").arg(valueCount(n), m_gateway);
}
