#pragma once
// Scripted touches for headless runs (tests, screenshots, benchmarks):
//   tap "<visible label>" | tap X Y | type "<text>" | key backspace | wait <ms>
//   advance-clock <seconds> | shot <name> | expect "<visible label>" | expect-not "<label>"
//   wait-for "<label>" <ms>   (real time: until a worker thread, e.g. the camera, shows it)
//   pause <ms>                (real time, drawing frames)
//   scan "<text>"             (a keyboard-wedge scanner types text and Enter in a burst)
//   wait-speech <ms>          (real time: until read-aloud has said, or recorded, everything)
//   hang <seconds>            (the UI thread blocks, drawing nothing: tests the watchdog)
//   stroke x,y x,y …          (one finger stroke on the handwriting pad, over several frames;
//                             points pad-relative, 0..1 from the top left)
//   drag X0 Y0 X1 Y1 <ms>     (a finger drags from one screen point to another in <ms> of
//                             frames, then lifts: scrolling, and a flick when it is quick)
//   check-layout              (fails when a label lies off the screen or two labels overlap)
// Labels match exactly; "text*" matches by prefix and "*text*" anywhere in a label.
// Blank lines and lines starting with # are ignored.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::app {

struct ScriptCommand {
    enum class Kind {
        TapLabel,
        TapPoint,
        Type,
        Key,
        Wait,
        AdvanceClock,
        Shot,
        Expect,
        ExpectNot,
        WaitFor,
        Scan,
        WaitSpeech,
        Hang,
        Stroke,
        Drag,
        CheckLayout
    };
    Kind kind;
    std::string text;  // label, text, key name or screenshot name
    float x = 0, y = 0;
    long long amount = 0;                         // ms for wait and hang, seconds for advance-clock
    std::vector<std::pair<float, float>> points;  // stroke; drag: from and to, in px
    int line = 0;
};

/// Parses a script; on error sets `error` to "line N: what is wrong" and returns nullopt.
std::optional<std::vector<ScriptCommand>> parseScript(const std::string& text, std::string& error);

}  // namespace kiosk::app
