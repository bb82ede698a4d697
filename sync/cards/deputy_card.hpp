#pragma once
// Deputies' printable duty cards: the signed QR code with name, station and validity, drawn at
// print size (1200×700 px ≈ 10×6 cm at 300 dpi), alone or eight to an A4 sheet. Text is
// rasterised with FreeType from Noto Sans CJK, so no display or GL is needed: stationctl and the
// county server (its card pages) both draw cards here.
#include <optional>
#include <string>
#include <vector>

#include "platform/image.hpp"

namespace csync::cards {

struct DeputyCard {
    std::string token;  // the QR text (DQ1:…)
    std::string name;   // deputy's name, or the id when unknown
    std::string deputyId;
    std::string validUntil;  // display text, e.g. 2027-11-23
    std::string issuer;      // e.g. 县人大常委会（430321）
    std::string station;     // station name, or "" to leave the line out
};

inline constexpr int kCardWidth = 1200;
inline constexpr int kCardHeight = 700;
/// A4 at 300 dpi.
inline constexpr int kSheetWidth = 2480;
inline constexpr int kSheetHeight = 3508;
/// Cards on one sheet: two columns of four.
inline constexpr int kCardsPerSheet = 8;

/// Draws one card; nullopt (with a reason in error) when the font is missing or the token does
/// not fit a QR code.
std::optional<platform::Rgba> renderDeputyCard(const DeputyCard& card, std::string& error);

/// Draws up to kCardsPerSheet cards on a white A4 page with cutting marks.
std::optional<platform::Rgba> renderCardSheet(const std::vector<DeputyCard>& cards,
                                              std::string& error);

/// Renders the card and writes it as PNG; false (with a reason in error) on failure.
bool writeDeputyCard(const std::string& path, const DeputyCard& card, std::string& error);

/// The image as PNG bytes.
std::string encodePng(const platform::Rgba& image);

}  // namespace csync::cards
