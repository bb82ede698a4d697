// The one concern payload writer (the kiosk) and validating reader (the county's ingest),
// sync/model/concern_payload.hpp.
#include <gtest/gtest.h>

#include "sync/model/concern_payload.hpp"
#include "sync/protocol/record.hpp"

namespace {

using namespace csync::model;
using nlohmann::json;

ConcernPayload sample() {
    return {"3456789AC", "rural",    "水渠堵了", "石塘村",   "d07",
            "liaison",   1795000000, "received", "c2VhbGVk", "刘小红"};
}

// The text a station uploads must not change with this code: the county compares a re-sent
// record's payload byte for byte to tell a duplicate from a conflict.
TEST(ConcernPayload, WritesTheFieldsStationsHaveAlwaysSent) {
    EXPECT_EQ(csync::canonicalJson(toJson(sample())),
              R"({"category":"rural","contact_sealed":"c2VhbGVk","created_at":1795000000,)"
              R"("deputy":"d07","officer":"刘小红","place":"石塘村","receipt":"3456789AC",)"
              R"("status":"received","taken_by":"liaison","text":"水渠堵了"})");
    ConcernPayload plain = sample();
    plain.contactSealed.clear();
    plain.officer.clear();
    const json j = toJson(plain);
    EXPECT_FALSE(j.contains("contact_sealed"));
    EXPECT_FALSE(j.contains("officer"));
}

TEST(ConcernPayload, ReadsWhatItWrites) {
    const ConcernPayload p = concernPayloadFromJson(toJson(sample()));
    EXPECT_EQ(toJson(p), toJson(sample()));
    // Older and newer stations: missing optional fields read as empty, unknown ones are ignored.
    const auto old = concernPayloadFromJson(json{{"receipt", "3456789AC"}, {"extra", 1}});
    EXPECT_EQ(old.receipt, "3456789AC");
    EXPECT_EQ(old.status, "");
    EXPECT_EQ(old.createdAtMs, 0);
}

TEST(ConcernPayload, EachRefusalNamesItsField) {
    auto refused = [](json j) {
        try {
            concernPayloadFromJson(j);
        } catch (const PayloadError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    json ok = toJson(sample());
    EXPECT_EQ(refused(json::array()), "concern payload must be a JSON object");
    json j = ok;
    j.erase("receipt");
    EXPECT_EQ(refused(j), "concern payload needs a receipt");
    j = ok;
    j["text"] = 5;
    EXPECT_EQ(refused(j), "concern payload: text must be a string");
    j = ok;
    j["status"] = "lost";
    EXPECT_EQ(refused(j), "concern payload: status \"lost\" is not known");
    j = ok;
    j["taken_by"] = "robot";
    EXPECT_EQ(refused(j), "concern payload: taken_by \"robot\" is not known");
    j = ok;
    j["created_at"] = "yesterday";
    EXPECT_EQ(refused(j), "concern payload: created_at must be an integer");
}

}  // namespace
