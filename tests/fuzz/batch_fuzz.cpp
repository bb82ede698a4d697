// libFuzzer target for the county server's batch parser: whatever a station (or anyone) posts is
// parsed into a valid batch or refused with std::invalid_argument, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sync/protocol/messages.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto json = nlohmann::json::parse(data, data + size, nullptr, false);
    if (json.is_discarded()) return 0;
    try {
        const auto b = csync::batchRequestFromJson(json);
        if (b.records.size() > csync::kMaxBatchRecords) std::abort();
        for (const auto& r : b.records)
            if (r.payload.size() > csync::kMaxPayloadBytes) std::abort();
        // What parses must survive a round trip unchanged.
        const auto again = csync::batchRequestFromJson(csync::toJson(b));
        if (again.records.size() != b.records.size()) std::abort();
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
