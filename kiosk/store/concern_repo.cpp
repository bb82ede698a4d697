#include "kiosk/store/concern_repo.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/domain/receipt_code.hpp"
#include "kiosk/domain/text.hpp"
#include "kiosk/store/guarded.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/store/station_repo.hpp"
#include "kiosk/store/store_error.hpp"
#include "platform/crypto.hpp"
#include "sync/model/concern_payload.hpp"

namespace kiosk::store {
namespace {

std::string newReceiptCode(Database& db) {
    for (;;) {
        std::array<std::uint32_t, domain::kReceiptRandomChars> idx{};
        for (auto& i : idx)
            i = platform::randomBelow(static_cast<std::uint32_t>(domain::kReceiptAlphabet.size()));
        std::string code = domain::makeReceiptCode(idx);
        auto& st = db.cached("SELECT 1 FROM concern WHERE receipt = ?");
        st.bindAll(code);
        const bool taken = st.step();
        st.reset();
        if (!taken) return code;
    }
}

constexpr const char* kConcernColumns =
    "SELECT id, receipt, created_at, category, text, place, COALESCE(deputy_id, ''), taken_by, "
    "disposition, disposition_note, status, satisfaction, answer, contact_sealed IS NOT NULL, "
    "officer FROM concern ";

domain::Concern readConcern(const Statement& st) {
    domain::Concern c;
    c.id = st.getText(0);
    c.receipt = st.getText(1);
    c.createdAt = st.getInt(2);
    c.category = domain::parseCategory(st.getText(3)).value_or(domain::Category::Other);
    c.text = st.getText(4);
    c.place = st.getText(5);
    c.deputyId = st.getText(6);
    c.takenBy = domain::parseTakenBy(st.getText(7)).value_or(domain::TakenBy::Self);
    c.disposition = domain::parseDisposition(st.getText(8)).value_or(domain::Disposition::Pending);
    c.dispositionNote = st.getText(9);
    c.status = domain::parseStatus(st.getText(10)).value_or(domain::Status::Received);
    if (!st.isNull(11)) c.satisfaction = domain::parseSatisfaction(st.getText(11));
    c.answer = st.getText(12);
    c.hasContact = st.getInt(13) != 0;
    c.officer = st.getText(14);
    return c;
}

void loadHistory(Database& db, domain::Concern& c) {
    auto& st = db.cached(
        "SELECT status, at, note FROM concern_status WHERE concern_id = ? "
        "ORDER BY seq");
    st.bindAll(c.id);
    while (st.step())
        c.history.push_back({domain::parseStatus(st.getText(0)).value_or(domain::Status::Received),
                             st.getInt(1), st.getText(2)});
}

void insertHistory(Database& db, const std::string& id, domain::Status s, domain::EpochMs at,
                   const std::string& note) {
    db.cached("INSERT INTO concern_status(concern_id, status, at, note) VALUES(?, ?, ?, ?)")
        .bindAll(id, std::string(domain::statusId(s)), at, note)
        .run();
}

}  // namespace

namespace {

// An answer is published once the county answered (or closed) with a text; its date is the
// latest move to answered. Read from the partial index of published answers alone: the planner
// would otherwise take the staff list's (status, created_at) index and read every row it names.
constexpr const char* kPublishedWhere =
    "FROM concern c INDEXED BY concern_published "
    "WHERE c.answer <> '' AND c.status IN ('answered', 'closed') ";

}  // namespace

std::vector<domain::PublishedResult> ConcernRepository::published(int limit) {
    return guarded([&] {
        // Two steps: order every published answer by its answer time from the indexes alone,
        // then read the rows (with their long answers) of the `limit` newest only.
        auto& st = m_db.cached(
            std::string(
                "WITH latest AS (SELECT c.rowid AS rid, c.id, COALESCE((SELECT MAX(s.at) FROM "
                "concern_status s WHERE s.concern_id = c.id AND s.status = 'answered'), "
                "c.created_at) AS answered_at ") +
            kPublishedWhere +
            "ORDER BY answered_at DESC, c.id LIMIT ?) "
            "SELECT c.category, c.created_at, latest.answered_at, c.answer, c.satisfaction, "
            "c.public_summary FROM latest JOIN concern c ON c.rowid = latest.rid "
            "ORDER BY latest.answered_at DESC, latest.id");
        st.bindAll(static_cast<std::int64_t>(limit));
        std::vector<domain::PublishedResult> out;
        while (st.step()) {
            domain::PublishedResult r;
            r.category = domain::parseCategory(st.getText(0)).value_or(domain::Category::Other);
            r.askedAt = st.getInt(1);
            r.answeredAt = st.getInt(2);
            r.answer = st.getText(3);
            if (!st.isNull(4)) r.satisfaction = domain::parseSatisfaction(st.getText(4));
            r.summary = st.getText(5);
            out.push_back(std::move(r));
        }
        st.reset();
        return out;
    });
}

std::int64_t ConcernRepository::publishedCount() {
    return guarded([&] {
        auto& st = m_db.cached(std::string("SELECT COUNT(*) ") + kPublishedWhere);
        st.step();
        const std::int64_t n = st.getInt(0);
        st.reset();
        return n;
    });
}

domain::ConcernTotals ConcernRepository::totalsSince(domain::EpochMs since) {
    return guarded([&] {
        auto& st = m_db.cached(
            "SELECT COUNT(*), COALESCE(SUM(status IN ('answered', 'closed')), 0), "
            "COALESCE(SUM(status = 'closed'), 0), COALESCE(SUM(satisfaction IS NOT NULL), 0), "
            "COALESCE(SUM(satisfaction IN ('satisfied', 'basically_satisfied')), 0) "
            "FROM concern WHERE created_at >= ?");
        st.bindAll(since);
        st.step();
        domain::ConcernTotals t{st.getInt(0), st.getInt(1), st.getInt(2), st.getInt(3),
                                st.getInt(4)};
        st.reset();
        return t;
    });
}

domain::Concern ConcernRepository::add(const domain::ConcernInput& in) {
    if (auto err = domain::validateConcern(in))
        throw StoreError(StoreErrorKind::InvalidInput, std::string(domain::inputErrorKey(*err)),
                         *err);
    return guarded([&] {
        const auto station = StationRepository(m_db).get();
        if (!in.deputyId.empty()) {
            auto& st = m_db.cached("SELECT 1 FROM deputy WHERE id = ?");
            st.bindAll(in.deputyId);
            const bool known = st.step();
            st.reset();
            if (!known)
                throw StoreError(StoreErrorKind::UnknownDeputy, "unknown deputy " + in.deputyId);
        }
        domain::Concern c;
        c.id = platform::newUuid();
        c.createdAt = m_clock.nowMs();
        c.category = in.category;
        c.text = domain::trimSpaces(in.text);
        c.place = domain::trimSpaces(in.place);
        c.deputyId = in.deputyId;
        c.takenBy = in.takenBy;
        c.officer = in.officer;
        c.history.push_back({domain::Status::Received, c.createdAt, ""});

        std::optional<Blob> sealed;
        const std::string name = domain::trimSpaces(in.contactName);
        const std::string phone = domain::trimSpaces(in.contactPhone);
        if (!name.empty() || !phone.empty()) {
            const auto key = station ? platform::fromBase64(station->countySealKey) : std::nullopt;
            if (!key || key->empty())
                throw StoreError(StoreErrorKind::NoCountyKey, "station has no county sealing key");
            const nlohmann::json contact{{"name", name},
                                         {"phone", domain::normalizePhone(phone).value_or("")}};
            sealed = platform::seal(*key, contact.dump());
            c.hasContact = true;
        }

        csync::model::ConcernPayload payload{"",
                                             std::string(domain::categoryId(c.category)),
                                             c.text,
                                             c.place,
                                             c.deputyId,
                                             std::string(domain::takenById(c.takenBy)),
                                             c.createdAt,
                                             std::string(domain::statusId(c.status)),
                                             sealed ? platform::toBase64(*sealed) : "",
                                             c.officer};

        Transaction tx(m_db);
        c.receipt = newReceiptCode(m_db);
        payload.receipt = c.receipt;
        m_db.cached(
                "INSERT INTO concern(id, receipt, created_at, category, text, place, "
                "deputy_id, taken_by, contact_sealed, officer) VALUES(?,?,?,?,?,?,?,?,?,?)")
            .bindAll(c.id, c.receipt, c.createdAt, std::string(domain::categoryId(c.category)),
                     c.text, c.place,
                     c.deputyId.empty() ? std::optional<std::string>() : c.deputyId,
                     std::string(domain::takenById(c.takenBy)), sealed, c.officer)
            .run();
        insertHistory(m_db, c.id, domain::Status::Received, c.createdAt, "");
        OutboxRepository(m_db).enqueue({c.id, std::string(csync::record_type::Concern), c.createdAt,
                                        csync::canonicalJson(csync::model::toJson(payload))});
        tx.commit();
        return c;
    });
}

std::optional<domain::Concern> ConcernRepository::findByReceipt(std::string_view code) {
    const auto normal = domain::normalizeReceiptCode(code);
    if (!normal) return std::nullopt;
    auto& st = m_db.cached(std::string(kConcernColumns) + "WHERE receipt = ?");
    st.bindAll(*normal);
    if (!st.step()) return std::nullopt;
    domain::Concern c = readConcern(st);
    st.reset();
    loadHistory(m_db, c);
    return c;
}

std::optional<domain::Concern> ConcernRepository::findById(std::string_view id) {
    auto& st = m_db.cached(std::string(kConcernColumns) + "WHERE id = ?");
    st.bindAll(std::string(id));
    if (!st.step()) return std::nullopt;
    domain::Concern c = readConcern(st);
    st.reset();
    loadHistory(m_db, c);
    return c;
}

std::vector<domain::Concern> ConcernRepository::list(std::optional<domain::MonthRange> range) {
    auto& st = m_db.cached(std::string(kConcernColumns) +
                           "WHERE created_at >= ? AND created_at < ? ORDER BY created_at, rowid");
    st.bindAll(range ? range->begin : INT64_MIN, range ? range->end : INT64_MAX);
    std::vector<domain::Concern> out;
    while (st.step()) out.push_back(readConcern(st));
    for (auto& c : out) loadHistory(m_db, c);
    return out;
}

namespace {
// The statuses of a stage, as the SQL IN list's one JSON argument.
std::string stageStatuses(domain::ConcernStage stage) {
    using domain::Status;
    std::vector<Status> s;
    switch (stage) {
        case domain::ConcernStage::Open:
            s = {Status::Received, Status::Forwarded, Status::InProgress};
            break;
        case domain::ConcernStage::Answered:
            s = {Status::Answered};
            break;
        case domain::ConcernStage::Closed:
            s = {Status::Closed};
            break;
        case domain::ConcernStage::All:
            s = {Status::Received, Status::Forwarded, Status::InProgress, Status::Answered,
                 Status::Closed};
            break;
    }
    nlohmann::json ids = nlohmann::json::array();
    for (const auto st : s) ids.push_back(std::string(domain::statusId(st)));
    return ids.dump();
}
// Counted from the (status, created_at) index alone.
constexpr const char* kQueryWhere =
    "WHERE status IN (SELECT value FROM json_each(?)) AND created_at >= ? ";
// Paged newest first along the created_at index, stopping at the page: "+status" keeps the
// planner off the status index, which would sort every matching row for ten.
constexpr const char* kPageWhere =
    "WHERE +status IN (SELECT value FROM json_each(?)) AND created_at >= ? ";
}  // namespace

std::vector<domain::Concern> ConcernRepository::page(const domain::ConcernQuery& query, int offset,
                                                     int limit) {
    auto& st = m_db.cached(std::string(kConcernColumns) + kPageWhere +
                           "ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?");
    st.bindAll(stageStatuses(query.stage), query.since, limit, offset);
    std::vector<domain::Concern> out;
    while (st.step()) out.push_back(readConcern(st));
    for (auto& c : out) loadHistory(m_db, c);
    return out;
}

std::int64_t ConcernRepository::count(const domain::ConcernQuery& query) {
    auto& st = m_db.cached(std::string("SELECT COUNT(*) FROM concern ") + kQueryWhere);
    st.bindAll(stageStatuses(query.stage), query.since);
    st.step();
    const std::int64_t n = st.getInt(0);
    st.reset();
    return n;
}

std::string ConcernRepository::requireId(std::string_view receipt) {
    const auto normal = domain::normalizeReceiptCode(receipt);
    if (normal) {
        auto& st = m_db.cached("SELECT id FROM concern WHERE receipt = ?");
        st.bindAll(*normal);
        if (st.step()) {
            std::string id = st.getText(0);
            st.reset();
            return id;
        }
    }
    throw StoreError(StoreErrorKind::NotFound, "no concern with receipt " + std::string(receipt));
}

void ConcernRepository::queueUpdate(const std::string& concernId, const std::string& receipt,
                                    const std::string& field, const std::string& value,
                                    const std::string& note) {
    const auto now = m_clock.nowMs();
    const nlohmann::json payload{
        {"concern", concernId}, {"receipt", receipt}, {field, value}, {"note", note}, {"at", now}};
    OutboxRepository(m_db).enqueue({platform::newUuid(),
                                    std::string(csync::record_type::ConcernUpdate), now,
                                    csync::canonicalJson(payload)});
}

void ConcernRepository::setDisposition(std::string_view receipt, domain::Disposition d,
                                       const std::string& note, const std::string& officer) {
    if (!domain::isValidUtf8(note))
        throw StoreError(StoreErrorKind::InvalidInput, "error.invalid_utf8",
                         domain::InputError::InvalidUtf8);
    const bool answers = domain::dispositionAnswers(d);
    if (answers && domain::trimSpaces(note).empty())
        throw StoreError(StoreErrorKind::InvalidInput, "an on-site answer needs its text",
                         domain::InputError::AnswerMissing);
    guarded([&] {
        Transaction tx(m_db);
        const auto c = findByReceipt(receipt);
        if (!c) throw StoreError(StoreErrorKind::NotFound, "no concern " + std::string(receipt));
        m_db.cached("UPDATE concern SET disposition = ?, disposition_note = ? WHERE id = ?")
            .bindAll(std::string(domain::dispositionId(d)), note, c->id)
            .run();
        const auto now = m_clock.nowMs();
        nlohmann::json payload{{"concern", c->id},
                               {"receipt", c->receipt},
                               {"disposition", domain::dispositionId(d)},
                               {"note", note},
                               {"at", now}};
        if (!officer.empty()) payload[csync::kOfficerField] = officer;
        // Answered on the spot: the concern is answered here and now, in the same record, so
        // the county counts it and the citizen may rate it. One already answered stays as is.
        if (answers && domain::canTransition(c->status, domain::Status::Answered)) {
            m_db.cached("UPDATE concern SET status = ? WHERE id = ?")
                .bindAll(std::string(domain::statusId(domain::Status::Answered)), c->id)
                .run();
            // The answer itself is the disposition note; screens show it with the disposition.
            insertHistory(m_db, c->id, domain::Status::Answered, now, "");
            payload["status"] = domain::statusId(domain::Status::Answered);
        }
        OutboxRepository(m_db).enqueue({platform::newUuid(),
                                        std::string(csync::record_type::ConcernUpdate), now,
                                        csync::canonicalJson(payload)});
        tx.commit();
    });
}

void ConcernRepository::rate(std::string_view receipt, domain::Satisfaction s) {
    guarded([&] {
        Transaction tx(m_db);
        const auto c = findByReceipt(receipt);
        if (!c) throw StoreError(StoreErrorKind::NotFound, "no concern " + std::string(receipt));
        if (!domain::canRate(c->status, c->satisfaction))
            throw StoreError(StoreErrorKind::NotAllowed, "this concern cannot be rated now");
        m_db.cached("UPDATE concern SET satisfaction = ? WHERE id = ?")
            .bindAll(std::string(domain::satisfactionId(s)), c->id)
            .run();
        queueUpdate(c->id, c->receipt, "satisfaction", std::string(domain::satisfactionId(s)), "");
        tx.commit();
    });
}

void ConcernRepository::applyStatus(std::string_view receipt, domain::Status status,
                                    domain::EpochMs at, const std::string& note,
                                    const std::string& answer, const std::string& summary) {
    guarded([&] {
        Transaction tx(m_db);
        const auto c = findByReceipt(receipt);
        if (!c) throw StoreError(StoreErrorKind::NotFound, "no concern " + std::string(receipt));
        if (!domain::canTransition(c->status, status))
            throw StoreError(StoreErrorKind::NotAllowed,
                             "status cannot go from " + std::string(domain::statusId(c->status)) +
                                 " to " + std::string(domain::statusId(status)));
        // An update without an answer or summary keeps the ones published before.
        m_db.cached(
                "UPDATE concern SET status = ?, answer = CASE WHEN ? = '' THEN answer "
                "ELSE ? END, public_summary = CASE WHEN ? = '' THEN public_summary ELSE ? END "
                "WHERE id = ?")
            .bindAll(std::string(domain::statusId(status)), answer, answer, summary, summary, c->id)
            .run();
        insertHistory(m_db, c->id, status, at, note);
        tx.commit();
    });
}

void ConcernRepository::reportRefusedUpdate(const std::string& concernId,
                                            const std::string& receipt, std::int64_t cursor,
                                            const std::string& status,
                                            const std::string& stationStatus,
                                            std::string_view why) {
    guarded([&] {
        const auto now = m_clock.nowMs();
        const nlohmann::json payload{{"concern", concernId},
                                     {"receipt", receipt},
                                     {"at", now},
                                     {csync::kRefusedField,
                                      {{"cursor", cursor},
                                       {"status", status},
                                       {"station_status", stationStatus},
                                       {"why", std::string(why)}}}};
        OutboxRepository(m_db).enqueue({platform::newUuid(),
                                        std::string(csync::record_type::ConcernUpdate), now,
                                        csync::canonicalJson(payload)});
    });
}

}  // namespace kiosk::store
