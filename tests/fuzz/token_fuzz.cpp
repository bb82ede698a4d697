// libFuzzer target for the deputy QR token parser and verifier: whatever a camera or a scanner
// delivers must be refused cleanly, never crash, and never verify without the county's key.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sync/protocol/deputy_token.hpp"

namespace {

const std::vector<csync::SigningKey>& keys() {
    // A fixed public key nobody holds the secret of (the fuzzer must not forge a signature).
    static const std::vector<csync::SigningKey> k{
        {"430321", 1, platform::Bytes(32, 0x5A)}, {"430321", 2, platform::Bytes(32, 0xA5)}};
    return k;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    if (const auto t = csync::parseDeputyToken(text)) {
        // Whatever parses keeps the invariants the rest of the kiosk relies on.
        if (t->deputyId.empty() || t->deputyId.size() > 16 || t->county.empty() ||
            t->county.size() > 12 || t->validUntil <= t->validFrom || t->serial().size() != 16)
            std::abort();
    }
    const auto r = csync::verifyDeputyToken(text, keys(), {"0000000000000000"}, "430321",
                                            1'795'000'000);
    if (r.ok()) std::abort();  // a valid signature by a key with no known secret: impossible
    return 0;
}
