#include "sync/server/staff/announcement_store.hpp"

#include "platform/crypto.hpp"

namespace csync::server::staff {
namespace {

constexpr const char* kColumns =
    "id, title, body, from_ms, until_ms, created_at, created_by, ended_by";

AnnouncementRow rowOf(const SqlRow& r) {
    return {{r.text(0), r.text(1), r.text(2), r.integer(3), r.integer(4)},
            r.integer(5),
            r.text(6),
            r.text(7)};
}

}  // namespace

void addAnnouncement(SqlSession& sql, const Announcement& a, const std::string& by,
                     std::int64_t nowMs) {
    sql.exec(
        "INSERT INTO announcement(id, title, body, from_ms, until_ms, created_at, created_by) "
        "VALUES($1, $2, $3, $4, $5, $6, $7)",
        {a.id, a.title, a.text, a.fromMs, a.untilMs, nowMs, by});
}

bool endAnnouncement(SqlSession& sql, const std::string& id, const std::string& by,
                     std::int64_t nowMs) {
    // One that has not started yet ends before it begins: its span becomes empty at now.
    return sql.exec(
               "UPDATE announcement SET until_ms = $2, "
               "from_ms = CASE WHEN from_ms > $2 THEN $2 ELSE from_ms END, ended_by = $3 "
               "WHERE id = $1 AND until_ms > $2",
               {id, nowMs, by}) > 0;
}

std::vector<AnnouncementRow> announcementList(SqlSession& sql, int limit) {
    std::vector<AnnouncementRow> out;
    for (const auto& r : sql.query(std::string("SELECT ") + kColumns +
                                       " FROM announcement ORDER BY created_at DESC, id LIMIT $1",
                                   {std::int64_t{limit}}))
        out.push_back(rowOf(r));
    return out;
}

void addAnnouncements(Backend& backend, StationConfig& config, std::int64_t nowMs) {
    nlohmann::json list = nlohmann::json::array();
    {
        auto sql = backend.sql();
        for (const auto& r : sql->query(std::string("SELECT ") + kColumns +
                                            " FROM announcement WHERE until_ms > $1 "
                                            "ORDER BY from_ms DESC, id LIMIT $2",
                                        {nowMs, static_cast<std::int64_t>(kAnnouncementsSent)}))
            list.push_back(toJson(rowOf(r).announcement));
    }
    config.body["announcements"] = list;
    if (list.empty()) return;  // the tag of a config without announcements stays as it was
    config.etag = platform::toHex(platform::sha256(config.etag + "\n" + list.dump())).substr(0, 32);
    config.body["etag"] = config.etag;
}

}  // namespace csync::server::staff
