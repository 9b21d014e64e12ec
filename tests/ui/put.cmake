# Put panel: TTL slider, value editor, byte counter, secret, put request and result.
odb_ui_test(tst_putpanel TIMEOUT 60 LABELS "put")
odb_ui_test(tst_ttlslider TIMEOUT 60 LABELS "put")
