#pragma once
// stationctl: the operations command line over the station database. The executable is a thin
// main around runStationctl so tests can also drive the commands in-process.
#include <iosfwd>
#include <string>
#include <vector>

#include "kiosk/cli/args.hpp"
#include "kiosk/store/station_store.hpp"
#include "kiosk/store/store_error.hpp"
#include "platform/clock.hpp"

namespace kiosk::cli {

/// Exit codes: 0 done, 1 could not be done (storage, not found), 2 bad usage or invalid input.
int runStationctl(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err,
                  const platform::Clock& clock);

/// Everything a command needs.
struct Context {
    const Args& args;
    store::StationStore& store;
    std::ostream& out;
    std::ostream& err;
    const platform::Clock& clock;
};

/// "concern add|list|show|categories".
int runConcernCommand(const Context& ctx);

/// "qr keygen|issue|verify|demo-cards" (works without a station database unless --db is given).
int runQrCommand(const Args& args, std::ostream& out, std::ostream& err,
                 const platform::Clock& clock);

/// "staff add|list|remove|set-pin": named liaison officers and the station's shared PIN.
int runStaffCommand(const Context& ctx);

/// "roster export [--out FILE]": roster and schedule in the county's import format.
int runRosterCommand(const Context& ctx);

/// "enroll FILE [--force]" or "enroll --server URL --code CODE [--force]".
int runEnroll(const Context& ctx);

/// "sync --once [--server URL] [--verbose] | sync log | sync status".
int runSync(const Context& ctx);

/// "printer set SPEC | show | test": the station's receipt printer.
int runPrinterCommand(const Context& ctx);

/// "backup FILE | restore FILE" on the database at db, without opening (migrating) it first.
int runBackupCommand(const Args& args, const std::string& db, std::ostream& out, std::ostream& err,
                     const platform::Clock& clock);

/// "hours set SPEC | show | clear": the station's opening hours (the kiosk's screen schedule).
int runHoursCommand(const Context& ctx);
/// accessibility show | set large-text|read-aloud on|off: how every visit starts.
int runAccessibilityCommand(const Context& ctx);

/// Prints "错误：<message>" for a store error and returns its exit code.
int reportStoreError(std::ostream& err, const store::StoreError& e);

/// Prints "错误：<message>" and returns 2.
int usageError(std::ostream& err, const std::string& message);

}  // namespace kiosk::cli
