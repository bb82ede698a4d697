#include "kiosk/app/controller.hpp"

#include "kiosk/store/station_store.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "kiosk/domain/ledger_export.hpp"
#include "kiosk/domain/receipt_code.hpp"
#include "kiosk/store/store_error.hpp"
#include "kiosk/strings.hpp"
#include "platform/log.hpp"
#include "sync/protocol/deputy_token.hpp"

namespace kiosk::app {

std::string errorKeyFor(const store::StoreError& e) {
    return store::messageKey(e);
}

SubmitResult Controller::submitConcern(domain::ConcernInput input) {
    // Taken for a citizen by a liaison officer: who took it goes with it.
    input.officer = input.takenBy == domain::TakenBy::Liaison ? m_officer : "";
    try {
        const auto c = m_store.concerns().add(input);
        refreshModel();
        syncNow();  // committed locally; the county gets it as soon as the network allows
        return {c.receipt, "", receiptQrText(c.receipt)};
    } catch (const store::StoreError& e) {
        platform::logLine(platform::LogLevel::Warning, "kiosk",
                          std::string("concern refused: ") + e.what());
        return {"", errorKeyFor(e), ""};
    }
}

std::string Controller::receiptQrText(const std::string& receipt) {
    const auto url = m_store.station().setting(store::kTrackUrlSetting);
    return domain::receiptQrPayload(receipt, url.value_or(""));
}

std::uint64_t Controller::printReceipt(const std::string& receipt) {
    if (!printerConfigured()) return 0;
    printing::ReceiptInfo info;
    info.stationName = m_model.station.name;
    info.hotline = m_model.station.hotline;
    info.utcOffsetMinutes = m_model.station.utcOffsetMinutes;
    info.receiptCode = receipt;
    info.qrText = receiptQrText(receipt);
    info.atMs = m_clock.nowMs();
    if (const auto c = m_store.concerns().findByReceipt(receipt)) {
        info.atMs = c->createdAt;
        info.categoryName = tr(domain::guidanceFor(c->category).nameKey);
    }
    return m_printer->submit(printing::buildReceipt(info));
}

void Controller::notePrinted(std::vector<PrintEvent> events) {
    for (auto& e : events) m_printed[e.job] = std::move(e.result);
    // Only the receipt on screen asks; old outcomes need not pile up over months.
    while (m_printed.size() > 32) m_printed.erase(m_printed.begin());
}

std::optional<printing::PrintResult> Controller::printOutcome(std::uint64_t job) const {
    const auto it = m_printed.find(job);
    if (it == m_printed.end()) return std::nullopt;
    return it->second;
}

std::optional<domain::Concern> Controller::track(const std::string& code) {
    return m_store.concerns().findByReceipt(code);
}

std::string Controller::rate(const std::string& receipt, domain::Satisfaction s) {
    try {
        m_store.concerns().rate(receipt, s);
        refreshModel();
        return "";
    } catch (const store::StoreError& e) {
        return errorKeyFor(e);
    }
}

namespace {
std::string officerName(const std::vector<store::LiaisonOfficer>& all, const std::string& id) {
    for (const auto& o : all)
        if (o.id == id) return o.name;
    return "";
}
}  // namespace

store::StaffLoginResult Controller::staffLogin(const std::string& pin,
                                               const std::string& officerId) {
    const auto r = m_store.staff().login(pin, m_clock.nowMs(), officerId);
    if (r.ok) m_officer = officerName(m_store.staff().officers(), officerId);
    return r;
}

bool Controller::startStaffLogin(const std::string& pin, const std::string& officerId) {
    const auto state = m_store.staff().state();
    if (state.noPin || state.lockedUntil > m_clock.nowMs()) return false;
    if (!m_pinCheck.start(m_store.staff().pinHash(officerId), pin)) return false;
    m_pendingOfficer = officerName(m_store.staff().officers(), officerId);
    return true;
}

std::optional<store::StaffLoginResult> Controller::staffLoginOutcome() {
    const auto ok = m_pinCheck.take();
    if (!ok) return std::nullopt;
    const auto r = m_store.staff().recordAttempt(*ok, m_clock.nowMs());
    if (r.ok) m_officer = m_pendingOfficer;
    m_pendingOfficer.clear();
    return r;
}

std::vector<store::LiaisonOfficer> Controller::liaisonOfficers() {
    return m_store.staff().officers();
}

bool Controller::stationPinSet() {
    return m_store.staff().hasStationPin();
}

store::StaffLoginResult Controller::staffState() {
    return m_store.staff().state();
}

std::pair<std::vector<domain::Concern>, std::int64_t> Controller::concernPage(
    const domain::ConcernQuery& query, int offset, int limit) {
    return {m_store.concerns().page(query, offset, limit), m_store.concerns().count(query)};
}

std::string Controller::addLedgerEntry(domain::LedgerEntry entry) {
    entry.officer = m_officer;
    try {
        m_store.ledger().add(std::move(entry));
        refreshModel();
        return "";
    } catch (const store::StoreError& e) {
        return errorKeyFor(e);
    }
}

std::string Controller::setDisposition(const std::string& receipt, domain::Disposition d,
                                       const std::string& note) {
    try {
        m_store.concerns().setDisposition(receipt, d, note, m_officer);
        refreshModel();
        return "";
    } catch (const store::StoreError& e) {
        return errorKeyFor(e);
    }
}

namespace {

// Writes text to path and asks the device to keep it (a stick is pulled out right after).
bool writeDurably(const std::string& path, const std::string& text) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    ok = std::fflush(f) == 0 && ok;
    ok = ::fsync(::fileno(f)) == 0 && ok;
    return std::fclose(f) == 0 && ok;
}

}  // namespace

LedgerExport Controller::exportLedgerThisMonth() {
    const auto local = domain::toLocal(m_clock.nowMs(), m_model.offset());
    const std::string month = domain::formatDate(local.date).substr(0, 7);
    const auto range = domain::monthRange(month, m_model.offset());
    domain::LedgerSources src;
    src.entries = m_store.ledger().list(range);
    src.checkins = m_store.checkins().list(range);
    src.concerns = m_store.concerns().list(range);
    for (const auto& d : m_store.roster().deputies(true)) src.deputyNames[d.id] = d.name;
    src.utcOffsetMinutes = m_model.offset();
    const std::string csv = domain::ledgerCsv(src, [](std::string_view k) { return tr(k); });

    LedgerExport out;
    const auto dir = std::filesystem::path(m_store.path()).parent_path() / "exports";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto path = (dir / ("ledger-" + month + ".csv")).string();
    if (writeDurably(path, csv)) out.localPath = path;
    const auto sticks = platform::removableMounts(m_usb);
    if (sticks.empty()) {
        out.messageKey = out.localPath.empty() ? "staff.export_failed" : "staff.export_no_usb";
        return out;
    }
    // The first stick the automounter lists; the station id keeps several stations' files apart.
    const auto onStick = (std::filesystem::path(sticks.front()) /
                          ("ledger-" + m_model.station.id + "-" + month + ".csv"))
                             .string();
    if (writeDurably(onStick, csv)) {
        out.usbPath = onStick;
    } else {
        platform::logLine(platform::LogLevel::Warning, "kiosk",
                          "ledger export: cannot write " + onStick);
        out.messageKey = out.localPath.empty() ? "staff.export_failed" : "staff.export_usb_failed";
    }
    return out;
}

namespace {
constexpr const char* kDisplayScaleKey = "display.scale";
}

float Controller::displayScale() {
    const auto v = m_store.station().setting(kDisplayScaleKey);
    if (!v) return 1.0f;
    for (float allowed : kDisplayScales)
        if (*v == std::to_string(allowed)) return allowed;
    return 1.0f;  // a value written by hand that the kiosk does not offer
}

std::string Controller::setDisplayScale(float scale) {
    for (float allowed : kDisplayScales) {
        if (allowed != scale) continue;
        try {
            m_store.station().setSetting(kDisplayScaleKey, std::to_string(allowed));
            return "";
        } catch (const store::StoreError& e) {
            return errorKeyFor(e);
        }
    }
    return "error.invalid_setting";
}

namespace {

ScanOutcome refused(const std::string& key) {
    ScanOutcome o;
    o.kind = ScanOutcome::Kind::Refused;
    o.messageKey = key;
    return o;
}

}  // namespace

ScanOutcome Controller::scan(const std::string& text) {
    // "RC1:CODE" or the county's progress-page URL ".../track/CODE" (when it set one).
    if (domain::looksLikeReceiptScan(text)) {
        const auto code = domain::receiptFromScan(text);
        if (!code) return refused("error.not_found");
        ScanOutcome o;
        o.kind = ScanOutcome::Kind::Receipt;
        o.receipt = *code;
        return o;
    }
    if (!csync::looksLikeDeputyToken(text)) return refused("scan.unknown_code");
    const auto station = m_store.station().get();
    if (!station) return refused("error.not_configured");
    auto trust = m_store.trust();
    const auto check = csync::verifyDeputyToken(text, trust.signingKeys(), trust.revokedSerials(),
                                                station->countyCode, m_clock.nowMs() / 1000);
    if (!check.ok())
        return refused(std::string("scan.refused.") + csync::refusalId(*check.refusal));
    const std::string keyId = std::to_string(check.token->keyId);
    const auto today = domain::toLocal(m_clock.nowMs(), station->utcOffsetMinutes).date;
    const domain::MonthRange day{domain::fromLocal(today, 0, station->utcOffsetMinutes),
                                 domain::fromLocal(today, 24 * 60, station->utcOffsetMinutes)};
    const auto checkins = m_store.checkins().list(day);
    if (domain::nextDirection(checkins, check.token->deputyId, m_clock.nowMs(),
                              station->utcOffsetMinutes) == domain::Direction::Out) {
        ScanOutcome o;
        o.kind = ScanOutcome::Kind::AskCheckOut;
        o.deputyId = check.token->deputyId;
        o.keyId = keyId;
        for (const auto& c : checkins)
            if (c.deputyId == o.deputyId && c.direction == domain::Direction::In) o.at = c.at;
        return o;
    }
    return signByMethod(check.token->deputyId, domain::Direction::In, domain::CheckinMethod::Qr,
                        keyId);
}

ScanOutcome Controller::checkOut(const std::string& deputyId, const std::string& keyId) {
    return signByMethod(deputyId, domain::Direction::Out,
                        keyId.empty() ? domain::CheckinMethod::Staff : domain::CheckinMethod::Qr,
                        keyId);
}

ScanOutcome Controller::signByStaff(const std::string& deputyId, domain::Direction direction,
                                    const std::string& reason) {
    return signByMethod(deputyId, direction, domain::CheckinMethod::Staff, "", reason);
}

std::string Controller::correctCheckin(const std::string& checkinId, const std::string& reason) {
    try {
        m_store.checkins().correct(checkinId, reason, m_officer);
        refreshModel();
        syncNow();
        return "";
    } catch (const store::StoreError& e) {
        return errorKeyFor(e);
    }
}

std::vector<domain::Deputy> Controller::staffRoster() {
    return m_store.roster().deputies();
}

std::vector<domain::Checkin> Controller::todaysCheckins() {
    const auto today = domain::toLocal(m_clock.nowMs(), m_model.offset()).date;
    return m_store.checkins().list(
        domain::MonthRange{domain::fromLocal(today, 0, m_model.offset()),
                           domain::fromLocal(today, 24 * 60, m_model.offset())});
}

ScanOutcome Controller::signByMethod(const std::string& deputyId, domain::Direction direction,
                                     domain::CheckinMethod method, const std::string& keyId,
                                     const std::string& reason) {
    try {
        // Who signed by hand is recorded; a deputy's own card needs nobody.
        const auto c =
            m_store.checkins().record(deputyId, direction, method, keyId, reason,
                                      method == domain::CheckinMethod::Staff ? m_officer : "");
        refreshModel();
        ScanOutcome o;
        o.kind = direction == domain::Direction::In ? ScanOutcome::Kind::CheckedIn
                                                    : ScanOutcome::Kind::CheckedOut;
        o.deputyId = deputyId;
        o.keyId = keyId;
        o.at = c.at;
        o.planned = c.planned;
        return o;
    } catch (const store::StoreError& e) {
        // A valid card of a deputy this station's roster does not know (yet).
        return refused(e.kind() == store::StoreErrorKind::UnknownDeputy ? "scan.unknown_deputy"
                                                                        : errorKeyFor(e));
    }
}

std::vector<std::pair<std::int64_t, std::string>> Controller::syncLog(std::size_t n) {
    auto lines = m_store.sync().logLines();
    std::reverse(lines.begin(), lines.end());
    if (lines.size() > n) lines.resize(n);
    return lines;
}

void Controller::refreshModel() {
    m_model.refresh(m_store, m_clock.nowMs());
}

}  // namespace kiosk::app
