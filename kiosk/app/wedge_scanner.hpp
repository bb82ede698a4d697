#pragma once
// USB "keyboard-wedge" barcode scanners type a whole code as keystrokes, far faster than a
// person, and end it with Enter. Typed characters are held back briefly: a fast burst ending in
// Enter is a scanned code (it goes to sign-in, not into the focused text field); anything else
// is released to the field after a pause no person notices.
#include <optional>
#include <string>

namespace kiosk::app {

class WedgeScanner {
public:
    static constexpr long long kBurstGapMs = 35;  // people type ≥ 60 ms apart; scanners ~5 ms
    static constexpr std::size_t kMinCodeLength = 8;

    /// Characters typed at tMs; returns held characters that turned out to be a person typing.
    std::string typed(const std::string& chars, long long tMs);
    /// Enter at tMs: the scanned code when what is held came as one burst, else nullopt (then
    /// release() what is held and treat Enter as a normal key).
    std::optional<std::string> enter(long long tMs);
    /// Held characters once the burst gap has passed (a person typing); "" otherwise.
    std::string release(long long tMs, bool force = false);
    /// Milliseconds until release() would return something; -1 when nothing is held.
    long long msUntilRelease(long long tMs) const;

private:
    std::string m_held;
    long long m_lastMs = 0;
};

}  // namespace kiosk::app
