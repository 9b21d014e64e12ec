#pragma once

#include <QStringList>

// A tooltip that shows untrusted text exactly as it is. Qt decides per tooltip whether it is
// rich text, so escaping alone is not enough: an escaped "&lt;b&gt;" would then be shown as
// typed. Each line is escaped and the whole is always rich text, with spaces kept.
QString plainToolTip(const QStringList& lines);
