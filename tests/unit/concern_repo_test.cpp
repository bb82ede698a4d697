#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "../support/store_fixture.hpp"
#include "kiosk/domain/receipt_code.hpp"
#include "kiosk/store/store_error.hpp"

using namespace kiosk;
using domain::Category;
using store::StoreErrorKind;

namespace {

class Concerns : public testsupport::StoreTest {
protected:
    Concerns() {
        configureStation();
        addDeputy("d1");
    }
    domain::ConcernInput input(std::string text = "石塘村的路灯坏了三盏") {
        domain::ConcernInput in;
        in.category = Category::Infrastructure;
        in.text = std::move(text);
        in.place = "石塘村三组";
        return in;
    }
    StoreErrorKind failKind(const domain::ConcernInput& in) {
        try {
            store().concerns().add(in);
        } catch (const store::StoreError& e) {
            return e.kind();
        }
        ADD_FAILURE() << "add() accepted the input";
        return StoreErrorKind::Io;
    }
    std::int64_t rows(const char* table) {
        return store().db().queryInt(std::string("SELECT COUNT(*) FROM ") + table);
    }
    std::string fileBytes() {
        std::string all;
        for (const char* suffix : {"", "-wal"}) {
            std::ifstream f(dbPath() + suffix, std::ios::binary);
            all.append(std::istreambuf_iterator<char>(f), {});
        }
        return all;
    }
};

}  // namespace

TEST_F(Concerns, RecordHistoryAndOutboxAreWrittenTogether) {
    const auto c = store().concerns().add(input("  路灯坏了  "));
    EXPECT_EQ(c.text, "路灯坏了");
    EXPECT_TRUE(domain::normalizeReceiptCode(c.receipt));
    EXPECT_EQ(c.createdAt, m_clock.nowMs());

    const auto found = store().concerns().findByReceipt(c.receipt);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, c.id);
    EXPECT_EQ(found->status, domain::Status::Received);
    ASSERT_EQ(found->history.size(), 1u);
    EXPECT_EQ(found->history[0].status, domain::Status::Received);

    const auto queued = store().outbox().pending(10);
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued[0].id, c.id);
    EXPECT_EQ(queued[0].type, "concern");
    const auto payload = nlohmann::json::parse(queued[0].payload);
    EXPECT_EQ(payload["receipt"], c.receipt);
    EXPECT_EQ(payload["text"], "路灯坏了");
    EXPECT_EQ(payload["category"], "infrastructure");
    EXPECT_FALSE(payload.contains("contact_sealed"));
}

TEST_F(Concerns, ContactIsOnlyStoredSealedToTheCounty) {
    auto in = input();
    in.contactName = "王小五";
    in.contactPhone = "138 0000 1111";
    in.consent = true;
    const auto c = store().concerns().add(in);
    EXPECT_TRUE(c.hasContact);
    const std::string bytes = fileBytes();
    EXPECT_EQ(bytes.find("13800001111"), std::string::npos);
    EXPECT_EQ(bytes.find("138 0000 1111"), std::string::npos);
    EXPECT_EQ(bytes.find("王小五"), std::string::npos);

    const auto payload = nlohmann::json::parse(store().outbox().pending(1)[0].payload);
    const auto box = platform::fromBase64(payload["contact_sealed"].get<std::string>());
    ASSERT_TRUE(box);
    const auto opened = platform::openSealed(m_countyKeys, *box);
    ASSERT_TRUE(opened);
    const auto contact = nlohmann::json::parse(*opened);
    EXPECT_EQ(contact["name"], "王小五");
    EXPECT_EQ(contact["phone"], "13800001111");
}

TEST_F(Concerns, ContactWithoutACountyKeyIsRefusedAndNothingIsWritten) {
    configureStation(false);
    auto in = input();
    in.contactPhone = "13800001111";
    in.consent = true;
    EXPECT_EQ(failKind(in), StoreErrorKind::NoCountyKey);
    EXPECT_EQ(rows("concern"), 0);
    EXPECT_EQ(rows("outbox"), 0);
    in.contactPhone.clear();  // without contact the citizen's words are still taken
    EXPECT_NO_THROW(store().concerns().add(in));
}

TEST_F(Concerns, InvalidInputWritesNothing) {
    auto empty = input("   ");
    auto bad = input("abc\xC0\xAF");
    auto noConsent = input();
    noConsent.contactName = "李";
    auto unknownDeputy = input();
    unknownDeputy.deputyId = "nobody";
    EXPECT_EQ(failKind(empty), StoreErrorKind::InvalidInput);
    EXPECT_EQ(failKind(bad), StoreErrorKind::InvalidInput);
    EXPECT_EQ(failKind(noConsent), StoreErrorKind::InvalidInput);
    EXPECT_EQ(failKind(unknownDeputy), StoreErrorKind::UnknownDeputy);
    EXPECT_EQ(rows("concern"), 0);
    EXPECT_EQ(rows("concern_status"), 0);
    EXPECT_EQ(rows("outbox"), 0);
}

TEST_F(Concerns, ReceiptsAreUniqueAndFoundInAnySpelling) {
    std::set<std::string> receipts;
    for (int i = 0; i < 300; ++i) receipts.insert(store().concerns().add(input()).receipt);
    EXPECT_EQ(receipts.size(), 300u);
    const std::string code = *receipts.begin();
    std::string spelled = domain::formatReceiptCode(code);
    for (auto& ch : spelled) ch = static_cast<char>(std::tolower(ch));
    EXPECT_TRUE(store().concerns().findByReceipt(spelled));
    EXPECT_FALSE(store().concerns().findByReceipt("AAA-AAA-AAA"));
}

TEST_F(Concerns, DispositionsAndRatingsAreQueuedForTheCounty) {
    const auto c = store().concerns().add(input());
    store().concerns().setDisposition(c.receipt, domain::Disposition::Referred, "县人民法院");
    auto found = store().concerns().findByReceipt(c.receipt);
    EXPECT_EQ(found->disposition, domain::Disposition::Referred);
    EXPECT_EQ(found->dispositionNote, "县人民法院");

    try {
        store().concerns().rate(c.receipt, domain::Satisfaction::Satisfied);
        FAIL() << "rated before an answer";
    } catch (const store::StoreError& e) {
        EXPECT_EQ(e.kind(), StoreErrorKind::NotAllowed);
    }
    store().concerns().applyStatus(c.receipt, domain::Status::Answered, m_clock.nowMs(), "",
                                   "已修复路灯");
    store().concerns().rate(c.receipt, domain::Satisfaction::BasicallySatisfied);
    EXPECT_THROW(store().concerns().rate(c.receipt, domain::Satisfaction::Satisfied),
                 store::StoreError);
    found = store().concerns().findByReceipt(c.receipt);
    EXPECT_EQ(found->answer, "已修复路灯");
    EXPECT_EQ(found->satisfaction, domain::Satisfaction::BasicallySatisfied);
    ASSERT_EQ(found->history.size(), 2u);
    EXPECT_EQ(found->history[1].status, domain::Status::Answered);

    const auto queued = store().outbox().all();
    ASSERT_EQ(queued.size(), 3u);  // concern, disposition, rating
    EXPECT_EQ(queued[1].type, "concern_update");
    EXPECT_EQ(nlohmann::json::parse(queued[1].payload)["disposition"], "referred");
    EXPECT_EQ(nlohmann::json::parse(queued[2].payload)["satisfaction"], "basically_satisfied");
    EXPECT_EQ(nlohmann::json::parse(queued[2].payload)["concern"], c.id);

    EXPECT_THROW(store().concerns().applyStatus(c.receipt, domain::Status::Received, 0, "", ""),
                 store::StoreError);
}

TEST_F(Concerns, TheBoardShowsTheCountysSummaryNeverTheCitizensWords) {
    auto in = input();
    in.text = "我家门口的路灯坏了三盏，晚上看不见路";
    const auto c = store().concerns().add(in);
    const auto other = store().concerns().add(input());
    store().concerns().applyStatus(c.receipt, domain::Status::Answered, m_clock.nowMs(), "",
                                   "已更换路灯", "反映路灯损坏");
    // An answer published before summaries existed shows without one.
    store().concerns().applyStatus(other.receipt, domain::Status::Answered, m_clock.nowMs(), "",
                                   "已答复");
    // Closing sends neither answer nor summary: both stay.
    store().concerns().applyStatus(c.receipt, domain::Status::Closed, m_clock.nowMs() + 1, "已办结",
                                   "");
    const auto board = store().concerns().published(10);
    ASSERT_EQ(board.size(), 2u);
    std::map<std::string, std::string> summaries;
    for (const auto& r : board) {
        summaries[r.answer] = r.summary;
        EXPECT_EQ(r.summary.find("我家"), std::string::npos);
    }
    EXPECT_EQ(summaries["已更换路灯"], "反映路灯损坏");
    EXPECT_EQ(summaries["已答复"], "");
}

TEST_F(Concerns, FullDiskIsReportedAndLosesNothingAlreadyStored) {
    std::vector<std::string> stored;
    store().db().exec("PRAGMA max_page_count = " +
                      std::to_string(store().db().queryInt("PRAGMA page_count") + 3));
    bool full = false;
    for (int i = 0; i < 500 && !full; ++i) {
        try {
            stored.push_back(store().concerns().add(input(std::string(2000, 'x'))).id);
        } catch (const store::StoreError& e) {
            EXPECT_EQ(e.kind(), StoreErrorKind::DiskFull);
            full = true;
        }
    }
    ASSERT_TRUE(full);
    EXPECT_EQ(rows("concern"), static_cast<std::int64_t>(stored.size()));
    EXPECT_EQ(rows("outbox"), static_cast<std::int64_t>(stored.size()));
    reopen();
    EXPECT_EQ(store().concerns().list().size(), stored.size());
    EXPECT_EQ(store().integrityCheck(), "ok");
}

TEST_F(Concerns, AcknowledgedContactIsPurgedFromTheKiosk) {
    auto in = input();
    in.contactPhone = "13800001111";
    in.consent = true;
    const auto withContact = store().concerns().add(in);
    const auto plain = store().concerns().add(input());
    store().outbox().markAcked({withContact.id}, m_clock.nowMs());
    EXPECT_FALSE(store().concerns().findByReceipt(withContact.receipt)->hasContact);
    for (const auto& r : store().outbox().all())
        EXPECT_EQ(r.payload.find("contact_sealed"), std::string::npos);
    const auto counts = store().outbox().counts();
    EXPECT_EQ(counts.acked, 1);
    EXPECT_EQ(counts.pending, 1);
    EXPECT_EQ(store().outbox().pending(10)[0].id, plain.id);
}

// The kiosk re-reads the results board and the roster only when their counters move: a new
// concern moves neither; an answer from the county, a rating, or a roster change does, also
// when another connection (the sync worker's) wrote it.
TEST_F(Concerns, ChangeCountersMoveOnlyForWhatTheBoardAndRosterShow) {
    auto counts = [&] { return store().changeCounts(); };
    const auto start = counts();
    const auto c = store().concerns().add(input());
    EXPECT_EQ(counts().board, start.board);
    EXPECT_EQ(counts().roster, start.roster);

    kiosk::store::StationStore worker(dbPath(), m_clock);  // the sync worker's connection
    worker.concerns().applyStatus(c.receipt, domain::Status::Answered, m_clock.nowMs(), "",
                                  "已修复。");
    const auto answered = counts();
    EXPECT_GT(answered.board, start.board);
    EXPECT_EQ(answered.roster, start.roster);
    store().concerns().rate(c.receipt, domain::Satisfaction::Satisfied);
    EXPECT_GT(counts().board, answered.board);

    addDeputy("d2");
    EXPECT_GT(counts().roster, start.roster);
}
