#pragma once

#include "core/probe/GatewayVerdict.h"

#include <QColor>
#include <QIcon>

class QPalette;

// How a gateway's verdict looks in the table: an icon from the desktop's theme (a style's
// standard icon where the theme has none) and a colour that suits the palette, both beside the
// word, never instead of it.
namespace StatusLook {

QIcon icon(const GatewayVerdict& verdict);
QColor colour(const GatewayVerdict& verdict, const QPalette& palette);
// Figures of a gateway that no longer answers: the palette's disabled text.
QColor greyed(const QPalette& palette);
QIcon inUseIcon();
QIcon recommendedIcon();

} // namespace StatusLook
