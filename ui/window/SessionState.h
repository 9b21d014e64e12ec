#pragma once

class MainWindow;

// What the window looks like between runs, in QSettings: geometry, docks (and the page of the
// side panel of keys in front), the open key tabs
// and which one was current, and the column and splitter layout of the values table.
namespace SessionState {

void save(MainWindow* window);
// The size of a first start, before any geometry was saved.
void resizeToDefault(MainWindow* window);
void restore(MainWindow* window);

} // namespace SessionState
