#include "ElidingLabel.h"

#include "PlainToolTip.h"

#include <QPainter>
#include <QStyle>

ElidingLabel::ElidingLabel(QWidget* parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText); // whatever it shows may come from a stranger
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void ElidingLabel::setFullText(const QString& text)
{
    setText(text);
    setToolTip(text.isEmpty() ? QString() : plainToolTip({text}));
}

QSize ElidingLabel::minimumSizeHint() const
{
    // Room for a few letters and the ellipsis; the rest goes to the tooltip.
    return {fontMetrics().horizontalAdvance(QLatin1Char('M')) * 4, QLabel::minimumSizeHint().height()};
}

void ElidingLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect area = contentsRect().adjusted(margin(), margin(), -margin(), -margin());
    const QString shown = fontMetrics().elidedText(text().simplified(), Qt::ElideRight, area.width());
    style()->drawItemText(&painter, area, int(alignment()), palette(), isEnabled(), shown, foregroundRole());
}
