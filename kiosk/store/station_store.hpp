#pragma once
// The station's SQLite file: opened with the durability settings of DESIGN.md §3, checked on
// open, migrated, and moved aside (never deleted) when corrupt so the station keeps working.
#include <memory>
#include <optional>
#include <string>

#include "kiosk/store/checkin_repo.hpp"
#include "kiosk/store/concern_repo.hpp"
#include "kiosk/store/ledger_repo.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/roster_repo.hpp"
#include "kiosk/store/sqlite.hpp"
#include "kiosk/store/staff_repo.hpp"
#include "kiosk/store/station_repo.hpp"
#include "kiosk/store/sync_repo.hpp"
#include "kiosk/store/trust_repo.hpp"
#include "platform/clock.hpp"

namespace kiosk::store {

struct OpenOptions {
    bool synchronousFull = true;  // NORMAL only for the benchmark baseline
    int busyTimeoutMs = 5000;
    // PRAGMA quick_check reads every page (~80 ms for five years of a station's data). The kiosk
    // opens without it and runs checkStoreFile in the background after its first frame; a file
    // marked damaged (markStoreDamaged) is checked on open whatever this says.
    bool checkOnOpen = true;
};

/// PRAGMA quick_check of the file on a connection of its own: what is wrong with it, or nullopt
/// when it is healthy (or could not be read for a reason that is not damage, e.g. busy).
std::optional<std::string> storeFileDamage(const std::string& path);
/// Notes that a check found the file damaged (the file "<path>.check-failed" holds why): the next
/// open checks it and moves it aside.
void markStoreDamaged(const std::string& path, const std::string& why);

class StationStore {
public:
    /// Opens or creates the store at path. A corrupt file (and its -wal/-shm) is renamed to
    /// "<path>.corrupt-<time>", logged, and a fresh store is created with the station settings
    /// salvaged when readable. Throws StoreError(SchemaTooNew) for a newer file. A file of an
    /// older schema is first backed up to "<path>.before-v<N>-<YYYYMMDD>" (0600), then
    /// migrated; a failed migration throws StoreError(MigrationFailed) and changes nothing.
    StationStore(const std::string& path, const platform::Clock& clock, OpenOptions options = {});

    const std::string& path() const { return m_path; }
    /// Where a corrupt file was moved on open; empty when the file was healthy.
    const std::string& movedAsideTo() const { return m_movedAside; }
    /// The backup written before a schema upgrade on open; empty when none was needed.
    const std::string& upgradeBackup() const { return m_upgradeBackup; }
    /// PRAGMA integrity_check result ("ok" when healthy).
    std::string integrityCheck();
    /// Changes when anything was written to the file, by this connection or another (the sync
    /// worker's): lets readers skip reloading what cannot have changed.
    std::int64_t changeStamp();
    /// Counters that triggers move when what the results board or the roster shows was written
    /// (by any connection): finer than changeStamp, so a new concern does not re-read either.
    struct ChangeCounts {
        std::int64_t board = 0;
        std::int64_t roster = 0;
    };
    ChangeCounts changeCounts();

    StationRepository station() { return StationRepository(*m_db); }
    RosterRepository roster() { return RosterRepository(*m_db); }
    ConcernRepository concerns() { return ConcernRepository(*m_db, m_clock); }
    CheckinRepository checkins() { return CheckinRepository(*m_db, m_clock); }
    LedgerRepository ledger() { return LedgerRepository(*m_db, m_clock); }
    OutboxRepository outbox() { return OutboxRepository(*m_db); }
    StaffRepository staff() { return StaffRepository(*m_db); }
    TrustRepository trust() { return TrustRepository(*m_db); }
    SyncRepository sync() { return SyncRepository(*m_db); }
    Database& db() { return *m_db; }

private:
    void openHealthy(const OpenOptions& options);
    void moveAside(const std::string& reason);
    void backupBeforeUpgrade(int fromVersion);

    std::string m_path;
    const platform::Clock& m_clock;
    std::unique_ptr<Database> m_db;
    std::string m_movedAside;
    std::string m_upgradeBackup;
};

}  // namespace kiosk::store
