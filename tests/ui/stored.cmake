# The "Stored here" panel (ui/stored, issue 20). Run: ctest -L stored --output-on-failure
odb_ui_test(tst_storedkeys TIMEOUT 90 LABELS "stored")
# The UI thread's CPU time per turn of the event loop while 100 000 keys page in (issue 20).
# A measurement of the UI thread's CPU per event (a budget, not a function): run with -L bench,
# not in the default suite, as speed belongs to benchmarks.
odb_ui_test(tst_storedpaging TIMEOUT 180 LABELS "stored;bench")
# The side panel of keys in the window over a real gateway and opendht-cli: first start, empty
# state, click to open, listed after a put, history and bookmarks pages.
odb_ui_test(tst_windowstored TIMEOUT 120 LABELS "stored;window")
add_dependencies(tst_windowstored opendht-gateway opendht-cli)
