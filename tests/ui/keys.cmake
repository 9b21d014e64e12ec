# Key bar, key history and bookmarks (ui/keys). Run: ctest -L keys --output-on-failure
odb_ui_test(tst_keyhistory TIMEOUT 60 LABELS "keys")
odb_ui_test(tst_bookmarksmodel TIMEOUT 60 LABELS "keys")
odb_ui_test(tst_keybar TIMEOUT 60 LABELS "keys")
# The history and bookmarks pages of the side panel (ui/keys HistoryPanel, BookmarksPanel).
odb_ui_test(tst_keyspanel TIMEOUT 60 LABELS "keys")
