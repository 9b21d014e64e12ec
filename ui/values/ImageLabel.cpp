#include "ImageLabel.h"

#include <QResizeEvent>
#include <QWheelEvent>

#include <algorithm>

ImageLabel::ImageLabel(QWidget* parent)
    : QLabel(parent)
{
    setAlignment(Qt::AlignCenter);
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored); // the pixmap follows the label
}

void ImageLabel::setImage(const QImage& image)
{
    m_pixmap = QPixmap::fromImage(image);
    updateScaled();
}

void ImageLabel::clearImage()
{
    m_pixmap = QPixmap();
    clear();
}

double ImageLabel::shownScale() const
{
    if (m_pixmap.isNull())
        return 1;
    if (m_scale > 0)
        return m_scale;
    const QSizeF size = m_pixmap.deviceIndependentSize();
    const QSize room = contentsRect().size();
    if (room.isEmpty())
        return 1;
    return std::min({1.0, room.width() / size.width(), room.height() / size.height()});
}

void ImageLabel::fit()
{
    m_scale = 0;
    setMinimumSize(0, 0);
    updateScaled();
    emit scaleChanged();
}

void ImageLabel::setScale(double scale)
{
    m_scale = std::clamp(scale, minScale, maxScale);
    updateScaled();
    emit scaleChanged();
}

void ImageLabel::zoomIn()
{
    setScale(shownScale() * step);
}

void ImageLabel::zoomOut()
{
    setScale(shownScale() / step);
}

QSize ImageLabel::sizeHint() const
{
    if (m_pixmap.isNull())
        return QLabel::sizeHint();
    return (m_pixmap.deviceIndependentSize() * (m_scale > 0 ? m_scale : 1)).toSize();
}

QSize ImageLabel::minimumSizeHint() const
{
    return {16, 16};
}

void ImageLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    if (m_scale == 0)
        updateScaled();
}

void ImageLabel::wheelEvent(QWheelEvent* event)
{
    if (!(event->modifiers() & Qt::ControlModifier) || m_pixmap.isNull()) {
        event->ignore(); // the scroll area scrolls
        return;
    }
    if (event->angleDelta().y() > 0)
        zoomIn();
    else if (event->angleDelta().y() < 0)
        zoomOut();
    event->accept();
}

void ImageLabel::updateScaled()
{
    if (m_pixmap.isNull())
        return;
    if (m_scale > 0) {
        const QSize size = (m_pixmap.deviceIndependentSize() * m_scale).toSize().expandedTo({1, 1});
        setMinimumSize(size); // the scroll area around it scrolls
        QPixmap scaled = m_pixmap.scaled(size * devicePixelRatioF(), Qt::KeepAspectRatio,
                                         m_scale < 1 ? Qt::SmoothTransformation : Qt::FastTransformation);
        scaled.setDevicePixelRatio(devicePixelRatioF());
        setPixmap(scaled); // zoomed in, pixels stay crisp squares
        return;
    }
    const QSize room = contentsRect().size();
    if (room.isEmpty() || (m_pixmap.width() <= room.width() && m_pixmap.height() <= room.height())) {
        setPixmap(m_pixmap);
        return;
    }
    QPixmap scaled =
        m_pixmap.scaled(room * devicePixelRatioF(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
    scaled.setDevicePixelRatio(devicePixelRatioF());
    setPixmap(scaled);
}
