#include "kiosk/app/script.hpp"

#include <cstdio>
#include <sstream>

namespace kiosk::app {
namespace {

// Reads a double-quoted argument with \" and \\ escapes.
bool quoted(const std::string& rest, std::string& out) {
    const auto start = rest.find('"');
    if (start == std::string::npos) return false;
    out.clear();
    for (std::size_t i = start + 1; i < rest.size(); ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) {
            out.push_back(rest[++i]);
        } else if (rest[i] == '"') {
            return true;
        } else {
            out.push_back(rest[i]);
        }
    }
    return false;
}

}  // namespace

std::optional<std::vector<ScriptCommand>> parseScript(const std::string& text, std::string& error) {
    std::vector<ScriptCommand> out;
    std::istringstream in(text);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') continue;
        std::istringstream words(line.substr(first));
        std::string verb;
        words >> verb;
        std::string rest;
        std::getline(words, rest);
        ScriptCommand c{ScriptCommand::Kind::Wait, "", 0, 0, 0, {}, n};
        bool ok = true;
        if (verb == "tap") {
            if (rest.find('"') != std::string::npos) {
                c.kind = ScriptCommand::Kind::TapLabel;
                ok = quoted(rest, c.text);
            } else {
                c.kind = ScriptCommand::Kind::TapPoint;
                std::istringstream xy(rest);
                ok = static_cast<bool>(xy >> c.x >> c.y);
            }
        } else if (verb == "type" || verb == "expect" || verb == "expect-not") {
            c.kind = verb == "type"     ? ScriptCommand::Kind::Type
                     : verb == "expect" ? ScriptCommand::Kind::Expect
                                        : ScriptCommand::Kind::ExpectNot;
            ok = quoted(rest, c.text);
        } else if (verb == "key" || verb == "shot") {
            c.kind = verb == "key" ? ScriptCommand::Kind::Key : ScriptCommand::Kind::Shot;
            std::istringstream w(rest);
            ok = static_cast<bool>(w >> c.text);
        } else if (verb == "scan") {
            c.kind = ScriptCommand::Kind::Scan;
            ok = quoted(rest, c.text);
        } else if (verb == "wait-speech") {  // real time, until read-aloud is done
            c.kind = ScriptCommand::Kind::WaitSpeech;
            std::istringstream w(rest);
            ok = static_cast<bool>(w >> c.amount) && c.amount > 0;
        } else if (verb == "hang") {  // real time, seconds (fractions allowed), no frames
            c.kind = ScriptCommand::Kind::Hang;
            std::istringstream w(rest);
            double seconds = 0;
            ok = static_cast<bool>(w >> seconds) && seconds > 0 && seconds <= 3600;
            c.amount = static_cast<long long>(seconds * 1000);
        } else if (verb == "stroke") {  // x,y x,y … on the handwriting pad, 0..1
            c.kind = ScriptCommand::Kind::Stroke;
            std::istringstream w(rest);
            for (std::string xy; ok && w >> xy;) {
                const auto comma = xy.find(',');
                float x = -1, y = -1;
                ok = comma != std::string::npos && std::sscanf(xy.c_str(), "%f,%f", &x, &y) == 2 &&
                     x >= 0 && x <= 1 && y >= 0 && y <= 1;
                c.points.emplace_back(x, y);
            }
            ok = ok && !c.points.empty();
        } else if (verb == "drag") {
            c.kind = ScriptCommand::Kind::Drag;
            std::istringstream w(rest);
            float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            ok = static_cast<bool>(w >> x0 >> y0 >> x1 >> y1 >> c.amount) && c.amount > 0;
            c.points = {{x0, y0}, {x1, y1}};
        } else if (verb == "check-layout") {
            c.kind = ScriptCommand::Kind::CheckLayout;
        } else if (verb == "pause") {  // real time, drawing frames (e.g. a live camera)
            c.kind = ScriptCommand::Kind::WaitFor;
            std::istringstream w(rest);
            ok = static_cast<bool>(w >> c.amount) && c.amount > 0;
        } else if (verb == "wait-for") {
            c.kind = ScriptCommand::Kind::WaitFor;
            const auto close = rest.rfind('"');
            ok = quoted(rest, c.text) && close != std::string::npos;
            if (ok) {
                std::istringstream w(rest.substr(close + 1));
                ok = static_cast<bool>(w >> c.amount) && c.amount > 0;
            }
        } else if (verb == "wait" || verb == "advance-clock") {
            c.kind = verb == "wait" ? ScriptCommand::Kind::Wait : ScriptCommand::Kind::AdvanceClock;
            std::istringstream w(rest);
            ok = static_cast<bool>(w >> c.amount) && c.amount >= 0;
        } else {
            error = "line " + std::to_string(n) + ": unknown command '" + verb + "'";
            return std::nullopt;
        }
        if (!ok) {
            error = "line " + std::to_string(n) + ": cannot read the arguments of '" + verb + "'";
            return std::nullopt;
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace kiosk::app
