#pragma once

#include "core/settings/Settings.h"

// The browser's one Settings (browser.conf), for the widgets that remember something. Made on
// first use, as a child of the application, once its organisation and name are set; it writes
// what is pending when the application is about to quit and when it goes. Core classes get it
// passed in (ActiveGateway); they never call this.
Settings& browserSettings();
