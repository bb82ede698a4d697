#include "kiosk/domain/ledger_export.hpp"

#include <algorithm>
#include <tuple>

#include "kiosk/domain/receipt_code.hpp"
#include "sync/model/csv.hpp"

namespace kiosk::domain {
namespace {

struct Row {
    EpochMs at;
    int order;  // keeps rows of the same instant in a stable order
    std::vector<std::string> fields;
};

std::string nameOf(const LedgerSources& s, const std::string& id) {
    auto it = s.deputyNames.find(id);
    return it == s.deputyNames.end() ? id : it->second;
}

}  // namespace

std::string ledgerCsv(const LedgerSources& s, const Translate& tr) {
    std::vector<Row> rows;
    int order = 0;
    auto stamp = [&](EpochMs at) {
        const auto local = toLocal(at, s.utcOffsetMinutes);
        return std::pair{formatDate(local.date), formatTimeOfDay(local.minuteOfDay)};
    };
    for (const auto& e : s.entries) {
        auto [date, time] = stamp(e.at);
        std::string names;
        for (const auto& id : e.deputies) names += (names.empty() ? "" : "、") + nameOf(s, id);
        const std::string kindKey = "slot_kind." + e.activity;
        const std::string activity = tr(kindKey) != kindKey ? tr(kindKey) : e.activity;
        rows.push_back({e.at,
                        order++,
                        {date, time, tr("ledger.type.activity"), activity, names,
                         std::to_string(e.peopleReceived), "", e.notes, ""}});
    }
    for (const auto& c : s.checkins) {
        auto [date, time] = stamp(c.at);
        std::string what = tr("direction." + std::string(directionId(c.direction))) + "（" +
                           tr("method." + std::string(checkinMethodId(c.method))) + "）";
        if (!c.planned) what += tr("ledger.unplanned");
        rows.push_back(
            {c.at,
             order++,
             {date, time, tr("ledger.type.checkin"), what, nameOf(s, c.deputyId), "", "", "", ""}});
    }
    for (const auto& c : s.concerns) {
        auto [date, time] = stamp(c.createdAt);
        std::string status = tr("status." + std::string(statusId(c.status)));
        if (c.disposition != Disposition::Pending)
            status += "；" + tr("disposition." + std::string(dispositionId(c.disposition)));
        rows.push_back({c.createdAt,
                        order++,
                        {date, time, tr("ledger.type.concern"),
                         tr("category." + std::string(categoryId(c.category)) + ".name"),
                         c.deputyId.empty() ? "" : nameOf(s, c.deputyId), "1",
                         formatReceiptCode(c.receipt), c.text, status}});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.at, a.order) < std::tie(b.at, b.order);
    });

    // Citizens' words go through the shared writer, which keeps "=…" from running as a formula.
    std::string out(csync::model::kCsvByteOrderMark);
    const char* headers[] = {"date",   "time",    "type",    "activity", "deputies",
                             "people", "receipt", "details", "status"};
    std::vector<std::string> header;
    for (const char* h : headers) header.push_back(tr(std::string("ledger.header.") + h));
    out += csync::model::csvLine(header);
    for (const auto& r : rows) out += csync::model::csvLine(r.fields);
    return out;
}

}  // namespace kiosk::domain
