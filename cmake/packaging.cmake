# Debian packages (CPack DEB, one package per component): station-kiosk (the kiosk, stationctl,
# its systemd unit) and county-server. `./dev package` builds them in Release; the packaging
# test (tests/packaging/) builds them from the dev tree and installs them into a Debian root.
# The assets are embedded in the binaries (platform/assets.hpp): no data files to install.

# cpack packs what is built: in the dev tree, not every test and benchmark again ("all").
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)
set(pkg_src ${PROJECT_SOURCE_DIR}/packaging)
# Debian 12 keeps units in /lib (usrmerge aliasing: dpkg must see one path for a file).
set(systemd_unit_dir /lib/systemd/system)

install(TARGETS station-kiosk stationctl RUNTIME DESTINATION bin COMPONENT kiosk)
install(FILES ${pkg_src}/systemd/station-kiosk.service DESTINATION ${systemd_unit_dir}
        COMPONENT kiosk)
install(FILES ${pkg_src}/etc/station-kiosk.default DESTINATION /etc/default
        RENAME station-kiosk COMPONENT kiosk)
install(FILES ${pkg_src}/etc/station-kiosk.pam DESTINATION /etc/pam.d
        RENAME station-kiosk COMPONENT kiosk)

install(TARGETS county-server RUNTIME DESTINATION bin COMPONENT server)
install(FILES ${pkg_src}/systemd/county-server.service DESTINATION ${systemd_unit_dir}
        COMPONENT server)
# 0640: the settings may hold a database password (postinst gives the group to the service).
install(FILES ${pkg_src}/etc/county-server.default DESTINATION /etc/default
        RENAME county-server PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ COMPONENT server)

foreach(component IN ITEMS kiosk server)
  if(component STREQUAL kiosk)
    set(pkg station-kiosk)
  else()
    set(pkg county-server)
  endif()
  install(FILES ${PROJECT_SOURCE_DIR}/docs/OPERATIONS.md ${PROJECT_SOURCE_DIR}/README.md
          DESTINATION share/doc/${pkg} COMPONENT ${component})
  # Maintainer scripts: one template each for both packages.
  set(PKG ${pkg})
  if(component STREQUAL kiosk)
    set(USER station)
    set(GECOS "Contact station kiosk")
  else()
    set(USER county-server)
    set(GECOS "Contact station county server")
  endif()
  set(control_dir ${PROJECT_BINARY_DIR}/debian/${pkg})
  foreach(script IN ITEMS postinst prerm postrm)
    configure_file(${pkg_src}/debian/${script}.in ${control_dir}/${script} @ONLY)
  endforeach()
  configure_file(${pkg_src}/debian/${pkg}.conffiles ${control_dir}/conffiles COPYONLY)
  string(TOUPPER ${component} c)
  set(CPACK_DEBIAN_${c}_PACKAGE_NAME ${pkg})
  set(CPACK_DEBIAN_${c}_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_${c}_PACKAGE_CONTROL_EXTRA
      "${control_dir}/postinst;${control_dir}/prerm;${control_dir}/postrm;${control_dir}/conffiles")
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME contact-station)
set(CPACK_PACKAGE_VENDOR "Contact Station Kiosk project")
set(CPACK_PACKAGE_CONTACT "Contact Station Kiosk maintainers <maintainers@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL kiosk server)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library packages from the binaries' NEEDED entries (dpkg-shlibdeps), plus what they open at
# run time by path, below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)

# The kiosk: cage and a logind session (libpam-systemd) to run in; SDL loads EGL, libGL and Mesa's
# drivers at run time (its package brings the Wayland libraries); Noto Sans CJK
# (kiosk/app/fonts.cpp), the pinyin dictionary (libgooglepinyin0), the handwriting model
# (tegaki-zinnia-simplified-chinese) and the Mandarin voice
# (espeak-ng-data) are opened by path.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
    "adduser, cage, libpam-systemd, fonts-noto-cjk, libgooglepinyin0, tegaki-zinnia-simplified-chinese, espeak-ng-data, libgl1-mesa-dri, libegl-mesa0, libegl1, libgl1")
# CPack indents the lines after the first; each stays under 80 columns.
set(CPACK_DEBIAN_KIOSK_DESCRIPTION
    "Touchscreen kiosk of a people's congress deputy contact station
station-kiosk shows the deputies on duty, takes citizens' concerns and
deputies' check-ins into a local SQLite store and syncs them with the county
server. It runs fullscreen under the cage Wayland compositor
(station-kiosk.service). stationctl is its command line.")
# The county server: duty cards are drawn with Noto Sans CJK (sync/cards/deputy_card.cpp).
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, fonts-noto-cjk")
# backup/restore of a PostgreSQL database runs pg_dump/pg_restore (sync/server/db_backup.cpp).
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "postgresql, postgresql-client")
set(CPACK_DEBIAN_SERVER_DESCRIPTION
    "County server of the deputy contact stations
county-server receives the stations' concerns and check-ins, publishes
rosters and answers back to them, and serves the county staff's web pages.
Storage is SQLite or PostgreSQL (county-server.service).")

include(CPack)
