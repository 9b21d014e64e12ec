#include "TtlSlider.h"

#include "core/util/Duration.h"

#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>

#include <array>
#include <cmath>

namespace {

constexpr int minute = 60, hour = 3600, day = 86400;

// See the class comment: tidy durations, roughly evenly spaced on a log scale.
constexpr std::array<int, 27> steps = {
    1 * minute,  2 * minute,  3 * minute, 5 * minute,  10 * minute, 15 * minute,  20 * minute,
    30 * minute, 45 * minute, 1 * hour,   90 * minute, 2 * hour,    150 * minute, 3 * hour,
    4 * hour,    6 * hour,    8 * hour,   12 * hour,   18 * hour,   1 * day,      36 * hour,
    2 * day,     3 * day,     4 * day,    5 * day,     6 * day,     7 * day,
};
static_assert(steps.front() == TtlSlider::minSeconds && steps.back() == TtlSlider::maxSeconds);

constexpr int pageSteps = 3; // PageUp/PageDown: about a factor of 3 to 4

} // namespace

TtlSlider::TtlSlider(QWidget* parent)
    : QWidget(parent)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_secondsBox(new QSpinBox(this))
    , m_description(new QLabel(this))
    , m_clock(new QTimer(this))
{
    m_slider->setRange(0, int(steps.size()) - 1);
    m_slider->setSingleStep(1);
    m_slider->setPageStep(pageSteps);
    m_slider->setAccessibleName(tr("Time to live"));
    m_slider->setAccessibleDescription(
        tr("From %1 to %2, in steps").arg(Duration::format(minSeconds), Duration::format(maxSeconds)));

    m_secondsBox->setRange(1, maxSeconds);
    m_secondsBox->setSuffix(tr(" s"));
    m_secondsBox->setAccessibleName(tr("Time to live in seconds"));
    m_secondsBox->setToolTip(tr("The exact time to live in seconds (1 to %1)").arg(maxSeconds));

    m_description->setTextFormat(Qt::PlainText);
    m_description->setWordWrap(true);

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 0, 0);
    layout->addWidget(m_secondsBox, 0, 1);
    layout->addWidget(m_description, 1, 0, 1, 2);
    layout->setColumnStretch(0, 1);

    connect(m_slider, &QSlider::valueChanged, this, &TtlSlider::onSliderMoved);
    connect(m_secondsBox, &QSpinBox::valueChanged, this, &TtlSlider::onSecondsTyped);
    // The expiry is a clock time, shown to the second in many locales: keep it true, each
    // second, while the form stays open (one label's text a second costs nothing).
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &TtlSlider::updateDescription);
    m_clock->start();

    m_syncing = true;
    m_slider->setValue(positionFor(hour));
    m_secondsBox->setValue(hour);
    m_syncing = false;
    updateDescription();
}

int TtlSlider::seconds() const
{
    return m_secondsBox->value();
}

void TtlSlider::setSeconds(int seconds)
{
    m_secondsBox->setValue(qBound(1, seconds, maxSeconds)); // moves the slider through onSecondsTyped
}

int TtlSlider::positionFor(int seconds)
{
    // Nearest by ratio, so 40 min goes to 45 min rather than 30 min.
    const double target = std::log(double(qMax(1, seconds)));
    int best = 0;
    for (int i = 1; i < int(steps.size()); ++i) {
        if (std::abs(std::log(double(steps[i])) - target) < std::abs(std::log(double(steps[best])) - target))
            best = i;
    }
    return best;
}

int TtlSlider::secondsAt(int position)
{
    return steps[qBound(0, position, int(steps.size()) - 1)];
}

void TtlSlider::onSliderMoved(int position)
{
    if (m_syncing)
        return;
    m_syncing = true;
    m_secondsBox->setValue(secondsAt(position));
    m_syncing = false;
    updateDescription();
    emit secondsChanged(seconds());
}

void TtlSlider::onSecondsTyped(int seconds)
{
    if (m_syncing)
        return;
    m_syncing = true;
    m_slider->setValue(positionFor(seconds));
    m_syncing = false;
    updateDescription();
    emit secondsChanged(seconds);
}

void TtlSlider::updateDescription()
{
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime end = now.addSecs(seconds());
    const QLocale locale;
    const QString when = end.date() == now.date() ? locale.toString(end.time(), QLocale::ShortFormat)
                                                  : locale.toString(end, QLocale::ShortFormat);
    m_description->setText(tr("%1, until %2").arg(Duration::format(seconds()), when));
}
