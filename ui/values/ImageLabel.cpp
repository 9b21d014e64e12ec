#include "ImageLabel.h"

#include <QResizeEvent>

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

QSize ImageLabel::sizeHint() const
{
    return m_pixmap.isNull() ? QLabel::sizeHint() : m_pixmap.deviceIndependentSize().toSize();
}

QSize ImageLabel::minimumSizeHint() const
{
    return {16, 16};
}

void ImageLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    updateScaled();
}

void ImageLabel::updateScaled()
{
    if (m_pixmap.isNull())
        return;
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
