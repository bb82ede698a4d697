#pragma once
// Intents from screens, carried out against the station store. Screens never touch the store;
// they call these and read the model, which is refreshed afterwards.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/app/pin_check.hpp"
#include "kiosk/app/print_worker.hpp"
#include "kiosk/domain/concern.hpp"
#include "kiosk/store/store_error.hpp"
#include "kiosk/store/store_types.hpp"
#include "platform/clock.hpp"
#include "platform/removable_media.hpp"

namespace kiosk::store {
class StationStore;  // screens see the model and the controller, never the store
}  // namespace kiosk::store

namespace kiosk::app {

struct SubmitResult {
    std::string receipt;    // set when stored (after COMMIT)
    std::string errorKey;   // string-table key when refused
    std::string receiptQr;  // text of the receipt's QR code (the county's progress URL if set)
};

/// What a scanned code led to (deputy sign-in, DESIGN.md §5, or a citizen's receipt).
struct ScanOutcome {
    enum class Kind { CheckedIn, AskCheckOut, CheckedOut, Refused, Receipt };
    Kind kind = Kind::Refused;
    std::string deputyId;
    std::string keyId;       // QR signing key of the card (recorded with the check-in)
    domain::EpochMs at = 0;  // check-in/out time, or for AskCheckOut the morning check-in
    bool planned = true;     // false: the deputy is not in today's reception plan
    std::string messageKey;  // Refused: why, as a string-table key
    std::string receipt;     // Receipt: the normalised receipt code
};

/// Where the month's ledger went: always a file next to the database, and a copy on a USB stick
/// when one is mounted.
struct LedgerExport {
    std::string localPath;   // "" when even that could not be written
    std::string usbPath;     // "" when no stick was found or writing to it failed
    std::string messageKey;  // why not on a stick or not at all ("" when on a stick)
};

class Controller {
public:
    Controller(store::StationStore& store, KioskModel& model, const platform::Clock& clock)
        : m_store(store), m_model(model), m_clock(clock) {}

    /// Records a concern; the receipt is returned only after the commit.
    SubmitResult submitConcern(domain::ConcernInput input);
    /// The QR text for a receipt: the county's public progress page when it set one (sync
    /// config "track_url"), else the kiosk-only "RC1:" code.
    std::string receiptQrText(const std::string& receipt);
    /// Looks a concern up by receipt code (any spelling); nullopt if unknown or malformed.
    std::optional<domain::Concern> track(const std::string& code);
    /// Records a satisfaction rating; the string-table key of the error, or "" when stored.
    std::string rate(const std::string& receipt, domain::Satisfaction s);
    /// Tries a staff PIN now — the named officer's, or the station's without one (failures and
    /// lockout are persisted). Blocks for the key stretching; the touchscreen uses
    /// startStaffLogin.
    store::StaffLoginResult staffLogin(const std::string& pin, const std::string& officerId = "");
    /// Starts checking a staff PIN on a worker thread; false (nothing started) without any PIN,
    /// while locked, or while a check runs.
    bool startStaffLogin(const std::string& pin, const std::string& officerId = "");
    /// The outcome of the check started last, recorded like staffLogin's, once it finished.
    std::optional<store::StaffLoginResult> staffLoginOutcome();
    /// The liaison officers who log in by name, and whether the shared station PIN is set.
    std::vector<store::LiaisonOfficer> liaisonOfficers();
    bool stationPinSet();
    /// The officer logged in to staff mode by name ("" with the station PIN or logged out);
    /// recorded on what staff take, sign and enter until staffLogout.
    const std::string& staffOfficer() const { return m_officer; }
    /// Ends the staff session (退出, and every visit reset).
    void staffLogout() { m_officer.clear(); }
    /// Whether a PIN check is running (scripts wait for it as for a layout to settle).
    bool staffLoginPending() const { return m_pinCheck.pending(); }
    /// Staff lock state without trying a PIN.
    store::StaffLoginResult staffState();
    /// One page of the concerns matching `query` (newest first) and how many match in all.
    std::pair<std::vector<domain::Concern>, std::int64_t> concernPage(
        const domain::ConcernQuery& query, int offset, int limit);
    /// Records a ledger (台账) entry now; the string-table key of the error, or "".
    std::string addLedgerEntry(domain::LedgerEntry entry);
    /// Staff record a disposition; the string-table key of the error, or "".
    std::string setDisposition(const std::string& receipt, domain::Disposition d,
                               const std::string& note);
    /// Writes this month's ledger CSV next to the database (exports/ledger-YYYY-MM.csv) and, when
    /// a USB stick is mounted, copies it there (ledger-STATION-YYYY-MM.csv, flushed to the device).
    LedgerExport exportLedgerThisMonth();
    /// Where USB sticks are looked for (the mounts table and automount folders).
    void setRemovableMedia(platform::RemovableMedia media) { m_usb = std::move(media); }
    /// Handles a scanned code: verifies a deputy card offline and checks the deputy in (first
    /// scan of the day) or asks whether to check out; a receipt code opens its progress.
    ScanOutcome scan(const std::string& text);
    /// Records a check-out the deputy confirmed (keyId from their card, or "" for staff).
    ScanOutcome checkOut(const std::string& deputyId, const std::string& keyId);
    /// Staff sign a deputy in or out by hand (recorded as manual, with why: a sign-in needs it).
    ScanOutcome signByStaff(const std::string& deputyId, domain::Direction direction,
                            const std::string& reason);
    /// Staff correct a wrong check-in by a record that voids it; the error key, or "".
    std::string correctCheckin(const std::string& checkinId, const std::string& reason);
    /// Every active deputy of the roster with their names (staff see them all; sorted by name
    /// order of the roster) for signing in one who was not planned.
    std::vector<domain::Deputy> staffRoster();
    /// Today's check-ins and check-outs that count, oldest first (what staff may correct).
    std::vector<domain::Checkin> todaysCheckins();
    /// The station's display scale (screen pixels per layout unit), 1 when unset.
    float displayScale();
    /// Stores the display scale chosen in staff settings; the error key, or "".
    std::string setDisplayScale(float scale);
    /// Asks the sync worker for a run now (staff "sync now"; also after each new record).
    void syncNow() {
        if (m_syncNow) m_syncNow();
    }
    void setSyncNow(std::function<void()> f) { m_syncNow = std::move(f); }
    /// The receipt printer's worker (nullptr or unconfigured: no printer).
    void setPrinter(PrintWorker* printer) { m_printer = printer; }
    /// Whether receipts are printed at this kiosk.
    bool printerConfigured() const { return m_printer && m_printer->configured(); }
    /// Queues the printed receipt of a stored concern; the job number, 0 when not printed.
    std::uint64_t printReceipt(const std::string& receipt);
    /// Takes the outcomes the print worker reported (App, each frame).
    void notePrinted(std::vector<PrintEvent> events);
    /// How a print job ended; nullopt while it is still printing.
    std::optional<printing::PrintResult> printOutcome(std::uint64_t job) const;
    /// The newest lines of the sync log, newest first, at most n.
    std::vector<std::pair<std::int64_t, std::string>> syncLog(std::size_t n);
    /// Reloads the model (after intents, and when the minute changes).
    void refreshModel();
    const platform::Clock& clock() const { return m_clock; }

private:
    ScanOutcome signByMethod(const std::string& deputyId, domain::Direction direction,
                             domain::CheckinMethod method, const std::string& keyId,
                             const std::string& reason = "");

    store::StationStore& m_store;
    std::function<void()> m_syncNow;
    PrintWorker* m_printer = nullptr;
    platform::RemovableMedia m_usb;
    std::map<std::uint64_t, printing::PrintResult> m_printed;
    KioskModel& m_model;
    const platform::Clock& m_clock;
    std::string m_officer;         // the staff session's officer, by name
    std::string m_pendingOfficer;  // whose PIN the running check is for
    PinCheck m_pinCheck;           // last: its thread is joined before the store goes
};

/// Display scales staff can choose: sizes of screens and viewing distances at stations vary.
inline constexpr float kDisplayScales[] = {1.0f, 1.25f, 1.5f, 2.0f};

/// String-table key for a store error.
std::string errorKeyFor(const store::StoreError& e);

}  // namespace kiosk::app
