# Screens and widgets never reach SQLite, not even through a header of a header (issue 14): they
# read KioskModel and send intents to the Controller, and both headers only forward-declare the
# store. Runs the compiler's preprocessor (-M) on each file with kiosk_app's include path.
# -DROOT=… -DCXX=… -DINCLUDES="dir;dir;…"
file(GLOB sources "${ROOT}/kiosk/screens/*.cpp" "${ROOT}/kiosk/widgets/*.cpp")
set(flags -std=c++20)
foreach(dir IN LISTS INCLUDES)
  list(APPEND flags "-I${dir}")
endforeach()
set(violations "")
foreach(src IN LISTS sources)
  execute_process(COMMAND ${CXX} ${flags} -M "${src}" OUTPUT_VARIABLE deps ERROR_VARIABLE err
                  RESULT_VARIABLE rc)
  file(RELATIVE_PATH rel "${ROOT}" "${src}")
  if(NOT rc EQUAL 0)
    string(APPEND violations "  ${rel}: the preprocessor failed: ${err}\n")
  elseif(deps MATCHES "(sqlite3\\.h|kiosk/store/sqlite\\.hpp|platform/sqlite_db\\.hpp|kiosk/store/station_store\\.hpp)")
    string(APPEND violations "  ${rel} reaches ${CMAKE_MATCH_1}\n")
  endif()
endforeach()
list(LENGTH sources n)
if(violations)
  message(FATAL_ERROR "Screens reaching the store:\n${violations}")
endif()
message(STATUS "screen includes ok (${n} files)")
