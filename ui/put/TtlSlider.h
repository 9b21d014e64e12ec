#pragma once

#include "core/dht/DhtLimits.h"

#include <QWidget>

class QLabel;
class QSlider;
class QSpinBox;
class QTimer;

// How long a put value lives: a slider over tidy durations from 1 minute to 1 week on a
// logarithmic scale, an exact seconds box beside it, and the duration in words with the local
// time it ends. The slider snaps to these steps, each about 1.2 to 2 times the one before, so that
// every position is a duration people choose (the middle lands near 3 h, not 3.5 days):
//   1, 2, 3, 5, 10, 15, 20, 30, 45 min; 1, 1.5, 2, 2.5, 3, 4, 6, 8, 12, 18 h; 1, 1.5, 2, 3, 4, 5, 6, 7 d.
// The seconds box takes any exact value from 1 s to a week; the slider then shows the nearest
// step while the typed seconds stay what they are.
class TtlSlider : public QWidget
{
    Q_OBJECT
public:
    static constexpr int minSeconds = 60;
    static constexpr int maxSeconds = DhtLimits::maxTtlSeconds;

    explicit TtlSlider(QWidget* parent = nullptr);

    int seconds() const;
    // Clamped to what the seconds box takes (1 s to a week).
    void setSeconds(int seconds);

    QSlider* slider() const { return m_slider; }
    QSpinBox* secondsBox() const { return m_secondsBox; }
    // "2 h 30 min, until 16:45": the duration in words and the local time it ends.
    QLabel* descriptionLabel() const { return m_description; }

    // The slider position nearest (on the log scale) to a number of seconds, and the step at a position.
    static int positionFor(int seconds);
    static int secondsAt(int position);

signals:
    void secondsChanged(int seconds);

private:
    void onSliderMoved(int position);
    void onSecondsTyped(int seconds);
    void updateDescription();

    QSlider* m_slider;
    QSpinBox* m_secondsBox;
    QLabel* m_description;
    QTimer* m_clock;
    bool m_syncing = false;
};
