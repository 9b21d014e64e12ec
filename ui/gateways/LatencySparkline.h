#pragma once

#include <QStyledItemDelegate>

// Draws a row's latency history (GatewayTableModel::HistoryRole) as a small line, scaled to
// its own highest sample, with a tick at the bottom for each probe that got no valid answer.
// Colours come from the palette, so it reads on light and dark themes.
class LatencySparkline : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};
