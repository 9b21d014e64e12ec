#include "ChooserState.h"

namespace chooser {

namespace {

Step failed(State state)
{
    switch (state) {
    case State::Automatic: // nothing took over: say so, and look for other gateways
        return {State::AutomaticFailing, Action::ReportFailing | Action::Discover};
    case State::Manual:
        return {State::ManualFailing, Action::ReportFailing};
    default: // said already; a seeded choice is judged once measured
        return {state, Action::None};
    }
}

// The user's choice, whatever the state: a failure of another gateway is no longer news.
Step manual(State state, Actions actions)
{
    return {State::Manual, isAutomatic(state) ? actions | Action::AnnounceMode : actions};
}

} // namespace

bool isAutomatic(State state)
{
    return state == State::Automatic || state == State::Seeded || state == State::AutomaticFailing;
}

Step transition(State state, Event event)
{
    const bool automatic = isAutomatic(state);
    switch (event) {
    case Event::StartOnRemembered:
        return {state == State::Automatic ? State::Seeded : state, Action::None};
    case Event::Measured:
        return state == State::Seeded ? Step{State::Automatic, Action::Follow} : Step{state, Action::None};
    case Event::Failed:
        return failed(state);
    case Event::Recovered:
        if (state == State::AutomaticFailing)
            return {State::Automatic, Action::None};
        return {state == State::ManualFailing ? State::Manual : state, Action::None};
    case Event::Replaced:
        return {state == State::AutomaticFailing ? State::Automatic : state, Action::None};
    case Event::FailedOver: // through the new gateway, which answers
        if (state == State::Automatic || state == State::AutomaticFailing)
            return {State::Automatic, Action::Discover};
        return {state, Action::None};
    case Event::Use:
        return manual(state, Action::SaveMode);
    case Event::UseForThisRun:
        return manual(state, Action::None);
    case Event::AutomaticOn:
        if (automatic)
            return {state, Action::None};
        return {State::Automatic, Action::SaveMode | Action::AnnounceMode | Action::Follow};
    case Event::AutomaticOff:
        if (!automatic)
            return {state, Action::None};
        return {State::Manual, Action::SaveMode | Action::AnnounceMode};
    case Event::CurrentLeft: // automatic, from scratch
        if (automatic)
            return {State::Automatic, Action::Follow};
        return {State::Automatic, Action::SaveMode | Action::AnnounceMode | Action::Follow};
    }
    return {state, Action::None};
}

} // namespace chooser

namespace chooser {

Next<Search> transition(Search state, SearchEvent event)
{
    switch (event) {
    case SearchEvent::Wanted: // one under way, or waiting already, is enough
        return {state == Search::Idle ? Search::Waiting : state, Action::None};
    case SearchEvent::GatewayAnswers:
        if (state == Search::Waiting)
            return {Search::Running, Action::RunDiscovery};
        return {state, Action::None};
    case SearchEvent::Ended: // the directory may have new gateways to choose from
        if (state == Search::Running)
            return {Search::Idle, Action::Follow};
        return {state, Action::None};
    }
    return {state, Action::None};
}

Next<Day> transition(Day state, DayEvent event)
{
    switch (event) {
    case DayEvent::Started:
        return {state == Day::Unstarted ? Day::Open : state, Action::None};
    case DayEvent::Over: // the new day's gateways are read before its choice is remembered
        if (state == Day::Open)
            return {Day::Renewing, Action::Discover};
        return {state, Action::None};
    case DayEvent::SearchEnded:
        return {state == Day::Renewing ? Day::Open : state, Action::None};
    }
    return {state, Action::None};
}

Next<Alarm> transition(Alarm state, AlarmEvent event)
{
    switch (event) {
    case AlarmEvent::NoneHealthy:
        if (state == Alarm::Quiet)
            return {Alarm::Raised, Action::ReportNoneAnswers};
        return {state, Action::None};
    case AlarmEvent::OneHealthy:
        return {Alarm::Quiet, Action::None};
    }
    return {state, Action::None};
}

} // namespace chooser
