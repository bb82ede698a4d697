// The staff PIN checked away from the UI thread: the same outcomes, failure counts and lockout
// as the blocking check, on a real station file; a visit that left mid-check logs nobody in.
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "kiosk/app/controller.hpp"
#include "kiosk/app/pin_check.hpp"
#include "kiosk/domain/staff_access.hpp"
#include "kiosk/store/store_error.hpp"
#include "store_fixture.hpp"

namespace {

using kiosk::store::StaffLoginResult;

// Polls as the UI thread does each frame, for at most 10 s.
template <class Poll>
auto pollFor(Poll poll) {
    for (int i = 0; i < 1000; ++i) {
        if (auto r = poll()) return r;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return decltype(poll()){};
}

class StaffPin : public testsupport::StoreTest {
protected:
    void SetUp() override { m_store->staff().setPin("246810"); }
};

TEST_F(StaffPin, TheWorkerAnswersAsTheBlockingCheckDoes) {
    kiosk::app::PinCheck check;
    EXPECT_FALSE(check.pending());
    EXPECT_FALSE(check.take());
    const std::string hash = m_store->staff().pinHash();
    ASSERT_FALSE(hash.empty());
    ASSERT_TRUE(check.start(hash, "246810"));
    EXPECT_TRUE(check.pending());
    EXPECT_FALSE(check.start(hash, "111111"));  // one at a time
    EXPECT_EQ(pollFor([&] { return check.take(); }), std::optional<bool>(true));
    EXPECT_FALSE(check.pending());
    ASSERT_TRUE(check.start(hash, "111111"));
    EXPECT_EQ(pollFor([&] { return check.take(); }), std::optional<bool>(false));
}

TEST_F(StaffPin, AttemptsCountAndLockAsBefore) {
    auto staff = m_store->staff();
    for (int i = 1; i < kiosk::domain::kFreePinAttempts; ++i) {
        const auto r = staff.recordAttempt(false, m_clock.nowMs());
        EXPECT_FALSE(r.ok);
        EXPECT_EQ(r.failures, i);
        EXPECT_EQ(r.lockedUntil, 0);
    }
    const auto locked = staff.recordAttempt(false, m_clock.nowMs());
    EXPECT_GT(locked.lockedUntil, m_clock.nowMs());
    // While locked even a right PIN is refused and counts nothing.
    const auto refused = staff.recordAttempt(true, m_clock.nowMs());
    EXPECT_FALSE(refused.ok);
    EXPECT_EQ(refused.failures, kiosk::domain::kFreePinAttempts);
    m_clock.set(locked.lockedUntil);
    const auto ok = staff.recordAttempt(true, m_clock.nowMs());
    EXPECT_TRUE(ok.ok);
    EXPECT_EQ(staff.state().failures, 0);
}

TEST_F(StaffPin, TheControllerChecksOnAWorkerAndRecordsTheOutcome) {
    kiosk::app::KioskModel model;
    kiosk::app::Controller controller(*m_store, model, m_clock);
    ASSERT_TRUE(controller.startStaffLogin("135790"));
    EXPECT_TRUE(controller.staffLoginPending());
    const auto wrong = pollFor([&] { return controller.staffLoginOutcome(); });
    ASSERT_TRUE(wrong);
    EXPECT_FALSE(wrong->ok);
    EXPECT_EQ(m_store->staff().state().failures, 1);  // persisted, like the blocking check
    ASSERT_TRUE(controller.startStaffLogin("246810"));
    const auto right = pollFor([&] { return controller.staffLoginOutcome(); });
    ASSERT_TRUE(right);
    EXPECT_TRUE(right->ok);
    EXPECT_EQ(m_store->staff().state().failures, 0);
    // Locked or without a PIN, nothing starts: the screen asks the blocking check, which
    // answers at once without stretching a key.
    for (int i = 0; i < kiosk::domain::kFreePinAttempts; ++i)
        m_store->staff().recordAttempt(false, m_clock.nowMs());
    EXPECT_FALSE(controller.startStaffLogin("246810"));
    EXPECT_FALSE(controller.staffLogin("246810").ok);
}

// Named liaison officers: each logs in with their own PIN, and what they take, sign and enter
// carries their name to the county; one lockout for the station, whoever is tried.
TEST_F(StaffPin, NamedOfficersLogInWithTheirOwnPinAndAreRecorded) {
    configureStation();
    auto staff = m_store->staff();
    using kiosk::store::StoreError;
    const auto key = [&](auto&& f) {
        try {
            f();
        } catch (const StoreError& e) {
            return kiosk::store::messageKey(e);
        }
        return std::string("(none)");
    };
    EXPECT_EQ(key([&] { staff.addOfficer("  ", "135790", 0); }), "error.officer_name");
    EXPECT_EQ(
        key([&] { staff.addOfficer("一二三四五六七八九十一二三四五六七八九十一", "135790", 0); }),
        "error.officer_name");
    EXPECT_EQ(key([&] { staff.addOfficer("刘小红", "12ab", 0); }), "error.pin_invalid");
    const auto liu = staff.addOfficer(" 刘小红 ", "135790", 1);
    EXPECT_EQ(liu.name, "刘小红");
    EXPECT_EQ(key([&] { staff.addOfficer("刘小红", "111111", 2); }), "error.officer_exists");
    const auto chen = staff.addOfficer("陈建国", "112233", 3);
    ASSERT_EQ(staff.officers().size(), 2u);
    EXPECT_EQ(staff.officers()[0].name, "刘小红");

    // Each PIN opens its own name only; failures add up for the station.
    EXPECT_FALSE(staff.login("112233", m_clock.nowMs(), liu.id).ok);
    EXPECT_FALSE(staff.login("135790", m_clock.nowMs(), chen.id).ok);
    EXPECT_EQ(staff.state().failures, 2);
    EXPECT_FALSE(staff.login("135790", m_clock.nowMs(), "no-such-officer").ok);
    EXPECT_EQ(staff.state().failures, 3);
    EXPECT_TRUE(staff.login("246810", m_clock.nowMs()).ok);  // the shared PIN still works
    EXPECT_TRUE(staff.setOfficerPin("陈建国", "445566"));
    EXPECT_FALSE(staff.setOfficerPin("王五", "445566"));

    kiosk::app::KioskModel model;
    kiosk::app::Controller controller(*m_store, model, m_clock);
    ASSERT_TRUE(controller.startStaffLogin("135790", liu.id));
    const auto in = pollFor([&] { return controller.staffLoginOutcome(); });
    ASSERT_TRUE(in && in->ok);
    EXPECT_EQ(controller.staffOfficer(), "刘小红");
    // A concern taken for a citizen, a disposition, a staff sign-in and a ledger entry.
    kiosk::domain::ConcernInput c;
    c.category = kiosk::domain::Category::Rural;
    c.text = "水渠堵了";
    c.takenBy = kiosk::domain::TakenBy::Liaison;
    const auto taken = controller.submitConcern(c);
    ASSERT_FALSE(taken.receipt.empty()) << taken.errorKey;
    EXPECT_EQ(
        controller.setDisposition(taken.receipt, kiosk::domain::Disposition::Referred, "县水利局"),
        "");
    kiosk::domain::LedgerEntry l;
    l.activity = "reception_day";
    EXPECT_EQ(controller.addLedgerEntry(l), "");
    c.takenBy = kiosk::domain::TakenBy::Self;  // a citizen's own: nobody's name on it
    const auto own = controller.submitConcern(c);
    controller.staffLogout();
    EXPECT_EQ(controller.staffOfficer(), "");
    EXPECT_EQ(m_store->concerns().findByReceipt(taken.receipt)->officer, "刘小红");
    EXPECT_EQ(m_store->concerns().findByReceipt(own.receipt)->officer, "");
    EXPECT_EQ(m_store->ledger().list().back().officer, "刘小红");
    int named = 0;
    for (const auto& r : m_store->outbox().all()) {
        const auto p = nlohmann::json::parse(r.payload);
        if (p.value("officer", "") == "刘小红") ++named;
    }
    EXPECT_EQ(named, 3);  // the concern taken, its disposition, the ledger entry

    // Removed from the login list, their records keep the name; the shared PIN is left.
    EXPECT_TRUE(staff.removeOfficer("刘小红"));
    EXPECT_FALSE(staff.removeOfficer("刘小红"));
    EXPECT_EQ(staff.officers().size(), 1u);
    EXPECT_EQ(m_store->concerns().findByReceipt(taken.receipt)->officer, "刘小红");
    EXPECT_FALSE(staff.state().noPin);
}

}  // namespace
