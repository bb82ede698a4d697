#pragma once
// `stationctl decode-qr FILE...`: decodes the QR code in still images with the kiosk's own decoder,
// for checking a camera snapshot or a printed deputy code on a station.
#include <ostream>
#include <string>
#include <vector>

namespace kiosk::cli {

/// Prints "FILE<TAB>ms<TAB>text" per file (text empty when no code); 0 if every file was readable.
int runDecodeQr(const std::vector<std::string>& files, std::ostream& out, std::ostream& err);

}  // namespace kiosk::cli
