#pragma once
// A deputy's printable duty card: the signed QR code with name, id and validity, as a PNG at
// print size (1200×700 px ≈ 10×6 cm at 300 dpi). Text is rasterised with FreeType from Noto
// Sans CJK, so no display or GL is needed (stationctl runs on servers and in CI).
#include <string>

namespace kiosk::cli {

struct DeputyCard {
    std::string token;  // the QR text (DQ1:…)
    std::string name;   // deputy's name, or the id when unknown
    std::string deputyId;
    std::string validUntil;  // display text, e.g. 2027-11-23
    std::string issuer;      // e.g. 县人大常委会 430321
};

/// Renders the card and writes it as PNG; false (with a reason in error) on failure.
bool writeDeputyCard(const std::string& path, const DeputyCard& card, std::string& error);

}  // namespace kiosk::cli
