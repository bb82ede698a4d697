#pragma once
// The liaison officer's panels inside staff mode, one file each: logging in by name and PIN
// (staff_login.cpp), the concerns to handle (staff_concerns.cpp), deputies' sign-in by hand
// (staff_signin.cpp) and the ledger entry (staff_ledger.cpp). Each owns what is typed or chosen
// in it.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "kiosk/app/ui.hpp"
#include "kiosk/domain/concern.hpp"
#include "kiosk/domain/deputy.hpp"
#include "kiosk/domain/schedule.hpp"
#include "kiosk/store/store_types.hpp"
#include "kiosk/widgets/keyboard.hpp"

namespace kiosk::screens {

/// Logging in: a named officer taps their name, then types their own PIN; the station's shared
/// PIN stays possible (其他工作人员). The PIN is checked on a worker thread; wrong PINs count
/// towards one lockout for the station.
class StaffLoginPanel {
public:
    /// Draws the login; true in the frame the PIN was accepted.
    bool draw(app::Ui& ui, float width);
    void reset();

private:
    void chooseWho(app::Ui& ui, float width);
    void enterPin(app::Ui& ui, float width, long long now);
    void outcome(const store::StaffLoginResult& r, long long now);

    std::vector<store::LiaisonOfficer> m_officers;
    bool m_stationPin = false;
    bool m_loaded = false;
    bool m_chosen = false;  // who logs in was chosen (always, when nobody logs in by name)
    std::string m_officerId, m_officerName;  // "" for the station's shared PIN
    std::string m_pin;
    bool m_checking = false;  // this visit started the PIN check that is running
    bool m_accepted = false;
    std::string m_message;
};

/// Every concern of the station, filtered by stage and age, a page of 10 at a time, with the
/// disposition buttons and a note typed on the on-screen keyboard.
class StaffConcernsPanel {
public:
    void draw(app::Ui& ui, float width);
    void reset();

private:
    void filters(app::Ui& ui, float width);
    void card(app::Ui& ui, const domain::Concern& c, float width);
    void load(app::Ui& ui);

    domain::ConcernStage m_stage = domain::ConcernStage::Open;
    int m_period = 3;  // index into the periods: today, 7 days, 30 days, any time
    int m_page = 0;
    std::vector<domain::Concern> m_rows;
    std::int64_t m_total = 0;
    bool m_stale = true;
    std::int64_t m_loadedAt = -1;  // model time of the last load: a minute later it reloads
    std::string m_noteFor;         // receipt the note is being written for
    std::string m_note;
    int m_revealNote = 0;      // frames left to scroll the note field into view
    std::string m_message;     // error key, shown in the card of m_messageFor
    std::string m_messageFor;  // receipt of the card whose action was refused
    std::string m_notice;  // key of what the last action did (an answered concern leaves the list)
    widgets::KeyboardState m_keyboard;
};

/// Deputies' sign-in by staff: any deputy of the roster, planned or not, signed in or out with a
/// reason chosen from big buttons; today's records, each correctable by a record that voids it.
class StaffSignInPanel {
public:
    void draw(app::Ui& ui, float width);
    void reset();

private:
    void load(app::Ui& ui);
    void lists(app::Ui& ui, float width);
    void deputyButton(app::Ui& ui, const std::string& id, const std::string& name, bool in,
                      ImVec2 size);
    void chooseReason(app::Ui& ui, float width);
    std::string nameOf(const std::string& id) const;

    std::vector<domain::Deputy> m_roster;  // every active deputy, with names (staff see them)
    std::vector<domain::Checkin> m_today;  // today's records that count, oldest first
    std::int64_t m_loadedAt = -1;          // model time of the last load
    bool m_stale = true;
    // What a reason is being chosen for: a deputy to sign in or out, or a record to correct.
    std::string m_deputy;
    domain::Direction m_direction = domain::Direction::In;
    std::string m_correcting;  // check-in id
    std::string m_message;     // error key
    std::string m_done;        // what was recorded, shown until the next action
};

/// A ledger (台账) entry: the activity, how many people were received, which deputies were
/// present, and notes; saved with the time it is saved.
class StaffLedgerPanel {
public:
    void draw(app::Ui& ui, float width);
    void reset();

private:
    std::string m_activity = "reception_day";
    int m_people = 0;
    std::set<std::string> m_present;
    bool m_presentFromDuty = false;  // filled from today's sign-ins once
    std::string m_notes;
    std::string m_message;
    bool m_saved = false;
    widgets::KeyboardState m_keyboard;
};

}  // namespace kiosk::screens
