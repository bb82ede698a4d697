// The county's updates applied at the station (StoreStationSide) on a real station file: by
// concern id, and an update the station cannot apply is reported back, never skipped silently.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../support/store_fixture.hpp"
#include "kiosk/syncing/station_side.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/record.hpp"

using namespace kiosk;

namespace {

class StationSide : public testsupport::StoreTest {
protected:
    domain::Concern addConcern() {
        domain::ConcernInput in;
        in.category = domain::Category::Rural;
        in.text = "石塘村的路灯坏了三盏";
        return store().concerns().add(in);
    }
    // The refused_update objects queued for the county, oldest first.
    std::vector<nlohmann::json> refusals() {
        std::vector<nlohmann::json> out;
        for (const auto& r : store().outbox().all()) {
            if (r.type != csync::record_type::ConcernUpdate) continue;
            const auto p = nlohmann::json::parse(r.payload);
            if (p.contains(csync::kRefusedField)) out.push_back(p);
        }
        return out;
    }
    static csync::ConcernUpdate update(std::int64_t cursor, const domain::Concern& c,
                                       std::string status) {
        csync::ConcernUpdate u;
        u.cursor = cursor;
        u.concernId = c.id;
        u.receipt = c.receipt;
        u.status = std::move(status);
        u.atMs = 1'790'000'000'000;
        return u;
    }
};

TEST_F(StationSide, UpdatesApplyByConcernIdAndRefusalsAreReportedBack) {
    const auto a = addConcern(), b = addConcern();
    store().concerns().setDisposition(a.receipt, domain::Disposition::AnsweredOnSite, "已当场答复");
    ASSERT_EQ(store().concerns().findByReceipt(a.receipt)->status, domain::Status::Answered);

    csync::UpdatesResponse u;
    u.updates.push_back(update(1, a, "forwarded"));       // a was answered on the spot meanwhile
    u.updates.push_back(update(2, b, "forwarded"));       // applies
    u.updates.push_back(update(3, b, "in_review_2030"));  // a status of a newer county
    auto ghost = b;
    ghost.id = "no-such-concern";
    ghost.receipt = "";
    u.updates.push_back(update(4, ghost, "answered"));
    auto byIdOnly = b;
    byIdOnly.receipt = "";  // the id decides, not the receipt
    u.updates.push_back(update(5, byIdOnly, "in_progress"));
    u.nextCursor = 5;
    syncing::StoreStationSide(store()).applyUpdates(u);

    EXPECT_EQ(store().sync().updatesCursor(), 5);
    EXPECT_EQ(store().concerns().findByReceipt(a.receipt)->status, domain::Status::Answered);
    EXPECT_EQ(store().concerns().findByReceipt(b.receipt)->status, domain::Status::InProgress);

    const auto r = refusals();
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0]["concern"], a.id);
    EXPECT_EQ(r[0][csync::kRefusedField]["cursor"], 1);
    EXPECT_EQ(r[0][csync::kRefusedField]["status"], "forwarded");
    EXPECT_EQ(r[0][csync::kRefusedField]["station_status"], "answered");
    EXPECT_EQ(r[0][csync::kRefusedField]["why"], csync::kRefusedTransition);
    EXPECT_EQ(r[1]["concern"], b.id);
    EXPECT_EQ(r[1][csync::kRefusedField]["why"], csync::kRefusedUnknownStatus);
    EXPECT_EQ(r[2]["concern"], "no-such-concern");
    EXPECT_EQ(r[2][csync::kRefusedField]["why"], csync::kRefusedNotFound);
    EXPECT_EQ(r[2][csync::kRefusedField]["station_status"], "");
}

}  // namespace
