# The gateway latency table: model, dock and add dialog, against real gateways.
odb_ui_test(tst_gatewaydock TIMEOUT 120 LABELS "gateways")
