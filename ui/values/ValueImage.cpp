#include "ValueImage.h"

#include "ValueFormat.h"

#include <QBuffer>
#include <QImageReader>

ValueImage ValueImage::decode(const QByteArray& bytes)
{
    ValueImage result;
    const QByteArray format = ValueFormat::imageFormat(bytes);
    if (format.isEmpty()) {
        result.m_error = tr("These bytes do not start like a PNG, JPEG, GIF or WebP image.");
        return result;
    }
    QByteArray copy = bytes; // QBuffer wants a non-const array; this one shares the bytes
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, format);
    reader.setAllocationLimit(allocationLimitMb);
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > maxSide || size.height() > maxSide)) {
        result.m_error = tr("The image says it is %1 × %2 pixels; only images up to %3 × %3 are shown.")
                             .arg(size.width())
                             .arg(size.height())
                             .arg(maxSide);
        return result;
    }
    if (!size.isValid() && !reader.canRead()) {
        result.m_error = tr("These bytes start like a %1 image but Qt cannot decode them.")
                             .arg(QString::fromLatin1(format.toUpper()));
        return result;
    }
    if (!reader.read(&result.m_image)) {
        result.m_error = tr("These bytes start like a %1 image but do not decode: %2.")
                             .arg(QString::fromLatin1(format.toUpper()), reader.errorString());
        return result;
    }
    if (result.m_image.width() > maxSide || result.m_image.height() > maxSide) { // a size() that lied
        result.m_image = QImage();
        result.m_error = tr("The image is larger than %1 × %1 pixels and is not shown.").arg(maxSide);
        return result;
    }
    result.m_format = format;
    return result;
}

QString ValueImage::description() const
{
    if (isNull())
        return {};
    return tr("%1, %2 × %3 pixels")
        .arg(QString::fromLatin1(m_format.toUpper()))
        .arg(m_image.width())
        .arg(m_image.height());
}
