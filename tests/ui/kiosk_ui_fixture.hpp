#pragma once
// The UI tests' fixture: a demo station store (stationctl init --demo on a fixed day) and the
// real station-kiosk run headless on it with a script; the labels it drew last, the store after.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/store/station_store.hpp"
#include "run_process.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;

struct Label {
    std::string text;
    float x0, y0, x1, y1;
    bool tappable;
};

class KioskUi : public ::testing::Test {
protected:
    KioskUi() {
        // A fixed day: the demo schedule is built around it, so the tests do not age.
        const auto r = testsupport::runProcess(
            STATIONCTL_PATH, {"--db", db(), "--now", "2026-11-14T18:00", "init", "--demo"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
    }
    std::string db() const { return m_dir.file("station.db"); }

    // Runs a script; screenshots go to build/ui-screenshots/<test name>/.
    testsupport::ProcessResult run(const std::string& script, const std::string& size = "1080x1920",
                                   const std::string& now = "2026-11-15T10:00",
                                   const std::vector<std::string>& extra = {}) {
        const std::string path = m_dir.file("script.txt");
        std::ofstream(path) << script;
        const std::string shots = std::string(UI_SCREENSHOTS_DIR) + "/" +
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name();
        fs::create_directories(shots);
        return testsupport::runProcess(
            KIOSK_PATH,
            [&] {
                std::vector<std::string> a{"--db",
                                           db(),
                                           "--headless",
                                           "--size",
                                           size,
                                           "--now",
                                           now,
                                           "--script",
                                           path,
                                           "--screenshots",
                                           shots,
                                           "--labels-out",
                                           m_dir.file("labels.tsv")};
                a.insert(a.end(), extra.begin(), extra.end());
                return a;
            }(),
            120);
    }
    std::vector<Label> labels() const {
        std::ifstream in(m_dir.file("labels.tsv"));
        std::vector<Label> out;
        for (std::string line; std::getline(in, line);) {
            std::istringstream f(line);
            Label l;
            std::string tappable;
            std::getline(f, l.text, '\t');
            f >> l.x0 >> l.y0 >> l.x1 >> l.y1 >> tappable;
            l.tappable = tappable == "1";
            out.push_back(l);
        }
        return out;
    }
    bool visible(const std::string& text) const {
        for (const auto& l : labels())
            if (l.text == text) return true;
        return false;
    }
    std::vector<kiosk::domain::Concern> concerns() {
        const platform::SystemClock clock;
        kiosk::store::StationStore store(db(), clock);
        return store.concerns().list();
    }
    std::vector<kiosk::domain::Checkin> checkins() {
        const platform::SystemClock clock;
        kiosk::store::StationStore store(db(), clock);
        return store.checkins().list();
    }
    // The concerns that were not in `before`.
    std::vector<kiosk::domain::Concern> added(const std::vector<kiosk::domain::Concern>& before) {
        std::vector<kiosk::domain::Concern> out;
        for (const auto& c : concerns())
            if (std::none_of(before.begin(), before.end(),
                             [&](const auto& b) { return b.id == c.id; }))
                out.push_back(c);
        return out;
    }
    std::string answeredUnratedReceipt() {
        for (const auto& c : concerns())
            if (c.status == kiosk::domain::Status::Answered && !c.satisfaction) return c.receipt;
        return "";
    }
    testsupport::TempDir m_dir;
};

// Taps the on-screen pinyin keyboard's letter keys one by one.
inline std::string keys(const std::string& letters) {
    std::string s;
    for (char c : letters) s += "tap \"" + std::string(1, c) + "\"\n";
    return s;
}

}  // namespace
