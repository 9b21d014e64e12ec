#include "StatusLook.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>

namespace {

QIcon themed(const char* name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(QLatin1String(name), QApplication::style()->standardIcon(fallback));
}

// A hue pulled towards the palette's text colour, so that it reads on light and dark themes.
QColor tinted(QColor hue, const QPalette& palette)
{
    const QColor text = palette.color(QPalette::Text);
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    if (dark)
        hue = hue.lighter(150);
    const auto mix = [](int a, int b) { return (a * 3 + b) / 4; };
    return QColor(mix(hue.red(), text.red()), mix(hue.green(), text.green()), mix(hue.blue(), text.blue()));
}

} // namespace

namespace StatusLook {

QIcon icon(const GatewayVerdict& verdict)
{
    using S = GatewayVerdict::State;
    switch (verdict.state()) {
    case S::Ok:
    case S::Lone:
        return themed("emblem-default", QStyle::SP_DialogApplyButton);
    case S::Slow:
    case S::Joining:
    case S::Waiting:
        return themed("dialog-information", QStyle::SP_MessageBoxInformation);
    case S::Isolated:
    case S::SlowDht:
    case S::ReadsFailing:
    case S::PutsFailing:
        return themed("dialog-warning", QStyle::SP_MessageBoxWarning);
    case S::Down:
        return themed("dialog-error", QStyle::SP_MessageBoxCritical);
    }
    return {};
}

QColor colour(const GatewayVerdict& verdict, const QPalette& palette)
{
    if (!verdict.isKnown())
        return palette.color(QPalette::Text);
    if (verdict.isHealthy())
        return tinted(QColor(0x1b, 0x80, 0x2a), palette);
    if (verdict.state() == GatewayVerdict::State::Down)
        return tinted(QColor(0xc0, 0x1c, 0x28), palette);
    return tinted(QColor(0xc6, 0x5d, 0x00), palette);
}

QColor greyed(const QPalette& palette)
{
    return palette.color(QPalette::Disabled, QPalette::Text);
}

QIcon inUseIcon()
{
    return themed("network-transmit-receive", QStyle::SP_DriveNetIcon);
}

QIcon recommendedIcon()
{
    return themed("starred", QStyle::SP_ArrowUp);
}

} // namespace StatusLook
