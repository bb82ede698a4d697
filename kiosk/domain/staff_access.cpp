#include "kiosk/domain/staff_access.hpp"

#include <algorithm>

namespace kiosk::domain {

bool isValidPin(std::string_view pin) {
    return pin.size() >= 6 && pin.size() <= 12 &&
           std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::int64_t lockoutMs(int failures) {
    if (failures < kFreePinAttempts) return 0;
    const int doublings = std::min(failures - kFreePinAttempts, 6);  // 1, 2, 4 ... 64 min
    return std::min<std::int64_t>(60'000LL << doublings, 3'600'000);
}

}  // namespace kiosk::domain
