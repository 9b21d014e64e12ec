# The Debian packages: `cpack -G DEB` in a built build directory writes three packages, one per
# install component, and a -dbgsym package of each with its debug symbols:
#   opendht-browser_<version>_<arch>.deb  the window, desktop file, AppStream metainfo, icons
#   opendht-cli_<version>_<arch>.deb      the command line client
#   opendht-gateway_<version>_<arch>.deb  the gateway, its systemd service and settings
# CPack components rather than a debian/ directory and dpkg-buildpackage: the packages are made
# from the build the tests have just tested, in seconds, where dpkg-buildpackage would compile
# everything again in a build of its own (about 15 CPU-minutes here). Each package has what
# debhelper would have added: /usr/share/doc/<package>/{copyright,changelog.gz}
# (packaging/debian), compressed man pages (packaging/man), and the gateway's maintainer scripts
# (packaging/gateway).
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "OpenDHT Browser developers")
# Whoever publishes the packages puts their own name and address here (-DODB_DEB_MAINTAINER=).
set(ODB_DEB_MAINTAINER "OpenDHT Browser developers <opendht-browser@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the Debian packages")
set(CPACK_PACKAGE_CONTACT "${ODB_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${ODB_DEB_MAINTAINER}")

set(CPACK_GENERATOR "DEB")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL browser cli gateway)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SOURCE "opendht-browser")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/opendhtbrowser/opendht-browser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Libraries the programs link come from dpkg-shlibdeps (package dpkg-dev), for each package.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The programs are stripped into the packages and their symbols kept in <package>-dbgsym
# (.ddeb, as Debian's archive does); this needs a build with -g (RelWithDebInfo, packaging/setup).
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)

# Debian shows the description lines as they are: kept under 80 columns. The first line is
# each package's synopsis: CPack would put CPACK_PACKAGE_DESCRIPTION_SUMMARY before it in every
# package unless that is CPack's own default, so it is left at that default.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_DEBIAN_BROWSER_PACKAGE_NAME "opendht-browser")
set(CPACK_DEBIAN_BROWSER_DESCRIPTION "browser for the values of an Open DHT
OpenDHT Browser shows every value stored under a key of a distributed hash
table, puts values with a time to live and measures the latency of the gateways
it can use. It talks to classic Open DHT gateways (XML-RPC) and to OpenDHT REST
proxies, and starts its own local opendht-gateway when none answers (install
opendht-gateway for that).")
# The Qt plugins it loads at run time are seen by no linker: the SVG icon reader is required,
# the Wayland platform recommended (without it Qt uses X11 through XWayland). The embedded
# local gateway is the opendht-gateway program.
set(CPACK_DEBIAN_BROWSER_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_BROWSER_PACKAGE_RECOMMENDS "opendht-gateway, qt6-wayland")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME "opendht-cli")
set(CPACK_DEBIAN_CLI_DESCRIPTION "command line client for Open DHT gateways
opendht-cli puts, gets, removes and watches the values of an Open DHT from a
terminal, through a classic Open DHT gateway (XML-RPC) or an OpenDHT REST
proxy, and measures the latency of gateways.")

set(CPACK_DEBIAN_GATEWAY_PACKAGE_NAME "opendht-gateway")
set(CPACK_DEBIAN_GATEWAY_DESCRIPTION "classic Open DHT gateway on an OpenDHT network
opendht-gateway answers the XML-RPC protocol of the classic Open DHT public
service, so that its old clients work unchanged, and stores the values in a
real OpenDHT Kademlia DHT: alone, with other gateways, or on the public OpenDHT
network. It keeps a durable ledger of the values it accepted.
The package runs it as a systemd service (opendht-gateway.service), configured
in /etc/default/opendht-gateway and not enabled until the operator enables it.")
set(CPACK_DEBIAN_GATEWAY_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_LIST_DIR}/gateway/conffiles;${CMAKE_CURRENT_LIST_DIR}/gateway/postinst;${CMAKE_CURRENT_LIST_DIR}/gateway/prerm;${CMAKE_CURRENT_LIST_DIR}/gateway/postrm")
include(CPack)
