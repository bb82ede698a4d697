// Spreadsheet exports (/exports): CSV that parses back (BOM, RFC 4180 quoting, formulas
// neutralised), XLSX that unzips to the right strings, filters and file names, refused input,
// and never any contact data, even for concerns whose contact was sealed at the kiosk.
#include <zlib.h>

#include <cstring>

#include "sync/server/export.hpp"
#include "web_fixture.hpp"

namespace webtest {
namespace {

using Table = std::vector<std::vector<std::string>>;

// A strict RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks.
Table parseCsv(std::string_view text) {
    Table rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, fieldStarted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && field.empty()) {
            quoted = fieldStarted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
            ++i;
        } else {
            EXPECT_NE(c, '"') << "a bare quote inside an unquoted field";
            EXPECT_NE(c, '\n') << "a bare line feed outside quotes";
            field += c;
        }
    }
    EXPECT_FALSE(quoted) << "unterminated quoted field";
    EXPECT_TRUE(field.empty() && row.empty()) << "the last line lacks CRLF";
    (void)fieldStarted;
    return rows;
}

std::uint32_t le32(std::string_view b, std::size_t at) {
    return static_cast<std::uint8_t>(b[at]) | static_cast<std::uint8_t>(b[at + 1]) << 8 |
           static_cast<std::uint8_t>(b[at + 2]) << 16 |
           static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[at + 3])) << 24;
}
std::uint16_t le16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<std::uint8_t>(b[at]) |
                                      static_cast<std::uint8_t>(b[at + 1]) << 8);
}

// Every entry of a zip archive (stored or deflated), by name: enough for an XLSX.
std::map<std::string, std::string> unzip(std::string_view zip) {
    std::map<std::string, std::string> out;
    const auto eocd = zip.rfind(std::string_view("PK\x05\x06", 4));
    if (eocd == std::string_view::npos || eocd + 22 > zip.size()) {
        ADD_FAILURE() << "no end of central directory";
        return out;
    }
    const std::size_t entries = le16(zip, eocd + 10);
    std::size_t at = le32(zip, eocd + 16);
    for (std::size_t e = 0; e < entries; ++e) {
        if (at + 46 > zip.size() || le32(zip, at) != 0x02014b50) {
            ADD_FAILURE() << "bad central directory entry";
            return out;
        }
        const std::uint16_t method = le16(zip, at + 10);
        const std::uint32_t packed = le32(zip, at + 20), size = le32(zip, at + 24);
        const std::uint16_t nameLen = le16(zip, at + 28), extraLen = le16(zip, at + 30),
                            commentLen = le16(zip, at + 32);
        const std::uint32_t local = le32(zip, at + 42);
        const std::string name(zip.substr(at + 46, nameLen));
        at += 46 + nameLen + extraLen + commentLen;
        const std::size_t data = local + 30 + le16(zip, local + 26) + le16(zip, local + 28);
        const std::string_view raw = zip.substr(data, packed);
        std::string content(size, '\0');
        if (method == 0) {
            content = raw;
        } else {
            EXPECT_EQ(method, 8) << name;
            z_stream z{};
            EXPECT_EQ(inflateInit2(&z, -MAX_WBITS), Z_OK);
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
            z.avail_in = static_cast<uInt>(raw.size());
            z.next_out = reinterpret_cast<Bytef*>(content.data());
            z.avail_out = static_cast<uInt>(content.size());
            EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END) << name;
            inflateEnd(&z);
        }
        out[name] = std::move(content);
    }
    return out;
}

std::string header(const WebResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return "";
}

bool contains(std::string_view hay, std::string_view needle) {
    return hay.find(needle) != std::string_view::npos;
}

// Text a citizen typed that would break a naive CSV or run as a formula in a spreadsheet.
const std::string kTricky = "=HYPERLINK(\"http://x\",\"点我\"), 他说\"路灯不亮\"\r\n第二行";
const std::string kName = "王秀英";
const std::string kPhone = "13812345678";

class WebExports : public WebFixture {
protected:
    void SetUp() override {
        WebFixture::SetUp();
        if (IsSkipped()) return;
        m_backend->importRoster(
            "s1",
            json{{"station", json::object()},
                 {"deputies",
                  json::array({json{{"id", "d01"}, {"name", "李昇华"}, {"level", "national"}}})},
                 {"slots", json::array()}});
        upload("s1", {concern("AB12CD", kTricky, "rural", "d01", kNow - 3600000, kName, kPhone),
                      checkin("d01", kNow - 7200000), checkin("d01", kNow - 1800000, "out")});
        upload("s2", {concern("XY34ZW", "易俗河的路灯坏了", "infrastructure", "",
                              kNow - 30LL * 86400000, "", "13900000000")});
        const json ledger{
            {"at", kNow - 5000000}, {"activity", "reception_day"},      {"slot", ""},
            {"people", 7},          {"deputies", json::array({"d01"})}, {"notes", "-接待群众 7 人"},
            {"officer", "刘小红"}};
        upload("s1",
               {{platform::newUuid(), "ledger", kNow - 5000000, csync::canonicalJson(ledger)}});
    }

    WebResponse download(const std::string& query, Role role = Role::Viewer) {
        return get("/exports/download?" + query, as(role));
    }
};

TEST_P(WebExports, PageOffersEveryExportToViewers) {
    const auto page = get("/exports", as(Role::Viewer));
    ASSERT_EQ(page.status, 200);
    for (const char* text : {"群众意见", "代表签到", "工作台账", "花石镇代表联络站",
                             "易俗河镇代表联络站", "value=\"xlsx\"", "value=\"csv\"",
                             "value=\"2025-11-01\"", "value=\"2025-11-30\"", "不含群众的联系方式"})
        EXPECT_TRUE(contains(page.body, text)) << text;
}

TEST_P(WebExports, ConcernCsvParsesBackWithLabelsAndNoContact) {
    const auto res = download("what=concerns&format=csv");
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.contentType, "text/csv; charset=utf-8");
    EXPECT_TRUE(res.body.starts_with("\xEF\xBB\xBF"));
    const Table rows = parseCsv(std::string_view(res.body).substr(3));
    ASSERT_EQ(rows.size(), 3u);
    const std::vector<std::string> head{"回执编号", "联络站",   "登记时间", "类别",      "内容",
                                        "地点",     "代表",     "登记方式", "办理状态",  "处理方式",
                                        "交办单位", "公开答复", "满意度",   "登记联络员"};
    EXPECT_EQ(rows[0], head);
    // Oldest first: the s2 concern of a month ago, then today's.
    EXPECT_EQ(rows[1][0], "XY34ZW");
    EXPECT_EQ(rows[1][1], "易俗河镇代表联络站");
    EXPECT_EQ(rows[1][3], "道路交通与基础设施");
    const auto& r = rows[2];
    ASSERT_EQ(r.size(), head.size());
    EXPECT_EQ(r[0], "AB12CD");
    EXPECT_EQ(r[1], "花石镇代表联络站");
    EXPECT_EQ(r[2], "2025-11-23 09:00");  // county time
    EXPECT_EQ(r[3], "乡村振兴与农业");
    EXPECT_EQ(r[4], "'" + kTricky);  // survives whole, and cannot run as a formula
    EXPECT_EQ(r[5], "花石镇");
    EXPECT_EQ(r[6], "李昇华");
    EXPECT_EQ(r[7], "群众自助登记");
    EXPECT_EQ(r[8], "已受理");
    for (const auto& s : {kName, kPhone, std::string("13900000000"), std::string("contact")})
        EXPECT_FALSE(contains(res.body, s)) << s;
    const auto cd = header(res, "Content-Disposition");
    EXPECT_TRUE(contains(cd, "filename=\"export.csv\"")) << cd;
    EXPECT_TRUE(contains(
        cd, "filename*=UTF-8''" + csync::server::staff::html::urlEncode("群众意见-全部.csv")))
        << cd;
}

TEST_P(WebExports, PublishedAnswerAndStatusAppear) {
    publishAnswer("AB12CD", "路灯已于本周修复。", kNow);
    const auto res = download("what=concerns&format=csv&station=s1");
    ASSERT_EQ(res.status, 200);
    const Table rows = parseCsv(std::string_view(res.body).substr(3));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1][8], "已答复");
    EXPECT_EQ(rows[1][11], "路灯已于本周修复。");
}

TEST_P(WebExports, FiltersByStationAndDatesAndNamesTheFile) {
    const auto res = download("what=concerns&format=xlsx&station=s1&from=2025-11-01&to=2025-11-30");
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_TRUE(
        contains(header(res, "Content-Disposition"),
                 csync::server::staff::html::urlEncode("群众意见-花石镇代表联络站-2025-11.xlsx")));
    auto files = unzip(res.body);
    EXPECT_TRUE(contains(files["xl/sharedStrings.xml"], "AB12CD"));
    EXPECT_FALSE(contains(files["xl/sharedStrings.xml"], "XY34ZW"));

    // Dates only: October holds only the s2 concern.
    const auto october = download("what=concerns&format=csv&from=2025-10-01&to=2025-10-31");
    const Table rows = parseCsv(std::string_view(october.body).substr(3));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1][0], "XY34ZW");
}

TEST_P(WebExports, XlsxIsAWorkbookWithHeaderAndTextButNoContact) {
    const auto res = download("what=concerns&format=xlsx");
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.contentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    ASSERT_TRUE(res.body.starts_with("PK"));
    const auto files = unzip(res.body);
    ASSERT_TRUE(files.contains("xl/sharedStrings.xml"));
    ASSERT_TRUE(files.contains("xl/worksheets/sheet1.xml"));
    const std::string& strings = files.at("xl/sharedStrings.xml");
    EXPECT_TRUE(contains(strings, "回执编号"));
    EXPECT_TRUE(contains(strings, "HYPERLINK"));
    EXPECT_TRUE(contains(strings, "他说&quot;路灯不亮&quot;") ||
                contains(strings, "他说\"路灯不亮\""))
        << strings;
    EXPECT_TRUE(contains(strings, "第二行"));
    EXPECT_TRUE(contains(strings, "乡村振兴与农业"));
    // A string cell, never a formula; the header row is frozen.
    const std::string& sheet = files.at("xl/worksheets/sheet1.xml");
    EXPECT_FALSE(contains(sheet, "<f>"));
    EXPECT_TRUE(contains(sheet, "ySplit=\"1\"")) << sheet.substr(0, 600);
    EXPECT_TRUE(contains(files.at("xl/workbook.xml"), "群众意见"));
    for (const auto& [name, content] : files)
        for (const auto& s : {kName, kPhone, std::string("13900000000")})
            EXPECT_FALSE(contains(content, s)) << name << " holds " << s;
}

TEST_P(WebExports, CheckinsAndLedgerInBothFormats) {
    const auto res = download("what=checkins&format=csv");
    ASSERT_EQ(res.status, 200);
    const Table rows = parseCsv(std::string_view(res.body).substr(3));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0],
              (std::vector<std::string>{"代表编号", "代表姓名", "联络站", "时间", "签到/签退",
                                        "方式", "计划内", "说明", "更正", "经办联络员"}));
    EXPECT_EQ(rows[1],
              (std::vector<std::string>{"d01", "李昇华", "花石镇代表联络站", "2025-11-23 08:00",
                                        "签到", "扫码", "是", "", "", ""}));
    EXPECT_EQ(rows[2][4], "签退");

    const auto ledger = download("what=ledger&format=csv");
    ASSERT_EQ(ledger.status, 200);
    const Table lrows = parseCsv(std::string_view(ledger.body).substr(3));
    ASSERT_EQ(lrows.size(), 2u);
    EXPECT_EQ(lrows[0], (std::vector<std::string>{"时间", "联络站", "活动", "接待人数", "参加代表",
                                                  "备注", "登记联络员"}));
    EXPECT_EQ(lrows[1],
              (std::vector<std::string>{"2025-11-23 08:36", "花石镇代表联络站", "代表接待日", "7",
                                        "李昇华", "'-接待群众 7 人", "刘小红"}));

    for (const char* what : {"checkins", "ledger"}) {
        const auto x = download(std::string("what=") + what + "&format=xlsx");
        ASSERT_EQ(x.status, 200) << what;
        const auto files = unzip(x.body);
        EXPECT_TRUE(contains(files.at("xl/sharedStrings.xml"), "李昇华")) << what;
        EXPECT_TRUE(contains(files.at("xl/sharedStrings.xml"), "联络站")) << what;
    }
}

TEST_P(WebExports, BadRequestsAreRefusedKeepingTheForm) {
    struct Case {
        std::string query;
        std::string message;
    } cases[] = {
        {"what=bogus&format=csv", "请选择要导出的内容"},
        {"what=concerns&format=pdf", "请选择文件格式"},
        {"what=concerns&format=csv&station=nowhere", "没有这个联络站"},
        {"what=concerns&format=csv&from=2025-13-01", "日期格式"},
        {"what=ledger&format=csv&from=2025-11-30&to=2025-11-01", "开始日期不能晚于结束日期"},
    };
    for (const auto& c : cases) {
        const auto res = download(c.query);
        EXPECT_EQ(res.status, 400) << c.query;
        EXPECT_TRUE(contains(res.body, c.message)) << c.query;
        EXPECT_TRUE(contains(res.body, "action=\"/exports/download\"")) << c.query;
    }
    const auto kept = download("what=ledger&format=csv&from=2025-11-30&to=2025-11-01");
    EXPECT_TRUE(contains(kept.body, "value=\"2025-11-30\""));
    EXPECT_TRUE(contains(kept.body, "value=\"ledger\" selected"));
}

TEST_P(WebExports, EveryExportIsAudited) {
    ASSERT_EQ(download("what=concerns&format=csv&station=s2").status, 200);
    auto sql = m_backend->sql();
    const auto rows =
        sql->query("SELECT user_name, subject, detail FROM audit_log WHERE action = 'export'");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text(0), "viewer");
    EXPECT_EQ(rows[0].text(1), "concerns");
    EXPECT_TRUE(contains(rows[0].text(2), "s2")) << rows[0].text(2);
}

TEST(ExportTable, CsvNeutralisesFormulasButKeepsNumbers) {
    using csync::server::ExportColumn;
    csync::server::ExportTable t;
    t.columns = {{"文本"}, {"数", 8, ExportColumn::Kind::Number}};
    t.rows = {{"+1", "-3"}, {"@SUM(A1)", "-2+3"}, {"a,b", "12.5"}};
    EXPECT_EQ(csync::server::tableCsv(t),
              "\xEF\xBB\xBF文本,数\r\n'+1,-3\r\n'@SUM(A1),'-2+3\r\n\"a,b\",12.5\r\n");
}

INSTANTIATE_TEST_SUITE_P(Backends, WebExports, ::testing::Values(Db::Sqlite, Db::Postgres), dbName);

}  // namespace
}  // namespace webtest
