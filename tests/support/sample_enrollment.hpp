#pragma once
// An enrollment with fresh keys, for tests that seal or apply one.
#include <string>

#include "sync/protocol/messages.hpp"

namespace testsupport {

/// An enrollment with fresh keys, for tests that seal or apply one.
inline csync::Enrollment sampleEnrollment(const std::string& server, const std::string& station) {
    csync::Enrollment e;
    e.server = server;
    e.station = station;
    e.secret = platform::randomBytes(32);
    e.county = "430321";
    e.sealPublicKey = platform::toBase64(platform::makeSealKeyPair().publicKey);
    e.signKeys = {{"430321", 1, platform::makeSignKeyPair().publicKey}};
    return e;
}

}  // namespace testsupport
