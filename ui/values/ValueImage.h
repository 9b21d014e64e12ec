#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QImage>
#include <QSize>
#include <QString>

// A value decoded as an image, within limits: the size the image claims is checked before any
// pixel is decoded, and the decoder's own allocation limit is set, so that a 60-byte header
// claiming 100000 × 100000 pixels costs nothing.
class ValueImage
{
    Q_DECLARE_TR_FUNCTIONS(ValueImage)
public:
    static constexpr int maxSide = 4096;
    static constexpr int allocationLimitMb = 64;

    static ValueImage decode(const QByteArray& bytes);

    bool isNull() const { return m_image.isNull(); }
    const QImage& image() const { return m_image; }
    QByteArray format() const { return m_format; }
    // "PNG, 16 × 16 pixels".
    QString description() const;
    // Why there is no image, in words (empty when there is one).
    QString error() const { return m_error; }

private:
    QImage m_image;
    QByteArray m_format;
    QString m_error;
};
