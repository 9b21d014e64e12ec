// GatewayChooser's explicit state (chooser::transition, for each of its four parts): every state
// against every event, with the state it leads to and what the chooser then does. A pair not listed below
// changes nothing and does nothing; the test checks that too, so a new transition has to be written down
// here.
#include "core/probe/ChooserState.h"

#include <QTest>

using namespace chooser;

Q_DECLARE_METATYPE(chooser::State)
Q_DECLARE_METATYPE(chooser::Event)
Q_DECLARE_METATYPE(chooser::Actions)

namespace {

const QList<State> states{State::Automatic, State::Seeded, State::AutomaticFailing, State::Manual,
                          State::ManualFailing};
const QList<Event> events{
    Event::StartOnRemembered, Event::Measured,     Event::Failed,     Event::Recovered,
    Event::Replaced,          Event::FailedOver,   Event::Use,        Event::UseForThisRun,
    Event::AutomaticOn,       Event::AutomaticOff, Event::CurrentLeft};

struct Row
{
    State from;
    Event event;
    State to;
    Actions actions;
};

const Actions none = Action::None;
const Actions modeChange = Action::SaveMode | Action::AnnounceMode;

// Every transition that changes the state or does something.
const QList<Row> table{
    {State::Automatic, Event::StartOnRemembered, State::Seeded, none},
    {State::Seeded, Event::Measured, State::Automatic, Action::Follow},
    // A failure is told once (and, automatic, other gateways looked for), until it recovers.
    {State::Automatic, Event::Failed, State::AutomaticFailing, Action::ReportFailing | Action::Discover},
    {State::Manual, Event::Failed, State::ManualFailing, Action::ReportFailing},
    {State::AutomaticFailing, Event::Recovered, State::Automatic, none},
    {State::ManualFailing, Event::Recovered, State::Manual, none},
    {State::AutomaticFailing, Event::Replaced, State::Automatic, none},
    {State::Automatic, Event::FailedOver, State::Automatic, Action::Discover},
    {State::AutomaticFailing, Event::FailedOver, State::Automatic, Action::Discover},
    // The user's choice, from any state; from automatic mode it is a change of mode.
    {State::Automatic, Event::Use, State::Manual, modeChange},
    {State::Seeded, Event::Use, State::Manual, modeChange},
    {State::AutomaticFailing, Event::Use, State::Manual, modeChange},
    {State::Manual, Event::Use, State::Manual, Action::SaveMode},
    {State::ManualFailing, Event::Use, State::Manual, Action::SaveMode},
    // For this run only: nothing saved.
    {State::Automatic, Event::UseForThisRun, State::Manual, Action::AnnounceMode},
    {State::Seeded, Event::UseForThisRun, State::Manual, Action::AnnounceMode},
    {State::AutomaticFailing, Event::UseForThisRun, State::Manual, Action::AnnounceMode},
    {State::ManualFailing, Event::UseForThisRun, State::Manual, none},
    {State::Manual, Event::AutomaticOn, State::Automatic, modeChange | Action::Follow},
    {State::ManualFailing, Event::AutomaticOn, State::Automatic, modeChange | Action::Follow},
    {State::Automatic, Event::AutomaticOff, State::Manual, modeChange},
    {State::Seeded, Event::AutomaticOff, State::Manual, modeChange},
    {State::AutomaticFailing, Event::AutomaticOff, State::Manual, modeChange},
    // The current gateway left the list: automatic, from scratch.
    {State::Automatic, Event::CurrentLeft, State::Automatic, Action::Follow},
    {State::Seeded, Event::CurrentLeft, State::Automatic, Action::Follow},
    {State::AutomaticFailing, Event::CurrentLeft, State::Automatic, Action::Follow},
    {State::Manual, Event::CurrentLeft, State::Automatic, modeChange | Action::Follow},
    {State::ManualFailing, Event::CurrentLeft, State::Automatic, modeChange | Action::Follow},
};

// The other three parts, each with the same kind of table.
template <class S, class E> struct RowOf
{
    S from;
    E event;
    S to;
    Actions actions;
};

const QList<RowOf<Search, SearchEvent>> searchTable{
    {Search::Idle, SearchEvent::Wanted, Search::Waiting, none},
    {Search::Waiting, SearchEvent::GatewayAnswers, Search::Running, Action::RunDiscovery},
    {Search::Running, SearchEvent::Ended, Search::Idle, Action::Follow},
};

const QList<RowOf<Day, DayEvent>> dayTable{
    {Day::Unstarted, DayEvent::Started, Day::Open, none},
    {Day::Open, DayEvent::Over, Day::Renewing, Action::Discover},
    {Day::Renewing, DayEvent::SearchEnded, Day::Open, none},
};

const QList<RowOf<Alarm, AlarmEvent>> alarmTable{
    {Alarm::Quiet, AlarmEvent::NoneHealthy, Alarm::Raised, Action::ReportNoneAnswers},
    {Alarm::Raised, AlarmEvent::OneHealthy, Alarm::Quiet, none},
};

// Every pair of a state and an event against the table (a pair not in it changes nothing and
// does nothing); the pairs that differ, in words.
template <class S, class E>
QStringList mismatches(const QList<S>& states, const QList<E>& events, const QList<RowOf<S, E>>& table)
{
    QStringList wrong;
    for (const S from : states) {
        for (const E event : events) {
            RowOf<S, E> expected{from, event, from, none};
            int rows = 0;
            for (const auto& r : table) {
                if (r.from == from && r.event == event) {
                    expected = r;
                    ++rows;
                }
            }
            const Next<S> next = transition(from, event);
            if (rows > 1 || next.state != expected.to || next.actions != expected.actions)
                wrong << QStringLiteral("state %1, event %2: state %3 and actions %4 (rows: %5)")
                             .arg(int(from))
                             .arg(int(event))
                             .arg(int(next.state))
                             .arg(int(next.actions))
                             .arg(rows);
        }
    }
    return wrong;
}

} // namespace

class TestChooserState : public QObject
{
    Q_OBJECT
private slots:
    void everyTransition_data()
    {
        QTest::addColumn<State>("from");
        QTest::addColumn<Event>("event");
        QTest::addColumn<State>("to");
        QTest::addColumn<Actions>("actions");
        for (const State from : states) {
            for (const Event event : events) {
                Row expected{from, event, from, none};
                for (const Row& r : table) {
                    if (r.from == from && r.event == event)
                        expected = r;
                }
                QTest::addRow("state %d, event %d", int(from), int(event))
                    << from << event << expected.to << expected.actions;
            }
        }
    }
    void everyTransition()
    {
        QFETCH(State, from);
        QFETCH(Event, event);
        QFETCH(State, to);
        QFETCH(Actions, actions);
        const Step step = transition(from, event);
        QCOMPARE(int(step.state), int(to));
        QCOMPARE(int(step.actions), int(actions));
    }

    void theTableNamesEachPairOnce()
    {
        for (const Row& r : table) {
            const auto same = [&](const Row& o) { return o.from == r.from && o.event == r.event; };
            QCOMPARE(std::count_if(table.cbegin(), table.cend(), same), 1);
        }
    }

    void onlyTheAutomaticStatesAreAutomatic()
    {
        QVERIFY(isAutomatic(State::Automatic));
        QVERIFY(isAutomatic(State::Seeded));
        QVERIFY(isAutomatic(State::AutomaticFailing));
        QVERIFY(!isAutomatic(State::Manual));
        QVERIFY(!isAutomatic(State::ManualFailing));
    }

    void everyTransitionOfTheDiscovery()
    {
        const QStringList wrong = mismatches<Search, SearchEvent>(
            {Search::Idle, Search::Waiting, Search::Running},
            {SearchEvent::Wanted, SearchEvent::GatewayAnswers, SearchEvent::Ended}, searchTable);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
    }

    void everyTransitionOfTheChoiceOfTheDay()
    {
        const QStringList wrong =
            mismatches<Day, DayEvent>({Day::Unstarted, Day::Open, Day::Renewing},
                                      {DayEvent::Started, DayEvent::Over, DayEvent::SearchEnded}, dayTable);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
    }

    void everyTransitionOfTheAlarm()
    {
        const QStringList wrong = mismatches<Alarm, AlarmEvent>(
            {Alarm::Quiet, Alarm::Raised}, {AlarmEvent::NoneHealthy, AlarmEvent::OneHealthy}, alarmTable);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
    }

    void aDiscoveryWantedTwiceRunsOnce()
    {
        // discover() at start and again at a failover, before any gateway answered.
        Search s = Search::Idle;
        int runs = 0;
        for (const SearchEvent e : {SearchEvent::Wanted, SearchEvent::Wanted, SearchEvent::GatewayAnswers,
                                    SearchEvent::Wanted, SearchEvent::GatewayAnswers})
            runs += advance(s, e).testFlag(Action::RunDiscovery);
        QCOMPARE(runs, 1);
        QCOMPARE(int(s), int(Search::Running));
    }

    void theNewDaysChoiceWaitsForItsDiscovery()
    {
        Day d = Day::Unstarted;
        advance(d, DayEvent::Started);
        QCOMPARE(int(d), int(Day::Open));
        QVERIFY(advance(d, DayEvent::Over).testFlag(Action::Discover));
        QCOMPARE(int(d), int(Day::Renewing)); // no choice remembered meanwhile
        advance(d, DayEvent::Started);        // start() is once
        QCOMPARE(int(d), int(Day::Renewing));
        advance(d, DayEvent::SearchEnded);
        QCOMPARE(int(d), int(Day::Open));
    }

    void aFailureIsToldOnceUntilItRecovers()
    {
        // A run of events as the chooser sees them: probes keep failing, then one answers.
        State s = State::Automatic;
        int told = 0;
        for (const Event e : {Event::Failed, Event::Failed, Event::Failed, Event::Recovered, Event::Failed}) {
            const Step step = transition(s, e);
            told += step.actions.testFlag(Action::ReportFailing);
            s = step.state;
        }
        QCOMPARE(told, 2);
        QCOMPARE(int(s), int(State::AutomaticFailing));
    }
};

QTEST_GUILESS_MAIN(TestChooserState)
#include "tst_chooserstate.moc"
