# The Debian package: `cpack -G DEB` in a built build directory writes
# opendht-browser_<version>_<arch>.deb with the three programs, the desktop file, the AppStream
# metainfo and the icons, installed under /usr.
set(CPACK_PACKAGE_NAME "opendht-browser")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "OpenDHT Browser developers")
set(CPACK_PACKAGE_CONTACT "OpenDHT Browser developers <opendht-browser@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Debian shows these lines as they are: kept under 80 columns.
set(CPACK_PACKAGE_DESCRIPTION
    "OpenDHT Browser shows every value stored under a key of a distributed hash
table, puts values with a time to live and measures the latency of the gateways
it can use. It talks to classic Open DHT gateways (XML-RPC) and to OpenDHT REST
proxies, and starts its own local gateway when none answers.
The package also holds opendht-cli, the same operations from a terminal, and
opendht-gateway, a classic Open DHT gateway on an OpenDHT Kademlia network.")
set(CPACK_STRIP_FILES ON)

set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/opendhtbrowser/opendht-browser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Libraries the programs link come from dpkg-shlibdeps (package dpkg-dev; libqt6gui6 brings the
# X11 platform plugin). Plugins Qt loads at run time are seen by no linker: the SVG icon reader is
# required, the Wayland platform recommended (without it Qt uses X11 through XWayland).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
include(CPack)
