#pragma once

#include <QLabel>
#include <QPixmap>

// Shows an image at its own size, or scaled down (keeping its proportions) to fit the space
// the label has; never scaled up, so a 16-pixel icon stays sharp.
class ImageLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ImageLabel(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    void clearImage();
    bool hasImage() const { return !m_pixmap.isNull(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateScaled();

    QPixmap m_pixmap;
};
