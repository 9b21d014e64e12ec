#pragma once

#include "core/probe/GatewayDirectory.h"
#include "core/probe/LatencyProbe.h"

#include <QAbstractTableModel>
#include <QList>
#include <QUrl>

class GatewayChooser;

// Every gateway of a chooser's directory, one row each, with its live figures: whether it is in
// use or recommended (a column of its own, icon and word), name, kind, URL, status (the
// verdict's word, with an icon and a colour), peers of its DHT node, last / median / min / p90
// latency, loss, a latency history (HistoryRole, for LatencySparkline) and origin. Once a
// gateway stops answering its figures show "—" (the last good ones in the tooltip, with their
// age). Rows are updated one at a time as samples arrive; SortRole gives raw numbers (ms as a
// double, a missing figure as +infinity so that unanswered gateways sort last; the status
// sorts by health, then median).
class GatewayTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Use,
        Name,
        Kind,
        Url,
        Status,
        Peers,
        Last,
        Median,
        Min,
        P90,
        Loss,
        History,
        Origin,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int UrlRole = Qt::UserRole + 1; // the row's gateway (a QUrl), in every column
    // History column: the samples of the last minutes, a QList<double> (NaN: no valid answer).
    static constexpr int HistoryRole = Qt::UserRole + 2;

    explicit GatewayTableModel(GatewayChooser* chooser, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QUrl& url) const { return url.isEmpty() ? -1 : int(m_urls.indexOf(url)); }

    static QString originText(GatewayDirectory::Origin origin);
    // A gateway's latency history in words, a line a minute.
    static QString historyText(const LatencyStats& stats);

private:
    QVariant display(int row, int column) const;
    QVariant sortValue(int row, int column) const;
    QString toolTip(int row, int column) const;
    QVariant decoration(int row, int column) const;
    QVariant foreground(int row, int column) const;
    QString figuresToolTip(const LatencyStats& s) const;
    QString name(int row) const;
    // The probe's target of a row (nothing while the probe has yet to follow the directory).
    const LatencyProbe::Target* targetOf(int row) const;
    void followTargets();
    void updateRow(int row);
    void updateMarks();

    GatewayChooser* m_chooser;
    QList<QUrl> m_urls;   // the rows, following the probe's targets
    QUrl m_markedCurrent; // as last shown, to refresh the rows that change marks
    QUrl m_markedRecommended;
    bool m_markedPinned = false;
};
