#pragma once
// Reception plan and attendance: slots announced for the year (seed 002 §6, 000 §15) and deputies'
// check-ins, with the rules for "who is on duty now" and "when is the next reception day".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/domain/local_time.hpp"
#include "sync/model/roster.hpp"

namespace kiosk::domain {

using csync::model::allSlotKinds;
using csync::model::parseSlotKind;
using csync::model::ReceptionSlot;
using csync::model::SlotKind;
using csync::model::slotKindId;

enum class Direction { In, Out };
enum class CheckinMethod { Qr, Staff };

std::string_view directionId(Direction d);
std::optional<Direction> parseDirection(std::string_view id);
std::string_view checkinMethodId(CheckinMethod m);
std::optional<CheckinMethod> parseCheckinMethod(std::string_view id);

struct Checkin {
    std::string id;  // uuid
    std::string deputyId;
    EpochMs at = 0;
    Direction direction = Direction::In;
    CheckinMethod method = CheckinMethod::Qr;
    std::string keyId;  // QR signing key id; empty for staff check-ins
    bool planned = false;
    std::string reason;   // why staff signed by hand or corrected (seed 003: attendance is audited)
    std::string voids;    // a correction: the id of the check-in it cancels (never deleted)
    std::string officer;  // the liaison officer who signed by hand or corrected, by name
};

enum class DutyState { CheckedIn, Expected };

struct DutyEntry {
    std::string deputyId;
    DutyState state = DutyState::Expected;
    EpochMs since = 0;  // check-in time, or slot start for expected deputies
};

/// Deputies on duty at `now`: those checked in today and not checked out (in check-in order),
/// then those planned in a slot running now who have not checked in or out yet.
std::vector<DutyEntry> onDuty(const std::vector<ReceptionSlot>& slots,
                              const std::vector<Checkin>& checkins, EpochMs now,
                              int utcOffsetMinutes);

/// Whether the deputy is planned in any slot on the local date of `at`.
bool isPlanned(const std::vector<ReceptionSlot>& slots, std::string_view deputyId, EpochMs at,
               int utcOffsetMinutes);

/// Direction the deputy's next scan at `now` means: In unless their last check-in today was In.
Direction nextDirection(const std::vector<Checkin>& checkins, std::string_view deputyId,
                        EpochMs now, int utcOffsetMinutes);

/// The earliest reception-day slot that has not ended by `now`, if any.
std::optional<ReceptionSlot> nextReceptionDay(const std::vector<ReceptionSlot>& slots, EpochMs now,
                                              int utcOffsetMinutes);

/// Slots in the given month, ordered by date and start time.
std::vector<ReceptionSlot> slotsInMonth(const std::vector<ReceptionSlot>& slots, int year,
                                        int month);

}  // namespace kiosk::domain
