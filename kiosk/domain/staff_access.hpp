#pragma once
// Staff PIN rules: 6 to 12 digits; after 5 wrong PINs in a row the staff entry locks for a
// minute, doubling with each further failure up to an hour.
#include <cstdint>
#include <string_view>

namespace kiosk::domain {

inline constexpr int kFreePinAttempts = 5;

/// Whether pin is an acceptable staff PIN.
bool isValidPin(std::string_view pin);

/// How long the staff entry stays locked after `failures` consecutive wrong PINs (ms).
std::int64_t lockoutMs(int failures);

}  // namespace kiosk::domain
