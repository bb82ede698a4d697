#include "sync/server/ingest.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "sync/model/concern_payload.hpp"
#include "sync/model/receipt_code.hpp"
#include "sync/server/rules.hpp"

namespace csync::server {
namespace {

using nlohmann::json;

// Rows per statement. On PostgreSQL each statement is a round trip to the server, so statements
// carry chunks of 2^k rows (up to 256: a batch of any size uses a few shapes of statement).
// SQLite runs in the process, a statement costs microseconds, and its multi-row VALUES and IN
// lists measured slower than one row per cached statement (bench: 16 rows 17.5k records/s,
// 256 rows 17.5k, 1 row 20k), so it gets one row at a time.
std::size_t chunkSize(SqlDialect dialect, std::size_t left) {
    std::size_t n = dialect == SqlDialect::Postgres ? 256 : 1;
    while (n > left) n /= 2;
    return n;
}

// "($1, $2, $3), ($4, $5, $6)" for rows × columns parameters.
std::string valueRows(std::size_t rows, std::size_t columns) {
    std::string out;
    std::size_t p = 1;
    for (std::size_t r = 0; r < rows; ++r) {
        out += r ? ", (" : "(";
        for (std::size_t c = 0; c < columns; ++c) out += (c ? ", $" : "$") + std::to_string(p++);
        out += ")";
    }
    return out;
}

// Runs statement(count) over values in chunks; values are the parameters row by row.
template <typename Each>
void inChunks(SqlSession& sql, std::size_t total, Each each) {
    for (std::size_t done = 0; done < total;) {
        const std::size_t n = chunkSize(sql.dialect(), total - done);
        each(done, n);
        done += n;
    }
}

struct Stored {
    std::string station, type, payload;
    std::int64_t createdAtMs = 0;
};

// Records already in the county database among ids.
std::map<std::string, Stored> storedRecords(SqlSession& sql, const std::vector<std::string>& ids) {
    std::map<std::string, Stored> out;
    inChunks(sql, ids.size(), [&](std::size_t from, std::size_t n) {
        std::vector<SqlValue> params(ids.begin() + from, ids.begin() + from + n);
        for (const auto& r : sql.query("SELECT id, station, type, created_at, payload FROM record "
                                       "WHERE id IN " +
                                           valueRows(1, n),
                                       params))
            out[r.text(0)] = {r.text(1), r.text(2), r.text(4), r.integer(3)};
    });
    return out;
}

// Receipts among receipts that a stored concern already has.
std::set<std::string> takenReceipts(SqlSession& sql, const std::vector<std::string>& receipts) {
    std::set<std::string> out;
    inChunks(sql, receipts.size(), [&](std::size_t from, std::size_t n) {
        std::vector<SqlValue> params(receipts.begin() + from, receipts.begin() + from + n);
        for (const auto& r :
             sql.query("SELECT DISTINCT receipt FROM concern WHERE receipt IN " + valueRows(1, n),
                       params))
            out.insert(r.text(0));
    });
    return out;
}

// What differs between a stored copy and a record with the same id ("" when nothing).
std::string differences(const Stored& s, const std::string& station, const Record& r) {
    std::string differs;
    auto note = [&](bool same, const char* what) {
        if (same) return;
        differs += differs.empty() ? "differs in " : ", ";
        differs += what;
    };
    note(s.station == station, "station");
    note(s.type == r.type, "type");
    note(s.createdAtMs == r.createdAtMs, "created_at");
    note(s.payload == r.payload, "payload");
    return differs;
}

// A station-side change (disposition, satisfaction rating, 当场解答) to one of its own concerns.
void applyStationUpdate(SqlSession& sql, const std::string& station, const Record& r,
                        const json& payload) {
    const std::string concern = stringField(payload, "concern");
    for (const char* field : {"disposition", "satisfaction"}) {
        const std::string value = stringField(payload, field);
        if (value.empty()) continue;
        // field is one of two fixed column names, never input.
        sql.exec(
            std::string("UPDATE concern SET ") + field + " = $1 WHERE id = $2 AND station = $3",
            {value, concern, station});
    }
    // Answered on the spot at the station: the county counts it as answered. Only an open
    // concern moves (the station's canTransition to answered); the answer stays the station's
    // note, so the county's own published answer, if any, is not replaced.
    if (stringField(payload, "status") == "answered")
        sql.exec(std::string("UPDATE concern SET status = 'answered', updated_at = $1 "
                             "WHERE id = $2 AND station = $3 AND status IN ") +
                     statusesBeforeSql(model::Status::Answered),
                 {r.createdAtMs, concern, station});
}

}  // namespace

BatchResponse ingestBatch(SqlSession& sql, const BatchRequest& batch, std::int64_t nowMs) {
    const auto& records = batch.records;
    const std::string& station = batch.station;
    BatchResponse response;
    response.serverTimeMs = nowMs;
    response.results.resize(records.size());

    // 1. What can be told from the record alone.
    std::vector<std::size_t> candidates;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        response.results[i].id = r.id;
        if (!knownType(r.type)) {
            response.results[i] = {r.id, Outcome::Rejected, "unknown type"};
        } else if (auto problem = recordIdProblem(r.id); !problem.empty()) {
            response.results[i] = {r.id, Outcome::Rejected, std::move(problem)};
        } else {
            candidates.push_back(i);
            ids.push_back(r.id);
        }
    }
    // 2. Two lookups for the whole batch: ids already stored, receipts already taken.
    const auto stored = storedRecords(sql, ids);
    std::map<std::size_t, json> updates;                    // concern_update payloads
    std::map<std::size_t, model::ConcernPayload> concerns;  // readable concern payloads
    std::map<std::size_t, std::string> unreadable;          // concern payloads refused, why
    std::set<std::size_t> notJson;
    std::vector<std::string> receipts;
    for (std::size_t i : candidates) {
        const Record& r = records[i];
        if (stored.count(r.id)) continue;
        if (r.type != record_type::Concern && r.type != record_type::ConcernUpdate) continue;
        json p = json::parse(r.payload, nullptr, false);
        if (p.is_discarded()) {
            notJson.insert(i);
        } else if (r.type == record_type::ConcernUpdate) {
            updates[i] = std::move(p);
        } else {
            try {
                const auto& c = concerns[i] = model::concernPayloadFromJson(p);
                receipts.push_back(model::canonicalReceipt(c.receipt));
            } catch (const model::PayloadError& e) {
                concerns.erase(i);
                unreadable[i] = e.what();
            }
        }
    }
    const auto taken = takenReceipts(sql, receipts);

    // 3. Outcomes in batch order, as if stored one by one.
    std::map<std::string, std::size_t> acceptedIds;  // id → index of its accepted record
    std::set<std::string> acceptedReceipts;
    std::vector<std::size_t> accepted, conflicts;
    for (std::size_t i : candidates) {
        const Record& r = records[i];
        RecordResult& result = response.results[i];
        const Stored* earlier = nullptr;
        Stored fromBatch;
        if (auto it = stored.find(r.id); it != stored.end()) {
            earlier = &it->second;
        } else if (auto at = acceptedIds.find(r.id); at != acceptedIds.end()) {
            const Record& first = records[at->second];
            fromBatch = {station, first.type, first.payload, first.createdAtMs};
            earlier = &fromBatch;
        }
        if (earlier) {
            std::string differs = differences(*earlier, station, r);
            if (differs.empty()) {
                result = {r.id, Outcome::Duplicate, ""};
            } else {
                // The first copy stays; the other one is kept for staff to review.
                result = {r.id, Outcome::Conflict, std::move(differs)};
                conflicts.push_back(i);
            }
            continue;
        }
        // Refused alone: failing the batch would hold up the station's whole queue.
        if (notJson.count(i)) {
            result = {r.id, Outcome::Rejected, "payload is not JSON"};
            continue;
        }
        if (r.type == record_type::Concern) {
            if (auto bad = unreadable.find(i); bad != unreadable.end()) {
                result = {r.id, Outcome::Rejected, bad->second};
                continue;
            }
            const std::string code = model::canonicalReceipt(concerns.at(i).receipt);
            if (taken.count(code) || !acceptedReceipts.insert(code).second) {
                result = {r.id, Outcome::Rejected, receiptTakenReason(code)};
                continue;
            }
        }
        result = {r.id, Outcome::Accepted, ""};
        acceptedIds[r.id] = i;
        accepted.push_back(i);
    }

    // 4. The writes, a few rows per statement.
    for (std::size_t i : conflicts) {
        const Record& r = records[i];
        sql.exec(
            "INSERT INTO conflict(id, station, type, created_at, payload, batch_id, received_at, "
            "reason) VALUES($1, $2, $3, $4, $5, $6, $7, $8)",
            {r.id, station, r.type, r.createdAtMs, r.payload, batch.batchId, nowMs,
             response.results[i].reason});
    }
    inChunks(sql, accepted.size(), [&](std::size_t from, std::size_t n) {
        std::vector<SqlValue> params;
        params.reserve(n * 7);
        for (std::size_t k = from; k < from + n; ++k) {
            const Record& r = records[accepted[k]];
            for (SqlValue v : std::initializer_list<SqlValue>{r.id, station, r.type, r.createdAtMs,
                                                              r.payload, batch.batchId, nowMs})
                params.push_back(std::move(v));
        }
        // A row another batch stored after our look is skipped here; the whole batch then runs
        // again and sees it (PostgreSQL's per-id locks make this rare; SQLite has one writer).
        const auto inserted = sql.exec(
            "INSERT INTO record(id, station, type, created_at, payload, batch_id, received_at) "
            "VALUES " +
                valueRows(n, 7) + " ON CONFLICT (id) DO NOTHING",
            params);
        if (inserted != static_cast<std::int64_t>(n))
            throw SqlError("a record of batch " + batch.batchId + " was stored meanwhile", true);
    });
    std::vector<std::size_t> newConcerns;
    for (std::size_t i : accepted)
        if (records[i].type == record_type::Concern) newConcerns.push_back(i);
    inChunks(sql, newConcerns.size(), [&](std::size_t from, std::size_t n) {
        std::vector<SqlValue> params;
        params.reserve(n * 12);
        for (std::size_t k = from; k < from + n; ++k) {
            const Record& r = records[newConcerns[k]];
            const model::ConcernPayload& c = concerns.at(newConcerns[k]);
            for (SqlValue v : std::initializer_list<SqlValue>{
                     r.id, station, model::canonicalReceipt(c.receipt), r.createdAtMs,
                     c.status.empty() ? std::string("received") : c.status, r.createdAtMs,
                     c.category, c.deputy, c.place, c.takenBy, c.text, c.officer})
                params.push_back(std::move(v));
        }
        sql.exec(
            "INSERT INTO concern(id, station, receipt, created_at, status, updated_at, "
            "category, deputy, place, taken_by, text, officer) VALUES " +
                valueRows(n, 12),
            params);
    });
    for (std::size_t i : accepted)
        if (records[i].type == record_type::ConcernUpdate)
            applyStationUpdate(sql, station, records[i], updates.at(i));
    return response;
}

}  // namespace csync::server
