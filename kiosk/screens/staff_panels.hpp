#pragma once
// The liaison officer's work panels inside staff mode, one file each: the concerns to handle
// (staff_concerns.cpp) and the ledger entry (staff_ledger.cpp). Each owns what is typed into it.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "kiosk/app/ui.hpp"
#include "kiosk/domain/concern.hpp"
#include "kiosk/widgets/keyboard.hpp"

namespace kiosk::screens {

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
    int m_revealNote = 0;  // frames left to scroll the note field into view
    std::string m_message;
    widgets::KeyboardState m_keyboard;
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
