// The staff PIN checked away from the UI thread: the same outcomes, failure counts and lockout
// as the blocking check, on a real station file; a visit that left mid-check logs nobody in.
#include <chrono>
#include <thread>

#include "kiosk/app/controller.hpp"
#include "kiosk/app/pin_check.hpp"
#include "kiosk/domain/staff_access.hpp"
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

}  // namespace
