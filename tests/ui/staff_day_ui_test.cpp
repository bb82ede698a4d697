// The liaison officer's day on the touchscreen (staff mode): every concern by stage and age, ten
// at a time, a disposition with a note typed on the on-screen keyboard, and a ledger entry.
#include "kiosk/domain/receipt_code.hpp"
#include "kiosk_ui_fixture.hpp"

namespace {

class StaffDay : public KioskUi {
protected:
    static std::string login() {
        return "tap \"工作人员\"\ntap \"刘小红\"\ntap \"2\"\ntap \"4\"\ntap \"6\"\ntap \"8\"\ntap "
               "\"1\"\ntap "
               "\"0\"\ntap \"登录\"\n";
    }
    std::int64_t countWhere(const std::string& sql) {
        const platform::SystemClock clock;
        kiosk::store::StationStore store(db(), clock);
        auto& st = store.db().cached("SELECT COUNT(*) FROM " + sql);
        st.step();
        const auto n = st.getInt(0);
        st.reset();
        return n;
    }
};

TEST_F(StaffDay, EveryConcernByStageAndAgeTenAtATime) {
    // Five years of concerns: stationctl's real-size station instead of the demo one.
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db() + suffix);
    const auto init = testsupport::runProcess(
        STATIONCTL_PATH,
        {"--db", db(), "--now", "2026-11-14T18:00", "init", "--demo", "--real-size"}, 300);
    ASSERT_EQ(init.exitCode, 0) << init.err;
    const auto open = countWhere("concern WHERE status IN ('received','forwarded','in_progress')");
    const auto all = countWhere("concern");
    ASSERT_GT(open, 0);
    const auto r =
        run(login() + "expect \"意见办理\"\ntap \"不限时间\"\nexpect \"共 " + std::to_string(open) +
            " 条意见，最新的在前。\"\ncheck-layout\ntap \"全部\"\n" + "expect \"共 " +
            std::to_string(all) + " 条意见，最新的在前。\"\n" +
            "expect \"第 1–10 条\"\ntap \"后10条 ›\"\nexpect \"第 11–" +
            std::to_string(std::min<std::int64_t>(all, 20)) + " 条\"\n" +
            "check-layout\nshot second-ten\ntap \"‹ 前10条\"\nexpect \"第 1–10 条\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(StaffDay, ADispositionWithANoteTypedOnTheKeyboard) {
    // One concern this morning, the only card under 今天; its note typed with the keyboard.
    const auto added = testsupport::runProcess(
        STATIONCTL_PATH, {"--db", db(), "--now", "2026-11-15T09:00", "concern", "add", "--category",
                          "livelihood", "--text", "村卫生室周末没人值班。"});
    ASSERT_EQ(added.exitCode, 0) << added.err;
    const auto r = run(login() + R"(tap "今天"
expect "共 1 条意见，最新的在前。"
tap "写处理说明或答复内容，写完再点处理方式"
expect "收起键盘"
check-layout
shot typing
tap "ABC"
tap "Q"
tap "W"
tap "当场解答"
expect-not "收起键盘"
expect "已记录当场答复，这条意见已转入“已答复”。群众凭回执可以查询答复并评价。"
expect "共 0 条意见，最新的在前。"
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    int withNote = 0;
    std::string all;
    for (const auto& c : concerns())
        all += c.receipt + " " + std::string(kiosk::domain::dispositionId(c.disposition)) + " " +
               c.dispositionNote + "\n";
    for (const auto& c : concerns())
        if (c.disposition == kiosk::domain::Disposition::AnsweredOnSite &&
            c.dispositionNote == "QW") {
            ++withNote;
            // 当场解答 answers it: the citizen may rate it, and the county is told in one record.
            EXPECT_EQ(c.status, kiosk::domain::Status::Answered);
            EXPECT_EQ(countWhere("outbox WHERE type = 'concern_update' AND payload LIKE '%" + c.id +
                                 "%\"status\":\"answered\"%'"),
                      1);
        }
    EXPECT_EQ(withNote, 1) << all;
}

// 当场解答 needs what was answered; once written down, the concern is answered on the station's
// progress page with that answer, and the citizen can rate it there.
TEST_F(StaffDay, AnOnSiteAnswerIsWrittenDownAndCanBeRated) {
    const auto added = testsupport::runProcess(
        STATIONCTL_PATH, {"--db", db(), "--now", "2026-11-15T09:00", "concern", "add", "--category",
                          "livelihood", "--text", "新农合的报销比例是多少？"});
    ASSERT_EQ(added.exitCode, 0) << added.err;
    const std::string receipt = added.out.substr(0, added.out.find_first_of(" \n"));
    auto r = run(login() + R"(tap "今天"
tap "当场解答"
expect "当场解答要写下答复了什么：请先点“写处理说明或答复内容”写好答复，再点“当场解答”。"
check-layout
shot onsite-refused
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const auto& c : concerns())
        if (c.receipt == kiosk::domain::normalizeReceiptCode(receipt)) {
            EXPECT_EQ(c.status, kiosk::domain::Status::Received);
            EXPECT_EQ(c.disposition, kiosk::domain::Disposition::Pending);
        }
    r = run(
        login() + "tap \"今天\"\ntap \"写处理说明或答复内容，写完再点处理方式\"\ntap \"ABC\"\n" +
        "tap \"O\"\ntap \"K\"\ntap \"当场解答\"\n" +
        "expect \"已记录当场答复，这条意见已转入“已答复”。群众凭回执可以查询答复并评价。\"\n" +
        "tap \"已答复\"\nexpect \"新农合的报销比例是多少？\"\ncheck-layout\nshot "
        "onsite-answered\n" +
        "tap \"首页\"\ntap \"进度查询\"\ntap \"##receipt\"\ntype \"" + receipt + "\"\n" +
        "tap \"查询\"\n" +
        "expect \"联络站当场答复\"\nexpect \"OK\"\nexpect \"当前状态：已答复\"\ncheck-layout\n" +
        "shot onsite-track\ntap \"满意\"\nexpect \"您的评价：满意\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(countWhere("concern WHERE satisfaction = 'satisfied' AND disposition = "
                         "'answered_on_site'"),
              1);
}

TEST_F(StaffDay, ALedgerEntryIsRecordedOnTheTouchscreen) {
    const auto entriesBefore = countWhere("ledger");
    const auto queuedBefore = countWhere("outbox WHERE type = 'ledger' AND acked_at IS NULL");
    const auto r = run(login() + R"(tap "台账登记"
tap "法律咨询"
tap "+10"
tap "+1"
tap "+1"
tap "-1"
expect "11 人"
tap "李昇华"
tap "周喆"
tap "√ 周喆"
tap "例如：群众反映集中在道路和饮水问题"
tap "ABC"
tap "O"
tap "K"
tap "收起键盘"
tap "保存台账"
expect "台账已保存，会随同步上报县人大。"
check-layout
shot saved
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(countWhere("ledger"), entriesBefore + 1);
    EXPECT_EQ(countWhere("ledger WHERE activity = 'legal_consultation' AND people = 11 AND "
                         "notes = 'OK' AND deputies = '[\"d01\"]'"),
              1);
    // It goes to the county with the next sync.
    EXPECT_EQ(countWhere("outbox WHERE type = 'ledger' AND acked_at IS NULL"), queuedBefore + 1);
}

TEST_F(StaffDay, PinyinOnTheNoteAndOnTheLedgerKeyboardsDoesNotMix) {
    // Both staff keyboards share the process's one pinyin decoder: letters left on one keyboard
    // never turn up on the other, and what is typed on the ledger is exactly what was chosen.
    const auto added = testsupport::runProcess(
        STATIONCTL_PATH, {"--db", db(), "--now", "2026-11-15T09:00", "concern", "add", "--category",
                          "livelihood", "--text", "村口路灯坏了。"});
    ASSERT_EQ(added.exitCode, 0) << added.err;
    const auto r = run(login() + "tap \"今天\"\ntap \"写处理说明或答复内容，写完再点处理方式\"\n" +
                       keys("hao") + "expect \"hao\"\ntap \"收起键盘\"\ntap \"台账登记\"\n" +
                       "tap \"例如：群众反映集中在道路和饮水问题\"\nexpect-not \"hao\"\n" +
                       keys("daolu") + "expect \"dao'lu\"\ntap \"道路\"\ntap \"收起键盘\"\n" +
                       "tap \"保存台账\"\nexpect \"台账已保存，会随同步上报县人大。\"\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(countWhere("ledger WHERE notes = '道路'"), 1);
}

// When a card will not scan, staff sign the deputy in and out by hand, saying why (recorded as
// manual, the reason goes to the county with it).
TEST_F(StaffDay, DeputiesAreSignedInAndOutByHandWithAReason) {
    auto r = run(login() + R"(tap "代表签到"
expect "今天还没有代表签到。"
tap "签到：贺建国"
expect "为代表签到：贺建国"
check-layout
shot reasons
tap "代表证无法扫码"
expect "已签到：贺建国"
expect "签退：贺建国"
check-layout
shot signed-in
tap "首页"
expect "已签到 10:00"
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto c = checkins().back();
    EXPECT_EQ(c.method, kiosk::domain::CheckinMethod::Staff);
    EXPECT_EQ(c.direction, kiosk::domain::Direction::In);
    EXPECT_EQ(c.reason, "代表证无法扫码");
    EXPECT_TRUE(c.keyId.empty());
    r = run(login() + R"(tap "代表签到"
tap "签退：贺建国"
tap "取消，返回"
expect "签退：贺建国"
tap "签退：贺建国"
tap "代表已离开，代为签退"
expect "已签退：贺建国"
expect-not "签退：贺建国"
)",
            "1080x1920", "2026-11-15T11:00");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    c = checkins().back();
    EXPECT_EQ(c.direction, kiosk::domain::Direction::Out);
    EXPECT_EQ(c.reason, "代表已离开，代为签退");
    EXPECT_EQ(countWhere("outbox WHERE type = 'checkin' AND payload LIKE '%代为签退%'"), 1);
}

// Any deputy of the roster can be signed in, planned today or not; a wrong record is corrected
// by one that voids it: the duty board forgets it, the file and the upload queue keep both.
TEST_F(StaffDay, AnyRosterDeputyIsSignedInAndAWrongRecordIsCorrected) {
    const auto counted = checkins().size();  // the demo's months of sign-ins
    const auto rows = countWhere("checkin");
    const auto r = run(login() + R"(tap "代表签到"
expect "名单中的其他代表（不在今天计划内也可以签到）："
tap "签到：黄春生"
tap "计划外到站接待"
expect "已签到：黄春生*"
tap "首页"
expect "已签到 10:00"
)" + login() + R"(tap "代表签到"
tap "更正"
expect "更正这条记录：10:00 黄春生 签到"
check-layout
shot correcting
tap "签错了代表"
expect "已作废：10:00 黄春生 签到"
expect "今天还没有代表签到。"
check-layout
shot corrected
)");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(checkins().size(), counted);
    EXPECT_EQ(countWhere("checkin"), rows + 2);
    EXPECT_EQ(countWhere("checkin WHERE voids <> '' AND reason = '签错了代表'"), 1);
    EXPECT_EQ(countWhere("checkin WHERE deputy_id = 'd12' AND reason = '计划外到站接待'"), 1);
    EXPECT_EQ(countWhere("outbox WHERE type = 'checkin' AND payload LIKE '%\"voids\":%'"), 1);
}

// 导出本月台账 writes the month's ledger to a USB stick when one is mounted, and says plainly when
// none is (the file is kept on the kiosk meanwhile).
TEST_F(StaffDay, TheMonthsLedgerGoesToAUsbStickOrSaysThereIsNone) {
    const fs::path media = fs::path(db()).parent_path() / "media";
    const fs::path stick = media / "kiosk" / "STICK";
    fs::create_directories(stick);
    const std::string table = (fs::path(db()).parent_path() / "mounts").string();
    std::ofstream(table) << "/dev/mmcblk0p2 / ext4 rw 0 0\n";
    const std::vector<std::string> usb{"--usb-mounts", table, "--usb-root", media.string() + "/"};
    auto r = run(login() + R"(tap "导出本月台账"
expect "没有检测到U盘：请插入U盘后再点一次“导出本月台账”。本月台账已先保存在本机：*"
check-layout
shot no-stick
)",
                 "1080x1920", "2026-11-15T10:00", usb);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const fs::path local = fs::path(db()).parent_path() / "exports" / "ledger-2026-11.csv";
    EXPECT_TRUE(fs::exists(local));
    EXPECT_TRUE(fs::is_empty(stick));

    std::ofstream(table) << "/dev/mmcblk0p2 / ext4 rw 0 0\n/dev/sdb1 " << stick.string()
                         << " vfat rw,nosuid 0 0\n";
    r = run(login() + R"(tap "导出本月台账"
expect "已导出到U盘：*"
check-layout
shot on-stick
)",
            "1080x1920", "2026-11-15T10:00", usb);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(stick)) files.push_back(e.path());
    ASSERT_EQ(files.size(), 1u);
    EXPECT_TRUE(files[0].filename().string().starts_with("ledger-"));
    EXPECT_TRUE(files[0].filename().string().ends_with("-2026-11.csv"));
    std::ifstream a(local), b(files[0]);
    const std::string local_text((std::istreambuf_iterator<char>(a)), {});
    const std::string stick_text((std::istreambuf_iterator<char>(b)), {});
    EXPECT_EQ(stick_text, local_text);
    EXPECT_NE(stick_text.find("代表签到"), std::string::npos);
}

}  // namespace
