# Put panel: TTL slider, value editor, byte counter, secret, put request and result.
odb_ui_test(tst_putpanel TIMEOUT 60 LABELS "put")
odb_ui_test(tst_ttlslider TIMEOUT 60 LABELS "put")
# Plain OpenDHT values from the put dock (issue 19), over stock dhtnode proxies behind the
# TEST-ONLY POST-counting relay, read back by python3-opendht and a dhtnode shell.
odb_ui_test(tst_plainput TIMEOUT 180 LABELS "put;plain")
target_compile_definitions(tst_plainput PRIVATE ODB_PYTHON="${Python3_EXECUTABLE}"
    ODB_RELAY="${CMAKE_SOURCE_DIR}/tests/fixtures/relay/post_counting_relay.py"
    ODB_PLAIN_READER="${CMAKE_SOURCE_DIR}/tests/gateway/plain_reader.py")
