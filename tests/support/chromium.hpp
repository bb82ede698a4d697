#pragma once
// Headless Chromium for browser end-to-end tests, driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: fd 3 carries commands to the browser, fd 4 its answers and events,
// each message one JSON text ended by a NUL byte). No websockets, no npm, no downloads: only the
// Debian `chromium` package.
//
// One Chromium object is one browser process with a fresh profile and one page (tab), attached
// with a flat session. Every call is bounded by the timeout (ChromiumError when it passes); the
// destructor closes the browser, kills its process group and removes the profile.
//
//   testsupport::Chromium browser;                       // throws when it cannot start
//   browser.navigate(server.url() + "/login");           // waits for the load event
//   browser.fill("input[name=name]", "admin");
//   browser.submitAndWait("button[type=submit]");        // click, wait for the next page
//   EXPECT_NE(browser.text().find("工作台"), std::string::npos);
//   browser.screenshot("build/dev/web-screenshots/dashboard.png", 1366, 768);
//
// Tests should skip when no browser is installed:
//   if (testsupport::Chromium::findExecutable().empty()) GTEST_SKIP() << "no chromium";
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace testsupport {

/// A protocol error, a JavaScript exception, a missing element or a timeout.
class ChromiumError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Chromium {
public:
    struct Options {
        std::string executable;                    // "" = findExecutable()
        std::chrono::milliseconds timeout{15000};  // for every single wait
        int width = 1366, height = 768;            // the first viewport
        bool acceptDialogs = true;  // answer confirm()/alert() with OK (false: Cancel)
    };

    /// The browser to run: $CHROMIUM_PATH when set, else the first of chromium,
    /// chromium-browser, google-chrome found in /usr/bin; "" when none is installed.
    static std::string findExecutable();

    /// Starts the browser and opens one blank page. Throws ChromiumError when it cannot.
    Chromium();
    explicit Chromium(Options options);
    ~Chromium();
    Chromium(const Chromium&) = delete;
    Chromium& operator=(const Chromium&) = delete;

    // --- pages -----------------------------------------------------------------------------
    /// Loads url and waits for its load event; throws on a network error (not on HTTP 4xx/5xx).
    void navigate(const std::string& url);
    /// The page's current address.
    std::string url();
    /// The visible text of the body (innerText: what a person reads, without markup).
    std::string text();
    /// The whole document as HTML.
    std::string html();
    /// Waits until the JavaScript expression is truthy (polled); throws after the timeout.
    void waitFor(const std::string& jsCondition);

    // --- JavaScript ------------------------------------------------------------------------
    /// Evaluates js in the page and returns its value as JSON (promises are awaited; undefined
    /// gives null). A JavaScript exception throws ChromiumError with its message.
    nlohmann::json evaluate(const std::string& js);

    // --- forms -----------------------------------------------------------------------------
    /// Clicks the first element matching the CSS selector (throws when there is none).
    void click(const std::string& selector);
    /// Empties the matching input/textarea and types text into it (as a keyboard or IME
    /// would: input events fire). For a <select>, picks the option with this value.
    void fill(const std::string& selector, const std::string& text);
    /// Clicks the selector (a submit button or a link) and waits for the next page to load.
    void submitAndWait(const std::string& selector);

    // --- pictures --------------------------------------------------------------------------
    /// Sets the viewport (CSS pixels; width < 600 is emulated as a phone: touch, viewport meta).
    void setViewport(int width, int height);
    /// Sets the viewport and writes a PNG of it to path (folders are created); with fullPage,
    /// the picture covers the whole page height instead.
    void screenshot(const std::string& path, int width, int height, bool fullPage = false);

    // --- downloads -------------------------------------------------------------------------
    /// Saves downloads into folder (created) under the server's suggested file names.
    void allowDownloads(const std::filesystem::path& folder);
    /// Waits for the next download to finish and returns the saved file's path. Call
    /// allowDownloads first, then start the download (click, submit or navigate).
    std::filesystem::path waitForDownload();

    // --- diagnostics -----------------------------------------------------------------------
    /// Console errors, uncaught exceptions and browser log entries (such as CSP violations)
    /// seen so far, oldest first.
    const std::vector<std::string>& problems() const { return m_problems; }
    /// Messages of the dialogs (confirm, alert) answered so far.
    const std::vector<std::string>& dialogs() const { return m_dialogs; }

    // --- raw protocol ----------------------------------------------------------------------
    /// Sends a command to the page's session and returns its result (throws on an error).
    nlohmann::json call(const std::string& method, const nlohmann::json& params = {});
    /// Sends a command to the browser itself (Browser.*, Target.*).
    nlohmann::json browserCall(const std::string& method, const nlohmann::json& params = {});
    /// Waits for an event of the page's session ("" session: a browser event) and returns its
    /// params; events that arrived earlier and were not yet taken count.
    nlohmann::json waitEvent(const std::string& method, bool ofPage = true);
    /// Forgets queued events of this method (before starting what will fire a fresh one).
    void dropEvents(const std::string& method);

private:
    using Clock = std::chrono::steady_clock;
    nlohmann::json send(const std::string& method, const nlohmann::json& params,
                        const std::string& session);
    void pump(Clock::time_point deadline);  // reads at least one message or throws
    void handle(nlohmann::json message);
    void write(const std::string& text);
    std::string logTail() const;
    void shutdown();

    Options m_options;
    std::filesystem::path m_profile;
    pid_t m_pid = -1;
    int m_toBrowser = -1, m_fromBrowser = -1;
    std::string m_buffer;
    std::int64_t m_nextId = 1;
    std::deque<nlohmann::json> m_responses;
    std::deque<nlohmann::json> m_events;
    std::string m_targetId, m_session;
    std::vector<std::string> m_problems, m_dialogs;
    std::filesystem::path m_downloads;
};

}  // namespace testsupport
