// The concern inbox (filters, search, detail, contact with audit, actions that reach the
// station's updates feed), the public progress page and the public URL setting, on SQLite and
// PostgreSQL.
#include "sync/server/desk/station_desk.hpp"
#include "sync/server/staff/concern_store.hpp"
#include "web_fixture.hpp"

namespace webtest {
namespace {

bool has(const std::string& body, const std::string& needle) {
    return body.find(needle) != std::string::npos;
}

class WebConcerns : public WebFixture {
protected:
    void SetUp() override {
        WebFixture::SetUp();
        if (IsSkipped()) return;
        m_a = concern("ACD234EFG", "村里的路坏了，<script>alert(1)</script>下雨就积水", "rural",
                      "d1", kNow - 3600000, "张三", "13800001234");
        m_b = concern("HJK345MNP", "医保报销比例太低", "livelihood", "", kNow - 2 * 86400000);
        m_c = concern("RTU678VWX", "河道污染 100% 严重", "environment", "", kNow - 7200000);
        upload("s1", {m_a, m_b});
        upload("s2", {m_c});
    }

    std::string list(const std::string& query, const Browser& b) {
        const auto res = get("/concerns?" + query, b);
        EXPECT_EQ(res.status, 200) << query;
        return res.body;
    }
    std::int64_t count(const std::string& sql, const std::vector<csync::server::SqlValue>& p) {
        auto s = m_backend->sql();
        return s->query(sql, p).front().integer(0);
    }
    std::string detail(const csync::Record& r) { return "/concerns/" + r.id; }

    csync::Record m_a, m_b, m_c;
};

TEST_P(WebConcerns, ListFiltersAndSearchFindTheRightRows) {
    const auto viewer = as(Role::Viewer);
    auto shows = [&](const std::string& query, bool a, bool b, bool c) {
        SCOPED_TRACE(query);
        const std::string body = list(query, viewer);
        EXPECT_EQ(has(body, "ACD234EFG"), a);
        EXPECT_EQ(has(body, "HJK345MNP"), b);
        EXPECT_EQ(has(body, "RTU678VWX"), c);
    };
    shows("", true, true, true);
    shows("station=s2", false, false, true);
    shows("category=livelihood", false, true, false);
    shows("deputy=d1", true, false, false);
    shows("status=received", true, true, true);
    shows("status=answered", false, false, false);
    using csync::server::staff::formatDate;
    const std::string today = formatDate(kNow), yesterday = formatDate(kNow - 86400000),
                      twoDaysAgo = formatDate(kNow - 2 * 86400000);
    shows("from=" + today, true, false, true);
    shows("to=" + yesterday, false, true, false);
    shows("from=" + twoDaysAgo + "&to=" + twoDaysAgo, false, true, false);
    shows("from=" + yesterday + "&to=" + yesterday, false, false, false);
    shows("q=医保", false, true, false);
    shows("q=hjk-345", false, true, false);
    shows("q=100%", false, false, true);
    // Quotes, percent signs and SQL never reach SQL text: no rows, no error.
    shows("q=%' OR '1'='1", false, false, false);
    shows("q=_", false, false, false);
    shows("station=' OR 1=1 --", false, false, false);
    // Newest first, text cut to a preview, Chinese names, counts per status.
    const std::string all = list("", viewer);
    EXPECT_LT(all.find("ACD234EFG"), all.find("RTU678VWX"));
    EXPECT_LT(all.find("RTU678VWX"), all.find("HJK345MNP"));
    EXPECT_TRUE(has(all, "乡村振兴与农业"));
    EXPECT_TRUE(has(all, "花石镇代表联络站"));
    EXPECT_TRUE(has(all, "<b>3</b><span>已受理</span>"));
    EXPECT_FALSE(has(all, "<script>"));
    // A bad date is explained, not a crash.
    EXPECT_TRUE(has(list("from=2026-13-45", viewer), "起始日期格式不对"));
}

// The inbox pages in SQL: 50 a page, newest first, the counts and "共 N 条" over all pages,
// filters applied before paging.
TEST_P(WebConcerns, TheInboxPagesThroughEveryMatchingConcern) {
    std::vector<csync::Record> many;
    for (int i = 0; i < 120; ++i) {
        char receipt[10];
        std::snprintf(receipt, sizeof receipt, "P%08d", i);
        many.push_back(concern(receipt, "第" + std::to_string(i) + "条",
                               i % 2 ? "rural" : "traffic", "", kNow - 86'400'000 - i * 60'000));
    }
    upload("s1", many);
    const auto viewer = as(Role::Viewer);
    auto rowsOf = [](const std::string& body) {
        std::size_t n = 0;
        for (auto at = body.find("<tr><td><a href=\"/concerns/"); at != std::string::npos;
             at = body.find("<tr><td><a href=\"/concerns/", at + 1))
            ++n;
        return n;
    };
    const std::string first = list("", viewer);
    EXPECT_EQ(rowsOf(first), 50u);
    EXPECT_TRUE(has(first, "<b>123</b><span>全部</span>"));
    EXPECT_TRUE(has(first, "共 123 条"));
    EXPECT_TRUE(has(first, "下一页"));
    EXPECT_FALSE(has(first, "上一页"));
    EXPECT_TRUE(has(first, "ACD234EFG"));  // the three newest lead
    const std::string last = list("page=2", viewer);
    EXPECT_EQ(rowsOf(last), 23u);
    EXPECT_TRUE(has(last, "P00000119"));  // the oldest ends the last page
    EXPECT_TRUE(has(last, "上一页"));
    EXPECT_FALSE(has(last, "下一页"));
    EXPECT_EQ(rowsOf(list("page=3", viewer)), 0u);
    // 60 "traffic" ones (every even i): two pages, counted before paging.
    const std::string traffic = list("category=traffic&page=1", viewer);
    EXPECT_EQ(rowsOf(traffic), 10u);
    EXPECT_TRUE(has(traffic, "共 60 条"));
    EXPECT_TRUE(has(traffic, "P00000118"));
    EXPECT_FALSE(has(traffic, "P00000119"));
}

TEST_P(WebConcerns, DetailEscapesTheCitizensText) {
    const auto res = get(detail(m_a), as(Role::Viewer));
    ASSERT_EQ(res.status, 200);
    EXPECT_TRUE(has(res.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_FALSE(has(res.body, "<script>alert"));
    EXPECT_TRUE(has(res.body, "花石镇"));
    EXPECT_TRUE(has(res.body, "群众自助登记"));
    EXPECT_EQ(get("/concerns/no-such-id", as(Role::Viewer)).status, 404);
}

TEST_P(WebConcerns, ContactOnlyForStaffAndEveryViewIsAudited) {
    const auto viewer = as(Role::Viewer);
    const auto seen = get(detail(m_a), viewer);
    EXPECT_FALSE(has(seen.body, "查看联系方式"));
    EXPECT_FALSE(has(seen.body, "13800001234"));
    EXPECT_EQ(post(detail(m_a) + "/contact", {}, viewer).status, 403);

    const auto staff = as(Role::Staff);
    const auto page = get(detail(m_a), staff);
    EXPECT_TRUE(has(page.body, "查看联系方式"));
    EXPECT_FALSE(has(page.body, "13800001234"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'contact.view'", {}), 0);
    const auto opened = post(detail(m_a) + "/contact", {}, staff);
    ASSERT_EQ(opened.status, 200);
    EXPECT_TRUE(has(opened.body, "13800001234"));
    EXPECT_TRUE(has(opened.body, "张三"));
    post(detail(m_a) + "/contact", {}, as(Role::Admin));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'contact.view' AND "
                    "subject = $1",
                    {std::string("ACD234EFG")}),
              2);
    EXPECT_TRUE(has(get(detail(m_b), staff).body, "未留联系方式"));
}

TEST_P(WebConcerns, ActionsChangeRowsHistoryAndReachTheStation) {
    const auto staff = as(Role::Staff);
    const std::string base = detail(m_a);
    auto res = post(base + "/assign", {{"organ", "县交通运输局"}}, staff);
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(location(res), base);
    res = post(base + "/assign", {{"organ", "  "}}, staff);
    EXPECT_EQ(res.status, 400);
    EXPECT_EQ(post(base + "/disposition", {{"disposition", "bogus"}}, staff).status, 400);
    EXPECT_EQ(post(base + "/disposition", {{"disposition", "referred"}}, staff).status, 303);
    {
        auto sql = m_backend->sql();
        const auto w =
            sql->query("SELECT organ, disposition FROM concern_work WHERE concern = $1", {m_a.id});
        ASSERT_EQ(w.size(), 1u);
        EXPECT_EQ(w[0].text(0), "县交通运输局");
        EXPECT_EQ(w[0].text(1), "referred");
    }
    // Publishing an empty answer is refused; an overlong draft is refused and kept.
    res = post(base + "/publish", {}, staff);
    EXPECT_EQ(res.status, 400);
    EXPECT_TRUE(has(res.body, "答复内容为空"));
    std::string longText;
    for (int i = 0; i < 2001; ++i) longText += "字";
    res = post(base + "/answer", {{"answer", longText}}, staff);
    EXPECT_EQ(res.status, 400);
    EXPECT_TRUE(has(res.body, longText));
    EXPECT_TRUE(has(res.body, "最多 2000 字"));

    const std::string answer = "已安排镇政府在12月前修复该路段。";
    EXPECT_EQ(post(base + "/answer", {{"answer", answer}}, staff).status, 303);
    EXPECT_EQ(post(base + "/status", {{"status", "in_progress"}}, staff).status, 303);
    EXPECT_EQ(post(base + "/status", {{"status", "forwarded"}}, staff).status, 400);
    EXPECT_TRUE(m_backend->updates("s1", 0, 100).size() == 1);
    // The results board's 公示摘要 is required, anonymised and never the citizen's own words;
    // a refusal says why and keeps what was typed.
    res = post(base + "/publish", {}, staff);
    EXPECT_EQ(res.status, 400);
    EXPECT_TRUE(has(res.body, "请填写公示摘要")) << res.body;
    EXPECT_TRUE(has(res.body, answer));
    res = post(base + "/publish",
               {{"answer", answer}, {"summary", "村里的路坏了 <script>alert(1)</script>"}}, staff);
    EXPECT_EQ(res.status, 400);
    EXPECT_TRUE(has(res.body, "照抄了群众的原话")) << res.body;
    EXPECT_TRUE(has(res.body, "村里的路坏了 &lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_FALSE(has(res.body, "<script>alert(1)"));
    res = post(base + "/publish",
               {{"answer", answer}, {"summary", "反映村道破损，联系 138 0000 1234"}}, staff);
    EXPECT_EQ(res.status, 400);
    EXPECT_TRUE(has(res.body, "电话号码"));
    EXPECT_TRUE(m_backend->updates("s1", 0, 100).size() == 1);
    const std::string summary = "反映村道破损、雨天积水难行";
    EXPECT_EQ(post(base + "/answer", {{"answer", answer}, {"summary", summary}}, staff).status,
              303);
    EXPECT_TRUE(has(get(base, staff).body, summary));  // the draft keeps it
    res = post(base + "/publish", {}, staff);          // publishes the saved draft
    EXPECT_EQ(res.status, 303);
    auto updates = m_backend->updates("s1", 0, 100);
    ASSERT_EQ(updates.size(), 2u);
    EXPECT_EQ(updates[1].status, "answered");
    EXPECT_EQ(updates[1].answer, answer);
    EXPECT_EQ(updates[1].summary, summary);
    EXPECT_EQ(updates[1].receipt, "ACD234EFG");
    EXPECT_EQ(updates[1].concernId, m_a.id);
    EXPECT_TRUE(m_backend->updates("s2", 0, 100).empty());
    // A second publish without reopening is refused (the station would ignore it).
    EXPECT_EQ(post(base + "/publish", {{"answer", "另一个答复"}}, staff).status, 400);

    EXPECT_EQ(post(base + "/close", {{"note", "已修复"}}, staff).status, 303);
    updates = m_backend->updates("s1", 0, 100);
    ASSERT_EQ(updates.size(), 3u);
    EXPECT_EQ(updates[2].status, "closed");
    EXPECT_EQ(updates[2].answer, answer);  // closing keeps the published answer
    EXPECT_EQ(updates[2].summary, "");     // and the station keeps the summary it has
    EXPECT_EQ(post(base + "/close", {}, staff).status, 400);
    EXPECT_EQ(post(base + "/status", {{"status", "in_progress"}}, staff).status, 400);
    {
        auto sql = m_backend->sql();
        const auto c = sql->query("SELECT status, answer FROM concern WHERE id = $1", {m_a.id});
        EXPECT_EQ(c[0].text(0), "closed");
        EXPECT_EQ(c[0].text(1), answer);
        const auto w = sql->query(
            "SELECT published_at, closed_at, answer_draft FROM concern_work WHERE concern = $1",
            {m_a.id});
        EXPECT_EQ(w[0].integer(0), kNow);
        EXPECT_EQ(w[0].integer(1), kNow);
        EXPECT_EQ(w[0].text(2), answer);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM concern_event WHERE concern = $1", {m_a.id}), 7);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'concern.%'", {}), 7);
    const auto page = get(base, as(Role::Viewer));
    for (const char* line :
         {"交办：县交通运输局", "设定处理方式：告知向有关机关反映", "发布答复", "办结：已修复",
          "已送达联络站：状态改为已答复", "staff：交办", answer.c_str()})
        EXPECT_TRUE(has(page.body, line)) << line;
    EXPECT_TRUE(has(get("/concerns?status=closed", staff).body, "ACD234EFG"));
    EXPECT_TRUE(has(get("/concerns?q=镇政府", staff).body, "ACD234EFG"));
    // Viewers may read but not act.
    EXPECT_EQ(post(base + "/assign", {{"organ", "x"}}, as(Role::Viewer)).status, 403);
}

// A concern a liaison officer took for a citizen, logged in by name, says who took it; so does
// the disposition they set.
TEST_P(WebConcerns, TheOfficerWhoTookItIsShown) {
    json p{{"receipt", "KMN456PRT"},
           {"category", "rural"},
           {"text", "代为登记的意见"},
           {"place", ""},
           {"deputy", ""},
           {"taken_by", "liaison"},
           {"created_at", kNow},
           {"status", "received"},
           {"officer", "刘小红"}};
    const csync::Record taken{platform::newUuid(), "concern", kNow, csync::canonicalJson(p)};
    const json d{{"concern", taken.id}, {"receipt", "KMN456PRT"}, {"disposition", "referred"},
                 {"note", "县水利局"},  {"at", kNow + 1000},      {"officer", "陈建国"}};
    upload("s1",
           {taken, {platform::newUuid(), "concern_update", kNow + 1000, csync::canonicalJson(d)}});
    const auto page = get(detail(taken), as(Role::Viewer));
    EXPECT_TRUE(has(page.body, "联络员代为登记：刘小红")) << page.body;
    EXPECT_TRUE(has(page.body, "花石镇代表联络站 陈建国")) << page.body;
}

TEST_P(WebConcerns, StationSideChangesShowInHistoryAndList) {
    const json p{{"concern", m_b.id},
                 {"receipt", "HJK345MNP"},
                 {"satisfaction", "satisfied"},
                 {"note", ""},
                 {"at", kNow - 1000}};
    upload("s1", {{platform::newUuid(), "concern_update", kNow - 1000, csync::canonicalJson(p)}});
    const auto page = get(detail(m_b), as(Role::Viewer));
    EXPECT_TRUE(has(page.body, "群众评价：满意"));
    EXPECT_TRUE(has(get("/concerns", as(Role::Viewer)).body, "<td>满意</td>"));
}

// A county update the station could not apply comes back and stays on the concern's history.
TEST_P(WebConcerns, AnUpdateTheStationRefusedShowsInTheHistory) {
    const json p{{"concern", m_b.id},
                 {"receipt", "HJK345MNP"},
                 {"at", kNow - 800},
                 {csync::kRefusedField,
                  {{"cursor", 7},
                   {"status", "forwarded"},
                   {"station_status", "answered"},
                   {"why", csync::kRefusedTransition}}}};
    upload("s1", {{platform::newUuid(), "concern_update", kNow - 800, csync::canonicalJson(p)}});
    const auto page = get(detail(m_b), as(Role::Viewer));
    EXPECT_TRUE(
        has(page.body, "联络站未能采用县里的更新“状态改为已转交”：联络站上这条意见已是“已答复”"))
        << page.body;
}

// 当场解答 at the station answers an open concern: the county counts it as answered and shows
// what was said; a concern the county closed meanwhile stays closed.
TEST_P(WebConcerns, AnAnswerGivenAtTheStationCountsAsAnswered) {
    const auto onSite = [&](const csync::Record& c, const std::string& receipt) {
        const json p{{"concern", c.id},
                     {"receipt", receipt},
                     {"disposition", "answered_on_site"},
                     {"note", "已当场解释报销政策"},
                     {"status", "answered"},
                     {"at", kNow - 500}};
        return csync::Record{platform::newUuid(), "concern_update", kNow - 500,
                             csync::canonicalJson(p)};
    };
    upload("s1", {onSite(m_b, "HJK345MNP")});
    EXPECT_EQ(post(detail(m_c) + "/close", {{"note", "已办结"}}, as(Role::Staff)).status, 303);
    upload("s2", {onSite(m_c, "RTU678VWX")});
    {
        auto sql = m_backend->sql();
        EXPECT_EQ(sql->query("SELECT status FROM concern WHERE id = $1", {m_b.id})[0].text(0),
                  "answered");
        EXPECT_EQ(sql->query("SELECT status FROM concern WHERE id = $1", {m_c.id})[0].text(0),
                  "closed");
    }
    const auto page = get(detail(m_b), as(Role::Viewer));
    EXPECT_TRUE(has(page.body, "联络站处理方式：当场解答（已当场解释报销政策），状态改为已答复"))
        << page.body;
    EXPECT_TRUE(has(get("/concerns?status=answered", as(Role::Viewer)).body, "HJK345MNP"));
}

TEST_P(WebConcerns, TrackPageShowsTheAnswerAndNothingPersonal) {
    const auto staff = as(Role::Staff);
    const std::string answer = "已安排镇政府在12月前修复该路段。";
    post(detail(m_a) + "/publish", {{"answer", answer}, {"summary", "反映村道破损"}}, staff);
    const auto res = get("/track/acd-234-efg");
    ASSERT_EQ(res.status, 200);
    EXPECT_TRUE(has(res.body, answer));
    EXPECT_TRUE(has(res.body, "已答复"));
    EXPECT_TRUE(has(res.body, "花石镇代表联络站"));
    EXPECT_TRUE(has(res.body, "乡村振兴与农业"));
    EXPECT_TRUE(has(res.body, csync::server::staff::formatDate(kNow)));
    for (const char* secret : {"村里的路", "alert(1)", "张三", "13800001234"})
        EXPECT_FALSE(has(res.body, secret)) << secret;
    // Not answered yet: status only.
    const auto waiting = get("/track/RTU678VWX");
    EXPECT_EQ(waiting.status, 200);
    EXPECT_TRUE(has(waiting.body, "已受理"));
    EXPECT_FALSE(has(waiting.body, "河道"));
    // Unknown, malformed and hostile codes get the friendly page.
    for (const char* code : {"ACD234EFX", "abc", "' OR '1'='1", "ACD234EFG' OR 1=1 --", "%25",
                             "<script>", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
        const auto nf = get(std::string("/track/") + code);
        EXPECT_EQ(nf.status, 404) << code;
        EXPECT_TRUE(has(nf.body, "没有找到这个回执编号")) << code;
        EXPECT_TRUE(has(nf.body, "请核对")) << code;
        EXPECT_FALSE(has(nf.body, "<script>")) << code;
    }
    // The form leads to the page.
    EXPECT_EQ(get("/track").status, 200);
    const auto go = get("/track?code=acd 234-efg");
    EXPECT_EQ(go.status, 303);
    EXPECT_EQ(location(go), "/track/ACD234EFG");
    EXPECT_EQ(get("/track?code=x'y").status, 404);
    // A phone's full-width keyboard and the ideographic space are read the kiosk's way.
    const auto wide =
        get("/track?code=\xEF\xBD\x81\xEF\xBD\x83\xEF\xBD\x84\xE3\x80\x80"
            "234-efg");
    EXPECT_EQ(location(wide), "/track/ACD234EFG");
    // What is wrong with a code is said by the receipt rule's own check.
    EXPECT_TRUE(has(get("/track/ACD234EFX").body, "可能有一位输错"));
    EXPECT_TRUE(has(get("/track/ACD234").body, "位数不对"));
    EXPECT_TRUE(has(get("/track/ACD234EF0").body, "没有数字 0"));
}

TEST_P(WebConcerns, PublicUrlReachesTheStationConfig) {
    const auto admin = as(Role::Admin);
    EXPECT_EQ(get("/settings", as(Role::Staff)).status, 403);
    auto res = post("/settings", {{"public_url", "ftp://rd.example.cn"}}, admin);
    EXPECT_EQ(res.status, 400);
    EXPECT_TRUE(has(res.body, "ftp://rd.example.cn"));  // kept as typed
    EXPECT_EQ(post("/settings", {{"public_url", "https://"}}, admin).status, 400);

    const auto plain = csync::server::desk::stationConfig(*m_backend, "s1", kNow);
    EXPECT_FALSE(plain.body.contains("track_url"));
    const std::string etagBefore = plain.etag;

    res = post("/settings", {{"public_url", "https://rd.example.cn/"}}, admin);
    EXPECT_EQ(res.status, 303);
    EXPECT_TRUE(has(get("/settings", admin).body, "value=\"https://rd.example.cn\""));
    const auto config = csync::server::desk::stationConfig(*m_backend, "s1", kNow);
    EXPECT_EQ(config.body.value("track_url", ""), "https://rd.example.cn/track/");
    EXPECT_NE(config.etag, etagBefore);
    EXPECT_EQ(config.body.value("etag", ""), config.etag);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'setting.public_url'", {}), 1);
    // Cleared again: the config is as before.
    EXPECT_EQ(post("/settings", {{"public_url", ""}}, admin).status, 303);
    const auto cleared = csync::server::desk::stationConfig(*m_backend, "s1", kNow);
    EXPECT_EQ(cleared.etag, etagBefore);
}

// The concern desk is the one way a status changes, for the web and the command line alike:
// everything it writes (concern, station feed, history, audit) lands together, and a refusal
// writes nothing at all.
TEST_P(WebConcerns, TheConcernDeskWritesEverythingOrNothing) {
    using csync::model::Status;
    using csync::server::desk::changeStatus;
    using csync::server::desk::Refusal;
    auto rows = [&] {
        return std::vector<std::int64_t>{
            count("SELECT count(*) FROM concern_update", {}),
            count("SELECT count(*) FROM concern_event WHERE concern = $1", {m_a.id}),
            count("SELECT count(*) FROM audit_log", {})};
    };
    const auto before = rows();
    const std::vector<std::pair<csync::server::desk::StatusChange, Refusal>> refusals{
        {{"no-such-id", Status::Forwarded, "", "", ""}, Refusal::NotFound},
        {{m_a.id, Status::Answered, "", "反映道路积水", ""}, Refusal::EmptyAnswer},
        {{m_a.id, Status::Answered, "已修", "路坏了，电话 13800001234", ""}, Refusal::Summary},
        {{m_a.id, Status::Answered, std::string(2001 * 3, 'x').replace(0, 3, "字"), "反映道路积水",
          ""},
         Refusal::AnswerTooLong},
        {{m_a.id, Status::Closed, "", "", std::string(201, 'n')}, Refusal::NoteTooLong},
        {{m_a.id, Status::Forwarded, "坏\xff", "", ""}, Refusal::BadText},
    };
    for (const auto& [change, why] : refusals) {
        auto sql = m_backend->sql();
        const auto r = changeStatus(*sql, change, {"测试员", "10.0.0.1"}, kNow);
        EXPECT_EQ(r.refusal, why) << change.concernId << " " << change.answer;
    }
    EXPECT_EQ(rows(), before);

    {
        auto sql = m_backend->sql();
        const auto r =
            changeStatus(*sql, {m_a.id, Status::Answered, " 已修复 ", "反映道路积水", ""},
                         {"测试员", "10.0.0.1"}, kNow);
        ASSERT_TRUE(r.ok()) << r.detail;
        EXPECT_EQ(r.update.answer, "已修复");
        EXPECT_EQ(r.update.concernId, m_a.id);
    }
    EXPECT_EQ(rows(), (std::vector<std::int64_t>{before[0] + 1, before[1] + 1, before[2] + 1}));
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE user_name = $1 AND remote = $2 AND "
                    "action = 'concern.publish'",
                    {std::string("测试员"), std::string("10.0.0.1")}),
              1);
    // Answered cannot be answered again: refused, nothing written.
    auto sql = m_backend->sql();
    const auto again = changeStatus(*sql, {m_a.id, Status::Answered, "再答", "反映道路积水", ""},
                                    {"测试员", ""}, kNow);
    EXPECT_EQ(again.refusal, Refusal::Transition);
    EXPECT_EQ(again.detail, "answered");
}

INSTANTIATE_TEST_SUITE_P(Backends, WebConcerns, ::testing::Values(Db::Sqlite, Db::Postgres),
                         dbName);

}  // namespace
}  // namespace webtest
