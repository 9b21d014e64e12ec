#pragma once

#include <QFlags>

// GatewayChooser's state, as enums, and its rules as pure transition functions from a state
// and an event to the next state and what to do (tests/unit/tst_chooserstate covers every
// pair). The state has four parts that change independently: the mode (which gateway is
// current and whether its failure was told), the discovery, the choice of the day and the
// "no gateway answers" alarm. The chooser turns what it sees into events and carries the
// actions out.
namespace chooser {

enum class State
{
    Automatic,        // on the gateway the choice rule gives (GatewayChoice), if any
    Seeded,           // automatic, on the remembered choice of the day until the probe measured it
    AutomaticFailing, // automatic, the current gateway fails and no other is fit: said once
    Manual,           // on the user's gateway, never switched behind their back
    ManualFailing     // ...which fails or is unhealthy: said once
};

enum class Event
{
    StartOnRemembered, // start() in automatic mode, with a choice of the day
    Measured,          // the current gateway has its first sample
    Failed,            // the current gateway fails (in automatic mode: and the rule has no other)
    Recovered,         // the current gateway is healthy again
    Replaced,          // the rule took another gateway...
    FailedOver,        // ...in place of one that failed
    Use,               // the user chose a gateway (kept for the next starts)
    UseForThisRun,     // a gateway given for this run only (opendht-browser --gateway)
    AutomaticOn,
    AutomaticOff,
    CurrentLeft // the current gateway left the directory
};

// The discovery of the gateways announced in the DHT (GatewayDiscovery): one at a time, and
// only through a gateway that answers.
enum class Search
{
    Idle,
    Waiting, // wanted, until a gateway answers
    Running
};

enum class SearchEvent
{
    Wanted,         // discover()
    GatewayAnswers, // a probe of some gateway answered
    Ended           // the discovery found what it found, or failed
};

// The choice of the day (ChoiceStore::rememberChoice), kept for the next starts of the day.
enum class Day
{
    Unstarted, // before start(), which reads it: nothing is remembered yet
    Open,      // the automatic choice is remembered as the day's whenever it changes
    Renewing   // the day is over: the next choice is remembered once the new day's discovery ended
};

enum class DayEvent
{
    Started,    // start()
    Over,       // a day after the choice was remembered
    SearchEnded // the discovery ended
};

// noGatewayAnswers(): once, until a gateway is healthy again.
enum class Alarm
{
    Quiet,
    Raised
};

enum class AlarmEvent
{
    NoneHealthy, // every gateway was judged and none is healthy, or a round had no answer
    OneHealthy
};

enum class Action
{
    None = 0,
    Follow = 1,            // apply the choice rule (soon)
    ReportFailing = 2,     // currentFailing()
    Discover = 4,          // read the gateways announced in the DHT (SearchEvent::Wanted)
    SaveMode = 8,          // write the mode (and the user's gateway) to the store
    AnnounceMode = 16,     // automaticChanged()
    RunDiscovery = 32,     // start the discovery through a gateway that answers
    ReportNoneAnswers = 64 // noGatewayAnswers()
};
Q_DECLARE_FLAGS(Actions, Action)

template <class S> struct Next
{
    S state;
    Actions actions;
};
using Step = Next<State>;

Step transition(State state, Event event);
Next<Search> transition(Search state, SearchEvent event);
Next<Day> transition(Day state, DayEvent event);
Next<Alarm> transition(Alarm state, AlarmEvent event);
bool isAutomatic(State state);

// Moves state on by event and returns what is to be done.
template <class S, class E> Actions advance(S& state, E event)
{
    const Next<S> next = transition(state, event);
    state = next.state;
    return next.actions;
}

} // namespace chooser

Q_DECLARE_OPERATORS_FOR_FLAGS(chooser::Actions)
