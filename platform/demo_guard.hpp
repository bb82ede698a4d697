#pragma once
// The demo keys (county sealing and signing keys) are embedded in every binary, so anything
// sealed or signed with them is readable and forgeable by anyone. This is the one rule for when
// stationctl and county-server may install them (issue 18).
#include <string>

namespace platform {

/// The warning printed whenever demo keys are installed (Chinese, then English).
extern const char* const kDemoKeysWarning;

/// Why demo keys are refused for the data file at path ("" when allowed): a packaged install's
/// data (under /var/lib/) or a data file already enrolled with a real county. `--force-demo`
/// overrides.
std::string demoKeysRefusal(const std::string& dataPath, bool enrolled);

}  // namespace platform
