#include "LatencySparkline.h"

#include "GatewayTableModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

void LatencySparkline::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // background, selection
    const QList<double> points = index.data(GatewayTableModel::HistoryRole).value<QList<double>>();
    if (points.isEmpty())
        return;
    double top = 0;
    for (double ms : points) {
        if (!std::isnan(ms))
            top = std::max(top, ms);
    }
    const QRectF area = QRectF(opt.rect).adjusted(2, 3, -2, -3);
    const double step = points.size() > 1 ? area.width() / double(points.size() - 1) : 0;
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor line = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Link);
    const QColor lost = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    bool drawing = false;
    for (qsizetype i = 0; i < points.size(); ++i) {
        const double x = area.left() + step * double(i);
        if (std::isnan(points[i])) {
            painter->setPen(QPen(lost, 1));
            painter->drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() - 3));
            drawing = false; // a gap in the line
            continue;
        }
        const double y = area.bottom() - (top > 0 ? points[i] / top : 0) * area.height();
        if (drawing)
            path.lineTo(x, y);
        else
            path.moveTo(x, y);
        drawing = true;
    }
    painter->setPen(QPen(line, 1.2));
    painter->drawPath(path);
    painter->restore();
}

QSize LatencySparkline::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QSize text = QStyledItemDelegate::sizeHint(option, index);
    return {option.fontMetrics.averageCharWidth() * 16, text.height()};
}
