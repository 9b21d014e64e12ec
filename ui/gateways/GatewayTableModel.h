#pragma once

#include <probe/GatewayDirectory.h>

#include <QAbstractTableModel>
#include <QList>
#include <QUrl>

class GatewayChooser;
class LatencyProbe;

// Every gateway of a chooser's directory, one row each, with its live figures: name, kind, URL,
// last / median / min / p90 latency, loss, status in words, origin. The gateway in use is marked
// in words and bold ("● name (in use)"), the one the probe recommends in words when it is
// another. Rows are updated one at a time as samples arrive; SortRole gives raw numbers (ms as
// a double, a missing figure as +infinity so that unanswered gateways sort last).
class GatewayTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Name,
        Kind,
        Url,
        Last,
        Median,
        Min,
        P90,
        Loss,
        Status,
        Origin,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int UrlRole = Qt::UserRole + 1; // the row's gateway (a QUrl), in every column

    explicit GatewayTableModel(GatewayChooser* chooser, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QUrl urlAt(int row) const { return m_urls.value(row); }
    int rowOf(const QUrl& url) const { return url.isEmpty() ? -1 : int(m_urls.indexOf(url)); }

    static QString originText(GatewayDirectory::Origin origin);

private:
    QVariant display(int row, int column) const;
    QVariant sortValue(int row, int column) const;
    QString toolTip(int row, int column) const;
    QString name(int row) const;
    void followTargets();
    void updateRow(int row);
    void updateMarks();

    GatewayChooser* m_chooser;
    QList<QUrl> m_urls;   // the rows, following the probe's targets
    QUrl m_markedCurrent; // as last shown, to refresh the rows that change marks
    QUrl m_markedRecommended;
};
