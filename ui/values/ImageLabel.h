#pragma once

#include <QLabel>
#include <QPixmap>

// Shows an image to fit (scaled down, keeping its proportions, never up, so a 16-pixel icon
// stays sharp) or at a zoom the user chose: 100 %, or in and out by steps, also with Ctrl and
// the mouse wheel. Zoomed, it asks for the scaled size, so a scroll area around it scrolls.
class ImageLabel : public QLabel
{
    Q_OBJECT
public:
    static constexpr double step = 1.25;
    static constexpr double minScale = 1.0 / 16;
    static constexpr double maxScale = 16;

    explicit ImageLabel(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    void clearImage();
    bool hasImage() const { return !m_pixmap.isNull(); }

    bool fits() const { return m_scale == 0; }
    // The scale the image is shown at now (in fit mode, what fitting gave).
    double shownScale() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void fit();
    void setScale(double scale); // 1 = 100 %
    void zoomIn();
    void zoomOut();

signals:
    void scaleChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void updateScaled();

    QPixmap m_pixmap;
    double m_scale = 0; // 0: fit
};
