// Roster and schedule pages: what an admin saves is what the station downloads on its next sync.
#include <stb_image.h>
#include <stb_image_write.h>

#include "sync/server/rules.hpp"
#include "web_fixture.hpp"

namespace webtest {
namespace {

// A real PNG of w×h (a colour gradient), as a phone or scanner would give.
std::string makePng(int w, int h) {
    std::vector<unsigned char> px(static_cast<std::size_t>(w) * h * 3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            unsigned char* p = &px[(static_cast<std::size_t>(y) * w + x) * 3];
            p[0] = static_cast<unsigned char>(x * 255 / w);
            p[1] = static_cast<unsigned char>(y * 255 / h);
            p[2] = 128;
        }
    std::string png;
    stbi_write_png_to_func(
        [](void* ctx, void* data, int size) {
            static_cast<std::string*>(ctx)->append(static_cast<const char*>(data),
                                                   static_cast<std::size_t>(size));
        },
        &png, w, h, 3, px.data(), w * 3);
    return png;
}

class RosterPages : public WebFixture {
protected:
    // A multipart POST as the browser sends it: form fields plus one file field "photo".
    WebResponse postWithPhoto(const std::string& path, std::multimap<std::string, std::string> form,
                              const Browser& b, const std::string& filename,
                              const std::string& content) {
        WebRequest req;
        req.method = "POST";
        req.path = path;
        req.remoteAddr = "127.0.0.1";
        form.emplace("_csrf", b.csrf);
        req.params = std::move(form);
        req.files["photo"] = {filename, "application/octet-stream", content};
        req.headers["cookie"] = "cs_session=" + b.cookie;
        return m_app->handle(req);
    }
    static std::multimap<std::string, std::string> deputyForm(const std::string& id,
                                                              const std::string& name) {
        return {{"id", id},
                {"name", name},
                {"level", "county"},
                {"work_unit", "花石镇农技站"},
                {"phone", "13800000001"},
                {"disclose", "name"},
                {"disclose", "photo"},
                {"active", "1"}};
    }
    json deputyInConfig(const std::string& id) {
        for (const auto& d : m_backend->stationConfig("s1").body.value("deputies", json::array()))
            if (d.value("id", "") == id) return d;
        return nullptr;
    }
    std::int64_t auditCount(const std::string& action) {
        auto sql = m_backend->sql();
        return sql->query("SELECT COUNT(*) FROM audit_log WHERE action = $1", {action})[0].integer(
            0);
    }
};

TEST_P(RosterPages, AddingADeputyWithAPhotoReachesTheStationConfig) {
    const Browser admin = as(Role::Admin);
    const auto before = m_backend->stationConfig("s1");
    const auto res = postWithPhoto("/roster/s1/deputy", deputyForm("d07", "王秀英"), admin,
                                   "me.png", makePng(600, 400));
    ASSERT_EQ(res.status, 303) << res.body;
    EXPECT_EQ(location(res), "/roster/s1");

    const auto after = m_backend->stationConfig("s1");
    EXPECT_NE(after.etag, before.etag);
    const json d = deputyInConfig("d07");
    ASSERT_TRUE(d.is_object());
    EXPECT_EQ(d["name"], "王秀英");
    EXPECT_EQ(d["level"], "county");
    EXPECT_EQ(d["disclosure"]["name"], true);
    EXPECT_EQ(d["disclosure"]["photo"], true);
    EXPECT_EQ(d["disclosure"]["phone"], false);
    EXPECT_EQ(d["disclosure"]["work_unit"], false);
    // The photo is stored cut to the kiosk's portrait size and decodes.
    const auto photo = platform::fromBase64(d.value("photo", ""));
    ASSERT_TRUE(photo && !photo->empty());
    int w = 0, h = 0, n = 0;
    unsigned char* px =
        stbi_load_from_memory(photo->data(), static_cast<int>(photo->size()), &w, &h, &n, 3);
    ASSERT_NE(px, nullptr);
    stbi_image_free(px);
    EXPECT_EQ(w, 240);
    EXPECT_EQ(h, 300);
    EXPECT_NO_THROW(csync::server::checkRoster("s1", after.body));
    EXPECT_EQ(auditCount("roster.deputy"), 1);

    // The page lists the deputy with the photo as a data: URL.
    const auto page = get("/roster/s1", admin);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("王秀英"), std::string::npos);
    EXPECT_NE(page.body.find("src=\"data:image/jpeg;base64,"), std::string::npos);
}

TEST_P(RosterPages, ANonImageUploadIsRefusedAndNothingChanges) {
    const Browser admin = as(Role::Admin);
    const auto before = m_backend->stationConfig("s1");
    const auto res = postWithPhoto("/roster/s1/deputy", deputyForm("d08", "赵建国"), admin,
                                   "photo.png", "%PDF-1.4 not a picture at all");
    EXPECT_EQ(res.status, 400);
    EXPECT_NE(res.body.find("只能上传 JPEG 或 PNG"), std::string::npos);
    // What was typed is still in the form.
    EXPECT_NE(res.body.find("value=\"赵建国\""), std::string::npos);
    EXPECT_NE(res.body.find("value=\"13800000001\""), std::string::npos);
    EXPECT_EQ(m_backend->stationConfig("s1").etag, before.etag);
    EXPECT_TRUE(deputyInConfig("d08").is_null());

    // A broken PNG (right magic, wrong body) is refused too.
    std::string broken = makePng(100, 100).substr(0, 40);
    const auto res2 =
        postWithPhoto("/roster/s1/deputy", deputyForm("d08", "赵建国"), admin, "x.png", broken);
    EXPECT_EQ(res2.status, 400);
    EXPECT_NE(res2.body.find("无法识别"), std::string::npos);
    EXPECT_EQ(m_backend->stationConfig("s1").etag, before.etag);
}

TEST_P(RosterPages, ValidationKeepsTypedValues) {
    const Browser admin = as(Role::Admin);
    auto form = deputyForm("bad id!", "李四");
    const auto res = post("/roster/s1/deputy", form, admin);
    EXPECT_EQ(res.status, 400);
    EXPECT_NE(res.body.find("代表编号只能用"), std::string::npos);
    EXPECT_NE(res.body.find("value=\"李四\""), std::string::npos);
    // Unknown station: 404, and a bare POST does not crash.
    EXPECT_EQ(post("/roster/nope/deputy", deputyForm("d1", "x"), admin).status, 404);
    EXPECT_EQ(post("/roster/s1/deputy", {}, admin).status, 400);
    EXPECT_EQ(post("/roster/s1/slot", {}, admin).status, 400);
}

TEST_P(RosterPages, EditingAndDeactivatingADeputy) {
    const Browser admin = as(Role::Admin);
    ASSERT_EQ(post("/roster/s1/deputy", deputyForm("d07", "王秀英"), admin).status, 303);
    auto edit = deputyForm("d07", "王秀英");
    edit.emplace("edit", "1");
    edit.erase("level");
    edit.emplace("level", "township");
    edit.emplace("disclose", "phone");
    ASSERT_EQ(post("/roster/s1/deputy", edit, admin).status, 303);
    json d = deputyInConfig("d07");
    EXPECT_EQ(d["level"], "township");
    EXPECT_EQ(d["disclosure"]["phone"], true);
    EXPECT_EQ(m_backend->stationConfig("s1").body["deputies"].size(), 1u);

    ASSERT_EQ(post("/roster/s1/deputy/d07/remove", {}, admin).status, 303);
    EXPECT_EQ(deputyInConfig("d07")["active"], false);
    EXPECT_EQ(post("/roster/s1/deputy/zz/remove", {}, admin).status, 404);
}

TEST_P(RosterPages, ASlotWithPlannedDeputiesAppearsInTheConfig) {
    const Browser admin = as(Role::Admin);
    ASSERT_EQ(post("/roster/s1/deputy", deputyForm("d07", "王秀英"), admin).status, 303);
    ASSERT_EQ(post("/roster/s1/deputy", deputyForm("d08", "赵建国"), admin).status, 303);
    const auto before = m_backend->stationConfig("s1");
    const auto res = post("/roster/s1/slot",
                          {{"date", "2026-12-15"},
                           {"start", "09:00"},
                           {"end", "11:30"},
                           {"kind", "reception_day"},
                           {"place", "花石镇联络站一楼"},
                           {"deputy", "d07"},
                           {"deputy", "d08"}},
                          admin);
    ASSERT_EQ(res.status, 303) << res.body;
    const auto after = m_backend->stationConfig("s1");
    EXPECT_NE(after.etag, before.etag);
    ASSERT_EQ(after.body["slots"].size(), 1u);
    const json s = after.body["slots"][0];
    EXPECT_EQ(s["date"], "2026-12-15");
    EXPECT_EQ(s["start"], "09:00");
    EXPECT_EQ(s["end"], "11:30");
    EXPECT_EQ(s["kind"], "reception_day");
    EXPECT_EQ(s["deputies"], json::array({"d07", "d08"}));
    EXPECT_FALSE(s.value("id", "").empty());
    EXPECT_NO_THROW(csync::server::checkRoster("s1", after.body));
    EXPECT_NE(get("/roster/s1", admin).body.find("花石镇联络站一楼"), std::string::npos);

    // Editing keeps the slot's id; a bad time keeps what was typed.
    const auto bad = post("/roster/s1/slot",
                          {{"index", "0"},
                           {"date", "2026-12-16"},
                           {"start", "14:00"},
                           {"end", "13:00"},
                           {"kind", "study"},
                           {"place", "新地点"}},
                          admin);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("结束时间应晚于开始时间"), std::string::npos);
    EXPECT_NE(bad.body.find("value=\"新地点\""), std::string::npos);
    ASSERT_EQ(post("/roster/s1/slot",
                   {{"index", "0"},
                    {"date", "2026-12-16"},
                    {"start", "14:00"},
                    {"end", "16:00"},
                    {"kind", "study"},
                    {"deputy", "d08"}},
                   admin)
                  .status,
              303);
    const json edited = m_backend->stationConfig("s1").body["slots"][0];
    EXPECT_EQ(edited["id"], s["id"]);
    EXPECT_EQ(edited["kind"], "study");
    EXPECT_EQ(edited["deputies"], json::array({"d08"}));

    ASSERT_EQ(post("/roster/s1/slot/0/delete", {}, admin).status, 303);
    EXPECT_TRUE(m_backend->stationConfig("s1").body["slots"].empty());
    EXPECT_EQ(post("/roster/s1/slot/0/delete", {}, admin).status, 404);
    EXPECT_EQ(auditCount("roster.slot"), 3);
}

TEST_P(RosterPages, StationInfoReachesTheStation) {
    const Browser admin = as(Role::Admin);
    // Before the county saves anything the page warns that address and hotline are missing.
    const auto page = get("/roster/s1", admin);
    EXPECT_NE(page.body.find("请填写地址和热线"), std::string::npos);
    EXPECT_NE(page.body.find("value=\"花石镇代表联络站\""), std::string::npos);
    ASSERT_EQ(post("/roster/s1/station",
                   {{"name", "花石镇人大代表联络站"},
                    {"address", "花石镇建设路 1 号"},
                    {"hotline", "0732-5720000"}},
                   admin)
                  .status,
              303);
    const json st = m_backend->stationConfig("s1").body["station"];
    EXPECT_EQ(st["name"], "花石镇人大代表联络站");
    EXPECT_EQ(st["address"], "花石镇建设路 1 号");
    EXPECT_EQ(st["hotline"], "0732-5720000");
    EXPECT_EQ(st["county_code"], "430321");
    EXPECT_EQ(get("/roster/s1", admin).body.find("请填写地址和热线"), std::string::npos);
    EXPECT_EQ(post("/roster/s1/station", {}, admin).status, 400);
}

TEST_P(RosterPages, StaffCannotEditTheRoster) {
    const Browser staff = as(Role::Staff);
    EXPECT_EQ(post("/roster/s1/deputy", deputyForm("d07", "王秀英"), staff).status, 403);
    EXPECT_TRUE(deputyInConfig("d07").is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, RosterPages, ::testing::Values(Db::Sqlite, Db::Postgres),
                         dbName);

}  // namespace
}  // namespace webtest
