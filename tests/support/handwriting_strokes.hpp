#pragma once
// Characters written by hand for the handwriting tests and benchmark: each stroke is a polyline
// in pad coordinates (0..1, y down), in the standard stroke order, roughly as a finger would
// draw it on a square pad. Made by hand (a few points per stroke), not taken from any data set.
//
// Left out: 水, 山 and 田. Drawn like this in the standard order (水: 亅 first; 山: the middle
// 丨 first; 田: 丨 𠃍 then the cross), Debian 12's Tegaki model ranks none of them in its top 50
// (it ranks 水 first when ㇇ comes first and 山 when 𠃊 does), so they would test the model.
#include <string>
#include <vector>

#include "kiosk/input/handwriting.hpp"

namespace testsupport {

struct HandwrittenCharacter {
    std::string character;
    std::vector<kiosk::input::InkStroke> strokes;
};

inline const std::vector<HandwrittenCharacter>& handwrittenCharacters() {
    static const std::vector<HandwrittenCharacter> all = {
        {"一", {{{0.10f, 0.50f}, {0.90f, 0.50f}}}},
        {"二", {{{0.25f, 0.30f}, {0.75f, 0.30f}}, {{0.10f, 0.72f}, {0.90f, 0.72f}}}},
        {"三",
         {{{0.20f, 0.20f}, {0.80f, 0.20f}},
          {{0.28f, 0.50f}, {0.72f, 0.50f}},
          {{0.10f, 0.82f}, {0.90f, 0.82f}}}},
        {"十", {{{0.10f, 0.45f}, {0.90f, 0.45f}}, {{0.50f, 0.10f}, {0.50f, 0.92f}}}},
        {"口",
         {{{0.30f, 0.30f}, {0.30f, 0.70f}},
          {{0.30f, 0.30f}, {0.70f, 0.30f}, {0.70f, 0.70f}},
          {{0.30f, 0.68f}, {0.70f, 0.68f}}}},
        {"日",
         {{{0.25f, 0.10f}, {0.25f, 0.90f}},
          {{0.25f, 0.10f}, {0.75f, 0.10f}, {0.75f, 0.90f}},
          {{0.25f, 0.50f}, {0.75f, 0.50f}},
          {{0.25f, 0.88f}, {0.75f, 0.88f}}}},
        {"大",
         {{{0.10f, 0.38f}, {0.90f, 0.38f}},
          {{0.50f, 0.08f}, {0.50f, 0.40f}, {0.40f, 0.65f}, {0.10f, 0.92f}},
          {{0.52f, 0.45f}, {0.70f, 0.70f}, {0.92f, 0.90f}}}},
        {"人",
         {{{0.50f, 0.10f}, {0.48f, 0.40f}, {0.35f, 0.70f}, {0.10f, 0.90f}},
          {{0.50f, 0.40f}, {0.70f, 0.70f}, {0.92f, 0.90f}}}},
        {"中",
         {{{0.15f, 0.30f}, {0.15f, 0.70f}},
          {{0.15f, 0.30f}, {0.85f, 0.30f}, {0.85f, 0.70f}},
          {{0.15f, 0.68f}, {0.85f, 0.68f}},
          {{0.50f, 0.05f}, {0.50f, 0.95f}}}},
        {"木",
         {{{0.10f, 0.35f}, {0.90f, 0.35f}},
          {{0.50f, 0.05f}, {0.50f, 0.95f}},
          {{0.48f, 0.38f}, {0.30f, 0.65f}, {0.08f, 0.82f}},
          {{0.52f, 0.38f}, {0.70f, 0.62f}, {0.92f, 0.80f}}}},
        {"王",
         {{{0.20f, 0.15f}, {0.80f, 0.15f}},
          {{0.25f, 0.50f}, {0.75f, 0.50f}},
          {{0.50f, 0.15f}, {0.50f, 0.88f}},
          {{0.10f, 0.88f}, {0.90f, 0.88f}}}},
        {"土",
         {{{0.20f, 0.45f}, {0.80f, 0.45f}},
          {{0.50f, 0.10f}, {0.50f, 0.88f}},
          {{0.10f, 0.88f}, {0.90f, 0.88f}}}},
        {"小",
         {{{0.50f, 0.05f}, {0.50f, 0.90f}, {0.42f, 0.82f}},
          {{0.25f, 0.35f}, {0.10f, 0.70f}},
          {{0.72f, 0.35f}, {0.90f, 0.68f}}}},
        {"上",
         {{{0.45f, 0.10f}, {0.45f, 0.85f}},
          {{0.45f, 0.45f}, {0.80f, 0.45f}},
          {{0.10f, 0.85f}, {0.90f, 0.85f}}}},
        {"下",
         {{{0.10f, 0.15f}, {0.90f, 0.15f}},
          {{0.45f, 0.15f}, {0.45f, 0.92f}},
          {{0.50f, 0.42f}, {0.72f, 0.58f}}}},
        {"工",
         {{{0.20f, 0.20f}, {0.80f, 0.20f}},
          {{0.50f, 0.20f}, {0.50f, 0.82f}},
          {{0.10f, 0.82f}, {0.90f, 0.82f}}}},
    };
    return all;
}

/// The script lines (`stroke x,y x,y …`) that write c on the kiosk's handwriting pad.
inline std::string strokeScript(const HandwrittenCharacter& c) {
    std::string s;
    for (const auto& stroke : c.strokes) {
        s += "stroke";
        for (const auto& p : stroke) s += " " + std::to_string(p.x) + "," + std::to_string(p.y);
        s += "\n";
    }
    return s;
}

/// The lines of one stroke (index i) of c.
inline std::string strokeScript(const HandwrittenCharacter& c, std::size_t i) {
    return strokeScript(HandwrittenCharacter{c.character, {c.strokes.at(i)}});
}

}  // namespace testsupport
