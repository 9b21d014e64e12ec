# Tests of ui/values: value formatting, the values table model and its filter, the value viewer,
# and the opendht-cli command that puts a value again (run against a real gateway).
odb_ui_test(tst_valueformat TIMEOUT 60 LABELS "values")
odb_ui_test(tst_valuesmodel TIMEOUT 60 LABELS "values")
odb_ui_test(tst_valueviewer TIMEOUT 60 LABELS "values")
# The header menu that chooses the values table's columns, in a key's tab.
odb_ui_test(tst_columnchooser TIMEOUT 60 LABELS "values")
odb_ui_test(tst_valuecommand TIMEOUT 120 LABELS "values")
add_dependencies(tst_valuecommand opendht-gateway opendht-cli)
# The line above the values table (ValuesStatus), following the model's rows.
odb_ui_test(tst_valuesstatus TIMEOUT 60 LABELS "values")
# The table on values other software made (issue 14): stock dhtnode producers and proxy, and
# libopendht's putSigned (tests/support/signed_producer) for a seq update, seen also by the CLI.
odb_ui_test(tst_othervalues TIMEOUT 180 LABELS "values;dht")
add_dependencies(tst_othervalues signed_producer opendht-cli)
# A signed value leaving the watched table at its real end: 11 minutes, soak.
odb_ui_test(tst_othervaluesexpiry TIMEOUT 900 LABELS "values;dht;soak")
# The viewer's decoders and details pane, on the fixtures of tests/fixtures/values.
odb_ui_test(tst_valuedecode TIMEOUT 60 LABELS "values")
target_compile_definitions(tst_valuedecode PRIVATE ODB_VALUE_FIXTURES="${CMAKE_SOURCE_DIR}/tests/fixtures/values")
# QtTest stops a test function after 5 minutes unless told otherwise.
set_property(TEST ui.tst_othervaluesexpiry APPEND PROPERTY ENVIRONMENT QTEST_FUNCTION_TIMEOUT=900000)
