// The TTL slider: its logarithmic scale of tidy steps, the duration in words, exact seconds.
#include "core/util/Duration.h"
#include "ui/put/TtlSlider.h"

#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QtTest>

#include <cmath>

class TstTtlSlider : public QObject
{
    Q_OBJECT
private slots:
    void scaleRunsFromOneMinuteToOneWeek();
    void scaleIsLogarithmicAndMonotonic();
    void stepsAreTidyDurations();
    void describesTheDurationInWords();
    void typedSecondsStayExact_data();
    void typedSecondsStayExact();
    void keyboardMovesByStepsAndPages();
    void setSecondsClampsToTheBoxRange();
    void endTimeTicks();
};

void TstTtlSlider::scaleRunsFromOneMinuteToOneWeek()
{
    TtlSlider ttl;
    ttl.slider()->setValue(ttl.slider()->minimum());
    QCOMPARE(ttl.seconds(), 60);
    QCOMPARE(TtlSlider::minSeconds, 60);
    ttl.slider()->setValue(ttl.slider()->maximum());
    QCOMPARE(ttl.seconds(), 604800);
    QCOMPARE(TtlSlider::maxSeconds, 604800);
    QCOMPARE(ttl.secondsBox()->minimum(), 1);
    QCOMPARE(ttl.secondsBox()->maximum(), 604800);
}

void TstTtlSlider::scaleIsLogarithmicAndMonotonic()
{
    TtlSlider ttl;
    QSlider* slider = ttl.slider();
    QVERIFY(slider->maximum() - slider->minimum() >= 10);
    int previous = 0;
    for (int position = slider->minimum(); position <= slider->maximum(); ++position) {
        slider->setValue(position);
        const int seconds = ttl.seconds();
        if (previous > 0) {
            // Each step grows by a similar factor: that is what makes the scale logarithmic.
            const double ratio = double(seconds) / previous;
            QVERIFY2(ratio >= 1.15 && ratio <= 2.5,
                     qPrintable(QStringLiteral("%1 -> %2").arg(previous).arg(seconds)));
        }
        previous = seconds;
    }
    // The middle of the slider is near the geometric middle (about 1 h 40 min), far from the
    // linear one (3.5 days).
    slider->setValue((slider->minimum() + slider->maximum()) / 2);
    const double geometricMiddle = std::sqrt(60.0 * 604800.0);
    QVERIFY2(ttl.seconds() > geometricMiddle / 2 && ttl.seconds() < geometricMiddle * 2,
             qPrintable(QString::number(ttl.seconds())));
}

void TstTtlSlider::stepsAreTidyDurations()
{
    TtlSlider ttl;
    for (int position = ttl.slider()->minimum(); position <= ttl.slider()->maximum(); ++position) {
        ttl.slider()->setValue(position);
        const QString words = Duration::format(ttl.seconds());
        // Whole minutes, and at most two units ("1 d 12 h", "2 h 30 min"), never "1 d 3 h 7 min".
        QCOMPARE(ttl.seconds() % 60, 0);
        QVERIFY2(words.split(u' ').size() <= 4, qPrintable(words));
    }
}

void TstTtlSlider::describesTheDurationInWords()
{
    TtlSlider ttl;
    ttl.setSeconds(9000);
    QCOMPARE(Duration::format(9000), QStringLiteral("2 h 30 min"));
    QVERIFY2(ttl.descriptionLabel()->text().startsWith(QStringLiteral("2 h 30 min")),
             qPrintable(ttl.descriptionLabel()->text()));
    QCOMPARE(ttl.descriptionLabel()->textFormat(), Qt::PlainText);
    QCOMPARE(ttl.slider()->value(), TtlSlider::positionFor(9000));
    QCOMPARE(TtlSlider::secondsAt(ttl.slider()->value()), 9000); // 2 h 30 min is a step

    // Moving the slider updates the words.
    ttl.slider()->setValue(TtlSlider::positionFor(86400));
    QCOMPARE(ttl.seconds(), 86400);
    QVERIFY2(ttl.descriptionLabel()->text().startsWith(QStringLiteral("1 d")),
             qPrintable(ttl.descriptionLabel()->text()));
}

void TstTtlSlider::typedSecondsStayExact_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<int>("nearestStep");
    QTest::newRow("between steps") << QStringLiteral("9001") << 9001 << 9000;
    QTest::newRow("below the slider") << QStringLiteral("30") << 30 << 60;
    QTest::newRow("nearer by ratio") << QStringLiteral("2460") << 2460 << 2700; // 41 min: 45 min, not 30
    QTest::newRow("a week") << QStringLiteral("604800") << 604800 << 604800;
}

void TstTtlSlider::typedSecondsStayExact()
{
    QFETCH(QString, typed);
    QFETCH(int, seconds);
    QFETCH(int, nearestStep);

    TtlSlider ttl;
    ttl.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ttl));
    QSignalSpy changed(&ttl, &TtlSlider::secondsChanged);
    QSpinBox* box = ttl.secondsBox();
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, typed);
    QTest::keyClick(box, Qt::Key_Return);

    QCOMPARE(ttl.seconds(), seconds);
    QCOMPARE(box->value(), seconds);
    QCOMPARE(TtlSlider::secondsAt(ttl.slider()->value()), nearestStep);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().at(0).toInt(), seconds);
    QVERIFY2(ttl.descriptionLabel()->text().startsWith(Duration::format(seconds)),
             qPrintable(ttl.descriptionLabel()->text()));
}

void TstTtlSlider::keyboardMovesByStepsAndPages()
{
    TtlSlider ttl;
    ttl.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ttl));
    ttl.setSeconds(3600);
    QSlider* slider = ttl.slider();
    slider->setFocus();
    const int start = slider->value();

    QTest::keyClick(slider, Qt::Key_Right);
    QCOMPARE(slider->value(), start + 1);
    QCOMPARE(ttl.seconds(), TtlSlider::secondsAt(start + 1));
    QTest::keyClick(slider, Qt::Key_Left);
    QCOMPARE(ttl.seconds(), 3600);
    QTest::keyClick(slider, Qt::Key_PageUp);
    QCOMPARE(slider->value(), start + slider->pageStep());
    QVERIFY(slider->pageStep() > 1);
    QTest::keyClick(slider, Qt::Key_End);
    QCOMPARE(ttl.seconds(), 604800);
    QTest::keyClick(slider, Qt::Key_Home);
    QCOMPARE(ttl.seconds(), 60);

    QVERIFY(!slider->accessibleName().isEmpty());
    QVERIFY(!ttl.secondsBox()->accessibleName().isEmpty());
}

void TstTtlSlider::setSecondsClampsToTheBoxRange()
{
    TtlSlider ttl;
    QSignalSpy changed(&ttl, &TtlSlider::secondsChanged);
    ttl.setSeconds(10 * 86400);
    QCOMPARE(ttl.seconds(), 604800);
    ttl.setSeconds(0);
    QCOMPARE(ttl.seconds(), 1);
    QCOMPARE(changed.size(), 2);
    ttl.setSeconds(1); // no change, no signal
    QCOMPARE(changed.size(), 2);
}

void TstTtlSlider::endTimeTicks()
{
    // In a locale whose time shows seconds, "1 h, until 09:15:46" must not stand still.
    QLocale::setDefault(QLocale::c());
    TtlSlider ttl;
    ttl.setSeconds(3600);
    const QString before = ttl.descriptionLabel()->text();
    QVERIFY2(QLocale().timeFormat(QLocale::ShortFormat).contains(u's'),
             qPrintable(QLocale().timeFormat(QLocale::ShortFormat)));
    QTRY_VERIFY_WITH_TIMEOUT(ttl.descriptionLabel()->text() != before, 5000);
    QVERIFY(ttl.descriptionLabel()->text().startsWith(QStringLiteral("1 h, until ")));
    QLocale::setDefault(QLocale::system());
}

QTEST_MAIN(TstTtlSlider)
#include "tst_ttlslider.moc"
