# The "Stored here" panel (ui/stored, issue 20). Run: ctest -L stored --output-on-failure
odb_ui_test(tst_storedkeys TIMEOUT 90 LABELS "stored")
