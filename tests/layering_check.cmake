# Fails when a source file includes something its part may not depend on (DESIGN.md §2):
# kiosk -> sync -> platform; kiosk/domain includes neither SQLite nor ImGui; sync never includes
# ImGui, SDL or the kiosk's devices (platform_device); screens never include the SQLite layer;
# the kiosk's libraries below kiosk_app (store, syncing, demo, printing, cli) include nothing of
# the touchscreen program, ImGui, SDL or the devices.
set(rules
  "platform|kiosk/|sync/"
  "sync|kiosk/|imgui|SDL|sqlite3.h|platform/window|platform/audio|platform/speech|platform/frame_source"
  "kiosk/domain|sqlite3.h|imgui|SDL|kiosk/store|kiosk/screens|platform/"
  "kiosk/screens|sqlite3.h|kiosk/store/sqlite.hpp"
  "kiosk/store|kiosk/app|kiosk/screens|kiosk/widgets|kiosk/input|kiosk/cli|kiosk/printing|imgui|SDL|platform/window|platform/audio|platform/speech|platform/frame_source"
  "kiosk/syncing|kiosk/app|kiosk/screens|kiosk/widgets|kiosk/input|kiosk/cli|kiosk/printing|imgui|SDL|platform/window|platform/audio|platform/speech|platform/frame_source"
  "kiosk/demo|kiosk/app|kiosk/screens|kiosk/widgets|kiosk/input|kiosk/cli|kiosk/printing|imgui|SDL|platform/window|platform/audio|platform/speech|platform/frame_source"
  "kiosk/printing|kiosk/app|kiosk/screens|kiosk/widgets|kiosk/input|kiosk/cli|kiosk/store|imgui|SDL|platform/window|platform/audio|platform/speech|platform/frame_source"
  "kiosk/cli|kiosk/app|kiosk/screens|kiosk/widgets|kiosk/input|imgui|SDL|platform/window|platform/audio|platform/speech|platform/frame_source"
)
set(violations "")
foreach(rule IN LISTS rules)
  string(REPLACE "|" ";" parts "${rule}")
  list(POP_FRONT parts folder)
  file(GLOB_RECURSE sources "${ROOT}/${folder}/*.cpp" "${ROOT}/${folder}/*.hpp" "${ROOT}/${folder}/*.h")
  foreach(src IN LISTS sources)
    file(STRINGS "${src}" includes REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS includes)
      foreach(forbidden IN LISTS parts)
        string(FIND "${line}" "${forbidden}" at)
        if(NOT at EQUAL -1)
          file(RELATIVE_PATH rel "${ROOT}" "${src}")
          string(APPEND violations "  ${rel}: ${line}  (${folder} must not include ${forbidden})\n")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()
# One home for the vocabulary station and county share (issue 14): its types are defined in
# sync/model only, and the old copies (the county's transition rule, receipt normaliser and
# time formatters, the UTF-8 decoders, the CSV writers, the roster types and reader) do not
# come back.
file(GLOB_RECURSE all_sources "${ROOT}/kiosk/*.cpp" "${ROOT}/kiosk/*.hpp" "${ROOT}/sync/*.cpp"
     "${ROOT}/sync/*.hpp" "${ROOT}/platform/*.cpp" "${ROOT}/platform/*.hpp")
foreach(src IN LISTS all_sources)
  file(RELATIVE_PATH rel "${ROOT}" "${src}")
  if(rel MATCHES "^sync/model/")
    continue()
  endif()
  file(STRINGS "${src}" copies
       REGEX "enum class (Status|Category|Disposition|Satisfaction|TakenBy|Level|SlotKind)[ {]|struct (Station|Deputy|ReceptionSlot) {|statusRank|stationAcceptsStatus|normalReceipt|gmtime|std::string csvField|& 0x3F\\)|0xFEE0")
  foreach(line IN LISTS copies)
    string(APPEND violations "  ${rel}: ${line}  (defined once, in sync/model)\n")
  endforeach()
endforeach()
# One county store (issue 14): the engines are the only county code that talks to SQLite or
# libpq directly (db_backup copies whole SQLite files), and no second schema owner comes back:
# every table is made by county_schema.cpp's numbered migrations.
file(GLOB_RECURSE server_sources "${ROOT}/sync/server/*.cpp" "${ROOT}/sync/server/*.hpp")
foreach(src IN LISTS server_sources)
  file(RELATIVE_PATH rel "${ROOT}" "${src}")
  set(found "")
  if(NOT rel MATCHES "^sync/server/(sqlite_engine|postgres_engine|pg|db_backup)\\.(cpp|hpp)$")
    file(STRINGS "${src}" found REGEX "#[ \t]*include \"(platform/sqlite_db|sync/server/pg)\\.hpp\"")
  endif()
  if(NOT rel STREQUAL "sync/server/county_schema.cpp")
    file(STRINGS "${src}" ddl REGEX "CREATE (TABLE|INDEX)|ALTER TABLE")
    list(APPEND found ${ddl})
  endif()
  foreach(line IN LISTS found)
    string(APPEND violations "  ${rel}: ${line}  (one county store: only the SQL engines talk to "
           "SQLite or libpq, only county_schema.cpp makes tables)\n")
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "Layering violations:\n${violations}")
endif()
message(STATUS "layering ok")
