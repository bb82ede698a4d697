#include "kiosk/app/wedge_scanner.hpp"

#include <algorithm>

namespace kiosk::app {

std::string WedgeScanner::typed(const std::string& chars, long long tMs) {
    std::string out;
    if (!m_held.empty() && tMs - m_lastMs > kBurstGapMs) out.swap(m_held);
    m_held += chars;
    m_lastMs = tMs;
    return out;
}

std::optional<std::string> WedgeScanner::enter(long long tMs) {
    if (m_held.size() >= kMinCodeLength && tMs - m_lastMs <= kBurstGapMs) {
        std::string code;
        code.swap(m_held);
        return code;
    }
    return std::nullopt;
}

std::string WedgeScanner::release(long long tMs, bool force) {
    std::string out;
    if (!m_held.empty() && (force || tMs - m_lastMs > kBurstGapMs)) out.swap(m_held);
    return out;
}

long long WedgeScanner::msUntilRelease(long long tMs) const {
    if (m_held.empty()) return -1;
    return std::max(1LL, kBurstGapMs + 1 - (tMs - m_lastMs));
}

}  // namespace kiosk::app
