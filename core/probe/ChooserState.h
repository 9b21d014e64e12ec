#pragma once

#include <QFlags>

// GatewayChooser's state as an enum, and its rules as a pure transition function from a state
// and an event to the next state and what to do (tests/unit/tst_chooserstate covers every
// pair). The chooser turns what it sees into events and carries the actions out.
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

enum class Action
{
    None = 0,
    Follow = 1,        // apply the choice rule (soon)
    ReportFailing = 2, // currentFailing()
    Discover = 4,      // read the gateways announced in the DHT
    SaveMode = 8,      // write the mode (and the user's gateway) to the store
    AnnounceMode = 16  // automaticChanged()
};
Q_DECLARE_FLAGS(Actions, Action)

struct Step
{
    State state;
    Actions actions;
};

Step transition(State state, Event event);
bool isAutomatic(State state);

} // namespace chooser

Q_DECLARE_OPERATORS_FOR_FLAGS(chooser::Actions)
