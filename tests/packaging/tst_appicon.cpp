// The application icon as users see it: Qt draws the window icon from the SVG in odb_ui's
// resources, desktops show the PNGs; both must exist and be the same picture at every size.
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QtTest>

namespace {

const QString iconDir = QStringLiteral(":/opendht-browser/icons/");
const QString appId = QStringLiteral("io.github.opendhtbrowser.OpenDhtBrowser");

QString svgPath()
{
    return iconDir + appId + u".svg";
}

QString pngPath(int size)
{
    return iconDir + QStringLiteral("%1x%1/").arg(size) + appId + u".png";
}

QImage drawnByQt(int size)
{
    QImageReader reader(svgPath());
    reader.setScaledSize(QSize(size, size));
    return reader.read().convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

struct Difference
{
    double mean = 0;    // of all premultiplied channels, 0 (same) to 255
    double visible = 0; // fraction of pixels with a channel off by more than a quarter
};

Difference difference(const QImage& a, const QImage& b)
{
    qint64 sum = 0;
    int visible = 0;
    for (int y = 0; y < a.height(); ++y) {
        const auto* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* pb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            const int channels[] = {qAbs(qRed(pa[x]) - qRed(pb[x])), qAbs(qGreen(pa[x]) - qGreen(pb[x])),
                                    qAbs(qBlue(pa[x]) - qBlue(pb[x])), qAbs(qAlpha(pa[x]) - qAlpha(pb[x]))};
            int largest = 0;
            for (int c : channels) {
                sum += c;
                largest = qMax(largest, c);
            }
            visible += largest > 64 ? 1 : 0;
        }
    }
    const double pixels = double(a.width()) * a.height();
    return {double(sum) / (4.0 * pixels), visible / pixels};
}

} // namespace

class AppIconTest : public QObject
{
    Q_OBJECT

private slots:
    void svgIsAResourceOfTheUi()
    {
        QVERIFY2(QFile::exists(svgPath()), "ui/CMakeLists.txt must include resources/icons.cmake");
    }

    void qtReadsSvg()
    {
        QVERIFY2(QImageReader::supportedImageFormats().contains("svg"),
                 "Qt's SVG image plugin is missing (Debian package libqt6svg6)");
    }

    // The sizes resources/icons/render writes, installed in the hicolor theme.
    void pngIsTheSvgAtItsSize_data()
    {
        QTest::addColumn<int>("size");
        for (int size : {16, 24, 32, 48, 64, 128, 256})
            QTest::addRow("%dx%d", size, size) << size;
    }
    void pngIsTheSvgAtItsSize()
    {
        QFETCH(int, size);
        const QImage png = QImage(pngPath(size)).convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QCOMPARE(png.size(), QSize(size, size));
        const QImage svg = drawnByQt(size);
        QCOMPARE(svg.size(), QSize(size, size));
        // A round icon: opaque in the middle, transparent in the corners.
        QCOMPARE(qAlpha(svg.pixel(size / 2, size / 2)), 255);
        QCOMPARE(qAlpha(svg.pixel(0, 0)), 0);
        // Renderers antialias differently (here: mean under 3.5, 0.2 % of pixels visibly); a
        // stale PNG (a colour, a node moved by 4 units of 128) or an SVG feature Qt does not draw
        // (the gradient) differs by more.
        const Difference d = difference(png, svg);
        QVERIFY2(d.mean < 4.5 && d.visible < 0.005,
                 qPrintable(QStringLiteral("PNG and SVG differ: mean %1, %2 % of pixels visibly; run "
                                           "resources/icons/render after editing the SVG")
                                .arg(d.mean)
                                .arg(d.visible * 100)));
    }
};

QTEST_MAIN(AppIconTest)
#include "tst_appicon.moc"
