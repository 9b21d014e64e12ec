# The application icon as Qt resources of odb_ui, for the window icon (ui/CMakeLists.txt includes
# this file). The SVG needs Qt's SVG plugins (Debian libqt6svg6, a dependency of the package); the
# PNG renderings beside it (resources/icons/render) keep the icon when that plugin is missing.
#   :/opendht-browser/icons/io.github.opendhtbrowser.OpenDhtBrowser.svg
#   :/opendht-browser/icons/<N>x<N>/io.github.opendhtbrowser.OpenDhtBrowser.png  (16 to 256)
set(odb_icon_dir ${CMAKE_SOURCE_DIR}/resources/icons)
file(GLOB odb_icon_pngs CONFIGURE_DEPENDS
     ${odb_icon_dir}/*x*/io.github.opendhtbrowser.OpenDhtBrowser.png)
qt_add_resources(odb_ui "odb_icons"
    PREFIX "/opendht-browser"
    BASE ${CMAKE_SOURCE_DIR}/resources
    FILES ${odb_icon_dir}/io.github.opendhtbrowser.OpenDhtBrowser.svg ${odb_icon_pngs})
