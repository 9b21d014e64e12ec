# The whole window driven as a user would, against real gateways (and the embedded one).
odb_ui_test(tst_browser TIMEOUT 120 LABELS "window")
add_dependencies(tst_browser opendht-browser)
target_compile_definitions(tst_browser PRIVATE ODB_BROWSER_DEFAULT="$<TARGET_FILE:opendht-browser>")
# The embedded gateway per DHT network (core's LocalGateway and GatewayHealth, real processes).
odb_ui_test(tst_localgateway TIMEOUT 120 LABELS "window")
add_dependencies(tst_localgateway opendht-gateway)
# The window as the gateway under it is given (--gateway), chosen or replaced; a TEST-ONLY
# HostileServer stands in for a proxy where the POSTs it takes must be seen.
odb_ui_test(tst_windowgateway TIMEOUT 180 LABELS "window")
add_dependencies(tst_windowgateway opendht-gateway)
target_link_libraries(tst_windowgateway PRIVATE odb_hostile_fixture)
# The window's layout from 800x500 to 1600x1000 (geometry of the key field, the Value column,
# the put button and the docks), over a real gateway.
odb_ui_test(tst_windowlayout TIMEOUT 120 LABELS "window")
add_dependencies(tst_windowlayout opendht-gateway)
# The same at scale 2 (QT_SCALE_FACTOR) on an offscreen 4K screen (3840x2160 pixels, so
# 1920x1080 logical: 800x500 and 1600x1000 fit): the sizes the test asks for are logical pixels.
add_test(NAME ui.tst_windowlayout_scale2 COMMAND tst_windowlayout)
set_tests_properties(ui.tst_windowlayout_scale2 PROPERTIES
    LABELS "ui;window"
    TIMEOUT 120
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen:configfile=${CMAKE_CURRENT_SOURCE_DIR}/screen-4k.json;QT_SCALE_FACTOR=2;ODB_GATEWAY=$<TARGET_FILE:opendht-gateway>;LC_ALL=C.UTF-8")
odb_own_home(ui.tst_windowlayout_scale2)
# File > Export Values / Import Values (ui/window/ValuesTransfer, core/archive), round-tripped over
# a real gateway and checked with Python's xmlrpc.client (classic_details.py); the metadata of
# stock dhtnodes' values exported, compared with opendht-cli's JSON.
odb_ui_test(tst_valuestransfer TIMEOUT 240 LABELS "window;dht")
add_dependencies(tst_valuestransfer opendht-gateway opendht-cli)
target_compile_definitions(tst_valuestransfer PRIVATE ODB_TEST_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}")
# Proxy puts kept across a restart, File > Kept Puts and the quit notice (issue 21), over stock
# dhtnode proxies behind the TEST-ONLY POST-counting relay (tests/support/StockRelay.h).
odb_ui_test(tst_keptputsview TIMEOUT 120 LABELS "window")
