// Drives the real stationctl binary against real database files.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "kiosk/store/station_store.hpp"
#include "run_process.hpp"
#include "sample_enrollment.hpp"
#include "temp_dir.hpp"

namespace {

using testsupport::ProcessResult;

class Stationctl : public ::testing::Test {
protected:
    ProcessResult run(std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", m_dir.file("station.db")});
        return testsupport::runProcess(STATIONCTL_PATH, args);
    }
    void init() {
        const auto r = run({"init", "--demo"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    nlohmann::json list() {
        const auto r = run({"concern", "list", "--json"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return nlohmann::json::parse(r.out);
    }
    std::string outbox() { return run({"outbox"}).out; }
    void expectRefused(const std::vector<std::string>& addArgs, const char* why) {
        const auto before = list().size();
        const auto queued = outbox();
        std::vector<std::string> args{"concern", "add"};
        args.insert(args.end(), addArgs.begin(), addArgs.end());
        const auto r = run(args);
        EXPECT_EQ(r.exitCode, 2) << why;
        EXPECT_TRUE(r.out.empty()) << why << ": printed " << r.out;
        EXPECT_NE(r.err.find("错误："), std::string::npos) << why << ": " << r.err;
        EXPECT_EQ(list().size(), before) << why;
        EXPECT_EQ(outbox(), queued) << why;
    }
    testsupport::TempDir m_dir;
};

}  // namespace

TEST_F(Stationctl, InitDemoAndStatus) {
    init();
    const auto r = run({"status"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("云溪镇人大代表联络站"), std::string::npos);
    EXPECT_NE(r.out.find("代表：12 名"), std::string::npos);
    EXPECT_NE(r.out.find("完整性检查：ok"), std::string::npos);
    const auto again = run({"init", "--demo"});
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_NE(again.err.find("已经初始化"), std::string::npos);
}

TEST_F(Stationctl, InitFromACountyConfigFile) {
    const std::string config = m_dir.file("config.json");
    FILE* f = fopen(config.c_str(), "w");
    fputs(R"({"station":{"id":"s-2","name":"荷塘社区联络站","county_code":"430321"},
              "deputies":[{"id":"x1","name":"曾彧","level":"township"}],
              "slots":[{"date":"2026-12-15","start":"09:00","end":"12:00","kind":"reception_day","deputies":["x1"]}]})",
          f);
    fclose(f);
    const auto r = run({"init", "--config", config});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto s = run({"status"});
    EXPECT_NE(s.out.find("荷塘社区联络站"), std::string::npos);
    EXPECT_NE(s.out.find("接待安排：1 场"), std::string::npos);
    const auto bad = testsupport::runProcess(
        STATIONCTL_PATH,
        {"--db", m_dir.file("other.db"), "init", "--config", m_dir.file("missing.json")});
    EXPECT_EQ(bad.exitCode, 2);
}

TEST_F(Stationctl, AddPrintsTheReceiptOnlyAfterCommit) {
    init();
    const auto r =
        run({"concern", "add", "--category", "rural", "--text", "灌溉水渠堵了，请帮忙疏通",
             "--place", "石塘村", "--name", "王五", "--phone", "13800001111", "--consent"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string receipt = r.out.substr(0, r.out.find('\n'));
    EXPECT_TRUE(std::regex_match(receipt, std::regex("[2-9A-Y]{9}"))) << receipt;

    const auto all = list();
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&](const auto& c) { return c["receipt"] == receipt; });
    ASSERT_NE(it, all.end());
    EXPECT_EQ((*it)["category"], "rural");
    EXPECT_EQ((*it)["status"], "received");
    EXPECT_EQ((*it)["has_contact"], true);
    EXPECT_EQ((*it)["id"].get<std::string>().size(), 36u);

    const auto shown = run({"concern", "show", receipt});
    EXPECT_EQ(shown.exitCode, 0);
    EXPECT_NE(shown.out.find("灌溉水渠堵了"), std::string::npos);
    EXPECT_EQ(shown.out.find("13800001111"), std::string::npos);
    EXPECT_EQ(run({"concern", "show", "AAA-AAA-AAA"}).exitCode, 1);
}

TEST_F(Stationctl, InvalidInputIsRefusedWithAMessageAndWritesNothing) {
    init();
    std::string tooLong;
    for (int i = 0; i < 2001; ++i) tooLong += "字";
    expectRefused({"--category", "nonsense", "--text", "x"}, "unknown category");
    expectRefused({"--category", "rural", "--text", ""}, "empty text");
    expectRefused({"--category", "rural", "--text", " \xE3\x80\x80 "}, "blank text");
    expectRefused({"--category", "rural", "--text", tooLong}, "overlong text");
    expectRefused({"--category", "rural", "--text", "ab\xff\xfe"}, "invalid UTF-8");
    expectRefused({"--category", "rural", "--text", "x", "--phone", "13800001111"},
                  "phone without consent");
    expectRefused({"--category", "rural", "--text", "x", "--phone", "123", "--consent"},
                  "bad phone");
    expectRefused({"--category", "rural", "--text", "x", "--deputy", "d99"}, "unknown deputy");
    expectRefused({"--category", "rural", "--text", "x", "--colour", "red"}, "unknown option");
}

TEST_F(Stationctl, CategoriesListOneIdPerLine) {
    init();
    const auto r = run({"concern", "categories"});
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.starts_with("economy\t"));
    EXPECT_NE(r.out.find("\nlivelihood_project\t"), std::string::npos);
    EXPECT_NE(r.out.find("\ncourt_case\t"), std::string::npos);
}

TEST_F(Stationctl, LedgerExportIsExcelFriendlyCsv) {
    init();
    // A fixed date: the export below asks for that month, whatever the wall clock says.
    EXPECT_EQ(run({"--now", "2026-11-15T10:00", "ledger", "add", "--activity", "legal_consultation",
                   "--people", "5", "--notes", "律师现场解答"})
                  .exitCode,
              0);
    const auto r = run({"export", "ledger", "--month", "2026-11", "--format", "csv"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out.starts_with("\xEF\xBB\xBF日期,"));
    EXPECT_NE(r.out.find("法律咨询"), std::string::npos);
    EXPECT_EQ(run({"export", "ledger", "--month", "2026-13", "--format", "csv"}).exitCode, 2);
    EXPECT_EQ(run({"export", "ledger", "--month", "2026-11", "--format", "xls"}).exitCode, 2);
}

TEST_F(Stationctl, OutboxCountsPendingAndAcked) {
    init();
    const auto before = run({"outbox"});
    ASSERT_EQ(before.exitCode, 0);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(before.out, m, std::regex("pending\t(\\d+)\nacked\t0")));
    const int pending = std::stoi(m[1]);
    run({"concern", "add", "--category", "other", "--text", "开放时间请贴出来"});
    EXPECT_NE(run({"outbox"}).out.find("pending\t" + std::to_string(pending + 1)),
              std::string::npos);
}

// Every command has its own --help, and an option it does not take is refused by name before
// the database is opened (none exists here).
TEST_F(Stationctl, EveryCommandHasHelpAndRefusesUnknownOptions) {
    for (const std::vector<std::string> path : {std::vector<std::string>{},
                                                {"init"},
                                                {"status"},
                                                {"outbox"},
                                                {"concern"},
                                                {"concern", "add"},
                                                {"concern", "categories"},
                                                {"concern", "list"},
                                                {"concern", "show"},
                                                {"ledger", "add"},
                                                {"export", "ledger"},
                                                {"roster", "export"},
                                                {"staff", "add"},
                                                {"staff", "list"},
                                                {"staff", "remove"},
                                                {"staff", "set-pin"},
                                                {"printer", "set"},
                                                {"printer", "show"},
                                                {"printer", "test"},
                                                {"hours", "set"},
                                                {"hours", "show"},
                                                {"hours", "clear"},
                                                {"accessibility", "set"},
                                                {"accessibility", "show"},
                                                {"backup"},
                                                {"restore"},
                                                {"enroll"},
                                                {"sync"},
                                                {"sync", "log"},
                                                {"sync", "status"},
                                                {"qr", "keygen"},
                                                {"qr", "issue"},
                                                {"qr", "verify"},
                                                {"qr", "demo-cards"},
                                                {"decode-qr"}}) {
        std::string joined;
        for (const auto& w : path) joined += " " + w;
        std::vector<std::string> help = path;
        help.push_back("--help");
        const auto h = testsupport::runProcess(STATIONCTL_PATH, help);
        EXPECT_EQ(h.exitCode, 0) << joined << ": " << h.err;
        EXPECT_NE(h.out.find("用法: stationctl" + joined), std::string::npos) << h.out;

        std::vector<std::string> bad = path;
        bad.push_back("--no-such-option");
        const auto b = run(bad);
        EXPECT_EQ(b.exitCode, 2) << joined;
        EXPECT_NE(b.err.find("未知选项 --no-such-option"), std::string::npos) << joined << b.err;
    }
    EXPECT_FALSE(std::filesystem::exists(m_dir.file("station.db")));
}

TEST_F(Stationctl, UsageErrors) {
    EXPECT_EQ(testsupport::runProcess(STATIONCTL_PATH, {"status"}).exitCode, 2);
    EXPECT_EQ(testsupport::runProcess(STATIONCTL_PATH, {}).exitCode, 2);
    EXPECT_EQ(testsupport::runProcess(STATIONCTL_PATH, {"--help"}).exitCode, 0);
    const auto unknown = run({"frobnicate"});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_NE(unknown.err.find("没有这个命令：frobnicate"), std::string::npos) << unknown.err;
    const auto noValue = run({"concern", "add", "--text"});
    EXPECT_EQ(noValue.exitCode, 2);
    EXPECT_NE(noValue.err.find("--text 需要一个值"), std::string::npos) << noValue.err;
    const auto typo = run({"concern", "ad"});
    EXPECT_EQ(typo.exitCode, 2);
    EXPECT_NE(typo.err.find("“concern”下没有“ad”（可用：add、categories、list、show）"),
              std::string::npos)
        << typo.err;
    const auto extra = run({"concern", "show", "ACD-3E4-F6G", "more"});
    EXPECT_EQ(extra.exitCode, 2);
    EXPECT_NE(extra.err.find("多余的参数 more（“concern show”不需要它）"), std::string::npos)
        << extra.err;
    const auto version = testsupport::runProcess(STATIONCTL_PATH, {"--version"});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_EQ(version.out, "stationctl 0.1.0\n");
    const auto noDir = testsupport::runProcess(
        STATIONCTL_PATH, {"--db", m_dir.file("no/such/dir/station.db"), "status"});
    EXPECT_EQ(noDir.exitCode, 1);
    EXPECT_NE(noDir.err.find("无法打开"), std::string::npos) << noDir.err;
}

// Issue 18: demo keys (public, in every binary) were installed without a word, even over an
// enrolled station. Now they are refused there unless forced, and always announced.
TEST_F(Stationctl, DemoKeysAreAnnouncedAndRefusedOnAnEnrolledStation) {
    const auto first = run({"init", "--demo"});
    ASSERT_EQ(first.exitCode, 0) << first.err;
    EXPECT_NE(first.err.find("警告：正在使用演示密钥"), std::string::npos) << first.err;
    const std::string file = m_dir.file("enrollment.json");
    auto e = testsupport::sampleEnrollment("http://127.0.0.1:9", "430321-yunxi");
    std::ofstream(file) << csync::toJson(e).dump();
    const auto enrolled = run({"enroll", file});
    ASSERT_EQ(enrolled.exitCode, 0) << enrolled.err;
    const auto refused = run({"init", "--demo", "--force"});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(refused.err.find("已接入县里的系统"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("--force-demo"), std::string::npos) << refused.err;
    EXPECT_EQ(run({"init", "--demo", "--force", "--force-demo"}).exitCode, 0);
}

// Issue 18: some option values ended in std::terminate (a core dump) instead of a message.
TEST_F(Stationctl, BadOptionValuesEndInAMessageNeverACrash) {
    init();
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"qr", "keygen", "--out", m_dir.file("k"), "--key-id", "99999999999"},
             {"qr", "keygen", "--out", m_dir.file("k"), "--key-id", "seven"},
             {"ledger", "add", "--activity", "接待", "--people", "很多"},
             {"ledger", "add", "--activity", "接待", "--people", "99999999999999"},
             {"sync", "--once", "--timeout-ms", "abc"},
             {"qr", "verify", "DQ1:garbage"}}) {
        std::vector<std::string> full = args;
        if (args[0] != "qr" || args[1] == "verify")
            full.insert(full.begin(), {"--db", m_dir.file("station.db")});
        const auto r = testsupport::runProcess(STATIONCTL_PATH, full);
        EXPECT_GE(r.exitCode, 1) << args[0] << " " << args[1] << ": " << r.err;
        EXPECT_LE(r.exitCode, 2) << args[0] << " " << args[1];
        EXPECT_TRUE(r.err.find("错误") != std::string::npos ||
                    r.err.find("拒绝") != std::string::npos)
            << r.err;
    }
}

// Issue 18: the store was read before its busy timeout was set, so concurrent runs failed
// (8 % of `concern add`) or dumped core (`qr verify`).
TEST_F(Stationctl, ConcurrentRunsOnOneFileAllSucceed) {
    init();
    ASSERT_EQ(run({"qr", "demo-cards", "--out", m_dir.file("cards")}).exitCode, 0);
    std::string token;
    std::getline(std::ifstream(m_dir.file("cards/d01.txt")), token);
    const auto before = list().size();
    std::vector<std::thread> runs;
    std::vector<testsupport::ProcessResult> results(24);
    for (int i = 0; i < 24; ++i)
        runs.emplace_back([&, i] {
            results[i] = i % 2 ? run({"qr", "verify", token})
                               : run({"concern", "add", "--category", "livelihood", "--text",
                                      "同时提交的意见 " + std::to_string(i)});
        });
    for (auto& t : runs) t.join();
    for (const auto& r : results) EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(list().size(), before + 12);
}

// Issue 18: a new database (and its WAL) is readable by its owner only.
TEST_F(Stationctl, ANewDatabaseIsOwnerOnly) {
    init();
    ASSERT_EQ(run({"concern", "add", "--category", "livelihood", "--text", "权限"}).exitCode, 0);
    namespace fs = std::filesystem;
    const auto owner = fs::perms::owner_read | fs::perms::owner_write;
    EXPECT_EQ(fs::status(m_dir.file("station.db")).permissions() & fs::perms::all, owner);
    for (const char* suffix : {"-wal", "-shm"})
        if (fs::exists(m_dir.file(std::string("station.db") + suffix)))
            EXPECT_EQ(fs::status(m_dir.file(std::string("station.db") + suffix)).permissions() &
                          fs::perms::all,
                      owner)
                << suffix;
}

// Duty QR cards: a county key pair (secret 0600), issuing a card (token + PNG that decodes back
// to the token), verification by a station database or a public key file with the reason on
// refusal, and decode-qr's one line per file.
TEST_F(Stationctl, QrKeygenIssueVerifyAndDecode) {
    init();
    const std::string keys = m_dir.file("keys");
    auto r =
        testsupport::runProcess(STATIONCTL_PATH, {"qr", "keygen", "--out", keys, "--key-id", "7"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string secret = keys + "/deputy-qr-key-7.secret.json";
    const std::string pub = keys + "/deputy-qr-key-7.public.json";
    const auto perms = std::filesystem::status(secret).permissions();
    EXPECT_EQ(perms & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

    const std::string card = m_dir.file("d03.png");
    r = testsupport::runProcess(
        STATIONCTL_PATH, {"qr", "issue", "--key", secret, "--deputy", "d03", "--county", "430321",
                          "--days", "30", "--db", m_dir.file("station.db"), "--out", card});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string token = r.out.substr(0, r.out.find('\n'));
    EXPECT_EQ(token.rfind("DQ1:", 0), 0u);

    // The public key file verifies it; the demo station (another key) refuses it as unknown.
    r = testsupport::runProcess(STATIONCTL_PATH,
                                {"qr", "verify", token, "--pub", pub, "--county", "430321"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out.rfind("ok\td03\t", 0), 0u) << r.out;
    r = run({"qr", "verify", token});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("unknown_key"), std::string::npos) << r.err;
    r = testsupport::runProcess(STATIONCTL_PATH,
                                {"qr", "verify", token, "--pub", pub, "--county", "430302"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("不是本县签发的"), std::string::npos) << r.err;

    // Demo cards verify against the demo station and name the deputy.
    r = run({"qr", "demo-cards", "--out", m_dir.file("cards")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = run({"qr", "verify", [&] {
                 std::ifstream in(m_dir.file("cards/d02.txt"));
                 std::string t;
                 std::getline(in, t);
                 return t;
             }()});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("周喆"), std::string::npos) << r.out;

    // decode-qr: FILE<TAB>ms<TAB>text, empty text for an image without a code.
    r = testsupport::runProcess(STATIONCTL_PATH, {"decode-qr", card, m_dir.file("cards/d02.png")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    std::getline(lines, line);
    EXPECT_TRUE(std::regex_match(line, std::regex(card + "\t[0-9]+\\.[0-9]\t" + token))) << line;
    std::getline(lines, line);
    EXPECT_NE(line.find("\tDQ1:"), std::string::npos) << line;
    r = testsupport::runProcess(STATIONCTL_PATH, {"decode-qr", m_dir.file("missing.png")});
    EXPECT_EQ(r.exitCode, 1);
}

TEST_F(Stationctl, RosterExportIsWhatTheCountyServerImports) {
    init();
    const std::string roster = m_dir.file("roster.json");
    const auto r = run({"roster", "export", "--out", roster});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::ifstream in(roster);
    const auto j = nlohmann::json::parse(in);
    ASSERT_EQ(j["station"]["id"], "430321-yunxi");
    ASSERT_GE(j["deputies"].size(), 8u);
    // Photos travel as base64, the rare character in a name survives, slots carry planned ids.
    bool photo = false, rare = false, planned = false;
    for (const auto& d : j["deputies"]) {
        photo = photo || d.contains("photo");
        rare = rare || d["name"].get<std::string>().find("𬌗") != std::string::npos;
    }
    for (const auto& s : j["slots"]) planned = planned || !s["deputies"].empty();
    EXPECT_TRUE(photo && rare && planned);

    const std::string county = "sqlite:" + m_dir.file("county.db");
    ASSERT_EQ(testsupport::runProcess(COUNTY_SERVER_PATH,
                                      {"--db", county, "init", "--county", "430321", "--demo"})
                  .exitCode,
              0);
    ASSERT_EQ(testsupport::runProcess(COUNTY_SERVER_PATH,
                                      {"--db", county, "station", "add", "--id", "430321-yunxi",
                                       "--name", "云溪镇", "--out", m_dir.file("enroll.json")})
                  .exitCode,
              0);
    const auto imported = testsupport::runProcess(
        COUNTY_SERVER_PATH,
        {"--db", county, "roster", "import", "--station", "430321-yunxi", roster});
    ASSERT_EQ(imported.exitCode, 0) << imported.err;
    EXPECT_NE(imported.out.find("imported " + std::to_string(j["deputies"].size()) + " deputies"),
              std::string::npos)
        << imported.out;
}

TEST_F(Stationctl, OpeningHoursSetShowClearAndBadInput) {
    init();
    EXPECT_NE(run({"hours", "show"}).out.find("未设置开放时间"), std::string::npos);
    const auto set = run({"hours", "set", "周一至周五 08:30-17:30；周六 09:00-12:00"});
    ASSERT_EQ(set.exitCode, 0) << set.err;
    EXPECT_EQ(set.out, "已设置开放时间：周一至周五 08:30-17:30；周六 09:00-12:00\n");
    const std::string shown = run({"hours", "show"}).out;
    EXPECT_EQ(shown,
              "周一至周五 08:30-17:30；周六 09:00-12:00\nmon-fri 08:30-17:30; sat 09:00-12:00\n");
    // Bad input: a clear message naming the wrong part, exit 2, the setting unchanged.
    for (const auto& [text, message] :
         std::vector<std::pair<std::string, std::string>>{{"17:30-08:30", "结束时间要晚于开始时间"},
                                                          {"8点半到5点半", "开放时间的格式不对"},
                                                          {"周八 08:30-17:30", "不认识的星期"},
                                                          {"08:30-25:00", "时间写得不对"}}) {
        const auto bad = run({"hours", "set", text});
        EXPECT_EQ(bad.exitCode, 2) << text;
        EXPECT_NE(bad.err.find(message), std::string::npos) << text << ": " << bad.err;
        EXPECT_EQ(run({"hours", "show"}).out, shown) << text;
    }
    EXPECT_EQ(run({"hours", "clear"}).exitCode, 0);
    EXPECT_NE(run({"hours", "show"}).out.find("未设置开放时间"), std::string::npos);
}

// Named liaison officers from the command line: PINs come on stdin (never on the command line),
// bad input is refused with a message in Chinese, and nothing is written then.
TEST_F(Stationctl, LiaisonOfficersAreAddedListedAndRemoved) {
    init();
    const auto withPin = [&](std::vector<std::string> args, const std::string& pin) {
        args.insert(args.begin(), {"--db", m_dir.file("station.db")});
        return testsupport::runProcess(STATIONCTL_PATH, args, 60, pin + "\n");
    };
    auto r = run({"staff", "list"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "刘小红\n陈建国\n");  // the demo station's two
    EXPECT_NE(r.err.find("本站共用密码：已设置"), std::string::npos) << r.err;
    r = withPin({"staff", "add", "--name", "王 芳"}, "975310");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "已添加联络员：王 芳\n");
    EXPECT_EQ(r.out.find("975310"), std::string::npos);
    r = withPin({"staff", "add", "--name", "王 芳"}, "111111");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("已有同名的联络员"), std::string::npos) << r.err;
    r = withPin({"staff", "add", "--name", "李四"}, "12ab");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("密码应为6到12位数字"), std::string::npos) << r.err;
    r = withPin({"staff", "add", "--name", ""}, "123456");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("联络员姓名要写1到20个字"), std::string::npos) << r.err;
    EXPECT_EQ(run({"staff", "list"}).out, "刘小红\n陈建国\n王 芳\n");
    EXPECT_EQ(withPin({"staff", "set-pin", "--name", "王 芳"}, "864200").exitCode, 0);
    r = withPin({"staff", "set-pin", "--name", "赵六"}, "864200");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("没有名叫“赵六”的联络员"), std::string::npos) << r.err;
    EXPECT_EQ(run({"staff", "remove", "--name", "刘小红"}).exitCode, 0);
    EXPECT_EQ(run({"staff", "list"}).out, "陈建国\n王 芳\n");
    EXPECT_EQ(run({"staff", "remove", "--name", "刘小红"}).exitCode, 1);
    // The shared PIN: on the command line as before, or on stdin.
    EXPECT_EQ(run({"staff", "set-pin", "13572468"}).exitCode, 0);
    EXPECT_EQ(withPin({"staff", "set-pin"}, "24681357").exitCode, 0);
    r = run({"staff", "add", "--name", "某人", "--pin", "123456"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("未知选项 --pin"), std::string::npos) << r.err;
    EXPECT_EQ(run({"staff", "frobnicate"}).exitCode, 2);
}

TEST_F(Stationctl, BackupAndRestoreKeepEveryRecord) {
    init();
    const auto before = list();
    const std::string backup = m_dir.file("backup.db");
    const auto b = run({"backup", backup});
    ASSERT_EQ(b.exitCode, 0) << b.err;
    EXPECT_NE(b.out.find("已备份到"), std::string::npos) << b.out;
    struct stat st {};
    ASSERT_EQ(::stat(backup.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    ASSERT_EQ(run({"concern", "add", "--category", "rural", "--text", "备份之后的意见"}).exitCode,
              0);
    EXPECT_EQ(list().size(), before.size() + 1);

    const auto r = run({"restore", backup});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("恢复前的数据已保留在"), std::string::npos) << r.out;
    EXPECT_EQ(list(), before);

    // Not a station database: refused in Chinese, nothing replaced.
    std::ofstream(m_dir.file("junk.db")) << "junk";
    const auto junk = run({"restore", m_dir.file("junk.db")});
    EXPECT_EQ(junk.exitCode, 2);
    EXPECT_NE(junk.err.find("这不是可用的联络站数据文件"), std::string::npos) << junk.err;
    EXPECT_EQ(list(), before);
    const auto self = run({"backup", m_dir.file("station.db")});
    EXPECT_EQ(self.exitCode, 2);
}

TEST_F(Stationctl, AccessibilityDefaultsSetShowAndBadInput) {
    init();
    EXPECT_EQ(run({"accessibility", "show"}).out, "每位来访者开始时：大字模式 关，语音朗读 关\n");
    const auto set = run({"accessibility", "set", "large-text", "on"});
    ASSERT_EQ(set.exitCode, 0) << set.err;
    EXPECT_NE(set.out.find("大字模式打开"), std::string::npos) << set.out;
    ASSERT_EQ(run({"accessibility", "set", "read-aloud", "on"}).exitCode, 0);
    EXPECT_EQ(run({"accessibility", "show"}).out, "每位来访者开始时：大字模式 开，语音朗读 开\n");
    // Bad input: the usage in Chinese, exit 2, the settings unchanged.
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"accessibility", "set", "large-text", "yes"},
                                               {"accessibility", "set", "font", "on"},
                                               {"accessibility"}}) {
        const auto bad = run(args);
        EXPECT_EQ(bad.exitCode, 2);
        EXPECT_NE(bad.err.find("用法：accessibility"), std::string::npos) << bad.err;
    }
    ASSERT_EQ(run({"accessibility", "set", "read-aloud", "off"}).exitCode, 0);
    EXPECT_EQ(run({"accessibility", "show"}).out, "每位来访者开始时：大字模式 开，语音朗读 关\n");
}

TEST_F(Stationctl, RealSizeStationHasTheShapeOfFiveBusyYears) {
    const auto r = run({"--now", "2026-11-14T18:00", "init", "--demo", "--real-size"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto status = run({"status"});
    ASSERT_EQ(status.exitCode, 0) << status.err;
    const platform::SystemClock clock;
    kiosk::store::StationStore store(m_dir.file("station.db"), clock);
    EXPECT_EQ(store.roster().deputies(true).size(), 60u);
    EXPECT_GE(store.roster().slots().size(), 2000u);
    EXPECT_GE(store.concerns().list().size(), 20000u);
    EXPECT_GE(store.concerns().publishedCount(), 2000);
    EXPECT_EQ(store.outbox().counts().pending, 0);
}
