#include "kiosk/app/controller.hpp"

#include <filesystem>
#include <fstream>

#include "kiosk/domain/ledger_export.hpp"
#include "kiosk/store/store_error.hpp"
#include "kiosk/strings.hpp"
#include "platform/log.hpp"

namespace kiosk::app {

std::string errorKeyFor(const store::StoreError& e) {
    return store::messageKey(e);
}

SubmitResult Controller::submitConcern(const domain::ConcernInput& input) {
    try {
        const auto c = m_store.concerns().add(input);
        refreshModel();
        return {c.receipt, ""};
    } catch (const store::StoreError& e) {
        platform::logLine(platform::LogLevel::Warning, "kiosk",
                          std::string("concern refused: ") + e.what());
        return {"", errorKeyFor(e)};
    }
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

store::StaffLoginResult Controller::staffLogin(const std::string& pin) {
    return m_store.staff().login(pin, m_clock.nowMs());
}

store::StaffLoginResult Controller::staffState() {
    return m_store.staff().state();
}

std::vector<domain::Concern> Controller::concernsToday() {
    const auto today = domain::toLocal(m_clock.nowMs(), m_model.offset()).date;
    const auto start = domain::fromLocal(today, 0, m_model.offset());
    return m_store.concerns().list(domain::MonthRange{start, start + 86'400'000});
}

std::string Controller::setDisposition(const std::string& receipt, domain::Disposition d,
                                       const std::string& note) {
    try {
        m_store.concerns().setDisposition(receipt, d, note);
        refreshModel();
        return "";
    } catch (const store::StoreError& e) {
        return errorKeyFor(e);
    }
}

std::string Controller::exportLedgerThisMonth() {
    const auto local = domain::toLocal(m_clock.nowMs(), m_model.offset());
    const std::string month = domain::formatDate(local.date).substr(0, 7);
    const auto range = domain::monthRange(month, m_model.offset());
    domain::LedgerSources src;
    src.entries = m_store.ledger().list(range);
    src.checkins = m_store.checkins().list(range);
    src.concerns = m_store.concerns().list(range);
    for (const auto& d : m_store.roster().deputies(true)) src.deputyNames[d.id] = d.name;
    src.utcOffsetMinutes = m_model.offset();
    const auto dir = std::filesystem::path(m_store.path()).parent_path() / "exports";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto path = (dir / ("ledger-" + month + ".csv")).string();
    std::ofstream out(path, std::ios::binary);
    out << domain::ledgerCsv(src, [](std::string_view k) { return tr(k); });
    return out ? path : "";
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

void Controller::refreshModel() {
    m_model.refresh(m_store, m_clock.nowMs());
}

}  // namespace kiosk::app
