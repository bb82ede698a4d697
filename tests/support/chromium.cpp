#include "chromium.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string_view>
#include <thread>

namespace testsupport {
namespace {

using nlohmann::json;

std::string decodeBase64(const std::string& in) {
    static const std::string chars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve(in.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
        const auto pos = chars.find(c);
        if (pos == std::string::npos) continue;  // '=' and line breaks
        acc = (acc << 6) | static_cast<std::uint32_t>(pos);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return out;
}

// A JavaScript string literal of text (JSON's quoting is valid JavaScript).
std::string jsString(const std::string& text) {
    return json(text).dump();
}

}  // namespace

std::string Chromium::findExecutable() {
    if (const char* env = std::getenv("CHROMIUM_PATH"); env && *env)
        return access(env, X_OK) == 0 ? env : "";
    for (const char* path :
         {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
        if (access(path, X_OK) == 0) return path;
    return "";
}

Chromium::Chromium() : Chromium(Options{}) {}

Chromium::Chromium(Options options) : m_options(std::move(options)) {
    const std::string exe = m_options.executable.empty() ? findExecutable() : m_options.executable;
    if (exe.empty()) throw ChromiumError("no chromium installed (Debian package `chromium`)");
    std::string pattern =
        (std::filesystem::temp_directory_path() / "chromium-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw ChromiumError("mkdtemp failed");
    m_profile = pattern;
    // A browser that went away must fail the next call, not kill the test with SIGPIPE.
    signal(SIGPIPE, SIG_IGN);

    int toBrowser[2], fromBrowser[2];
    if (pipe2(toBrowser, O_CLOEXEC) != 0 || pipe2(fromBrowser, O_CLOEXEC) != 0)
        throw ChromiumError("pipe failed");
    std::vector<std::string> args{
        exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
        "--user-data-dir=" + (m_profile / "profile").string(), "--no-first-run",
        "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-breakpad",
        "--disable-crash-reporter", "--disable-dev-shm-usage",
        // Date fields follow the browser's language only when its language pack is installed
        // (Debian chromium-l10n); a LANG without the system locale breaks download file names.
        "--lang=zh-CN", "--accept-lang=zh-CN,zh", "--font-render-hinting=none", "about:blank"};
    const std::string log = (m_profile / "chromium.log").string();
    // Everything the child needs is made before fork: it only calls system functions.
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    m_pid = fork();
    if (m_pid < 0) throw ChromiumError("fork failed");
    if (m_pid == 0) {
        // Its own process group, so the destructor can end the browser and all its helpers.
        setpgid(0, 0);
        // Move the pipe ends above 4 first (no clash with 3/4), then onto 3 and 4.
        const int in = fcntl(toBrowser[0], F_DUPFD, 10);
        const int out = fcntl(fromBrowser[1], F_DUPFD, 10);
        dup2(in, 3);
        dup2(out, 4);
        const int logFd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int nullFd = open("/dev/null", O_RDONLY);
        if (nullFd >= 0) dup2(nullFd, 0);
        if (logFd >= 0) {
            dup2(logFd, 1);
            dup2(logFd, 2);
        }
        execv(exe.c_str(), argv.data());
        _exit(127);
    }
    setpgid(m_pid, m_pid);
    close(toBrowser[0]);
    close(fromBrowser[1]);
    m_toBrowser = toBrowser[1];
    m_fromBrowser = fromBrowser[0];
    fcntl(m_fromBrowser, F_SETFL, fcntl(m_fromBrowser, F_GETFL) | O_NONBLOCK);

    try {
        m_targetId = browserCall("Target.createTarget", {{"url", "about:blank"}}).at("targetId");
        m_session =
            browserCall("Target.attachToTarget", {{"targetId", m_targetId}, {"flatten", true}})
                .at("sessionId");
        call("Page.enable");
        call("Runtime.enable");
        call("Log.enable");
        // Dates, numbers and Intl as a county office's browser shows them.
        call("Emulation.setLocaleOverride", {{"locale", "zh-CN"}});
        call("Emulation.setTimezoneOverride", {{"timezoneId", "Asia/Shanghai"}});
        setViewport(m_options.width, m_options.height);
    } catch (...) {
        shutdown();
        throw;
    }
}

Chromium::~Chromium() {
    shutdown();
}

void Chromium::shutdown() {
    if (m_pid > 0) {
        try {
            write(json{{"id", m_nextId++}, {"method", "Browser.close"}}.dump());
        } catch (...) {
        }
        const auto deadline = Clock::now() + std::chrono::seconds(3);
        int status = 0;
        pid_t done = 0;
        while ((done = waitpid(m_pid, &status, WNOHANG)) == 0 && Clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        // Renderers and other helpers share the group: none may outlive the test.
        kill(-m_pid, SIGKILL);
        if (done == 0) waitpid(m_pid, &status, 0);
        m_pid = -1;
    }
    for (int* fd : {&m_toBrowser, &m_fromBrowser})
        if (*fd >= 0) {
            close(*fd);
            *fd = -1;
        }
    if (!m_profile.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(m_profile, ec);
        m_profile.clear();
    }
}

std::string Chromium::logTail() const {
    std::ifstream in(m_profile / "chromium.log", std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

void Chromium::write(const std::string& text) {
    std::string message = text;
    message.push_back('\0');
    std::size_t done = 0;
    while (done < message.size()) {
        const ssize_t n = ::write(m_toBrowser, message.data() + done, message.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw ChromiumError("the browser is gone:\n" + logTail());
        done += static_cast<std::size_t>(n);
    }
}

void Chromium::pump(Clock::time_point deadline) {
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) throw ChromiumError("timed out waiting for the browser");
        pollfd p{m_fromBrowser, POLLIN, 0};
        const int ready = poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;  // the deadline check above ends it
        char buf[65536];
        const ssize_t n = read(m_fromBrowser, buf, sizeof buf);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n <= 0) throw ChromiumError("the browser exited:\n" + logTail());
        m_buffer.append(buf, static_cast<std::size_t>(n));
        bool any = false;
        for (auto end = m_buffer.find('\0'); end != std::string::npos; end = m_buffer.find('\0')) {
            json message = json::parse(m_buffer.substr(0, end), nullptr, false);
            m_buffer.erase(0, end + 1);
            if (!message.is_object()) continue;
            handle(std::move(message));
            any = true;
        }
        if (any) return;
    }
}

void Chromium::handle(json message) {
    if (message.contains("id")) {
        m_responses.push_back(std::move(message));
        return;
    }
    const std::string method = message.value("method", "");
    const json& params = message.contains("params") ? message["params"] : json::object();
    if (method == "Page.javascriptDialogOpening") {
        // A dialog blocks the page (and any evaluate waiting on it): answer it at once.
        m_dialogs.push_back(params.value("message", ""));
        json answer{{"id", m_nextId++},
                    {"method", "Page.handleJavaScriptDialog"},
                    {"params", {{"accept", m_options.acceptDialogs}}}};
        if (message.contains("sessionId")) answer["sessionId"] = message["sessionId"];
        write(answer.dump());
    } else if (method == "Runtime.exceptionThrown") {
        const auto& d = params.value("exceptionDetails", json::object());
        const auto ex = d.value("exception", json::object());
        m_problems.push_back("exception: " + ex.value("description", d.value("text", "")));
    } else if (method == "Runtime.consoleAPICalled" && params.value("type", "") == "error") {
        std::string text = "console.error:";
        for (const auto& a : params.value("args", json::array()))
            text += " " + (a.contains("value") ? a["value"].dump() : a.value("description", ""));
        m_problems.push_back(text);
    } else if (method == "Log.entryAdded") {
        const auto entry = params.value("entry", json::object());
        if (entry.value("level", "") == "error")
            m_problems.push_back("log: " + entry.value("text", "") + " " + entry.value("url", ""));
    }
    m_events.push_back(std::move(message));
    if (m_events.size() > 2000) m_events.pop_front();  // nobody waits for those any more
}

json Chromium::send(const std::string& method, const json& params, const std::string& session) {
    const std::int64_t id = m_nextId++;
    json message{
        {"id", id}, {"method", method}, {"params", params.is_null() ? json::object() : params}};
    if (!session.empty()) message["sessionId"] = session;
    write(message.dump());
    const auto deadline = Clock::now() + m_options.timeout;
    for (;;) {
        for (auto it = m_responses.begin(); it != m_responses.end(); ++it) {
            if ((*it)["id"] != id) continue;
            json response = std::move(*it);
            m_responses.erase(it);
            if (response.contains("error"))
                throw ChromiumError(method + ": " + response["error"].value("message", "") + " " +
                                    response["error"].value("data", ""));
            return response.value("result", json::object());
        }
        m_responses.clear();  // answers nobody waits for (dialog replies)
        pump(deadline);
    }
}

json Chromium::call(const std::string& method, const json& params) {
    return send(method, params, m_session);
}

json Chromium::browserCall(const std::string& method, const json& params) {
    return send(method, params, "");
}

json Chromium::waitEvent(const std::string& method, bool ofPage) {
    const auto deadline = Clock::now() + m_options.timeout;
    for (;;) {
        for (auto it = m_events.begin(); it != m_events.end(); ++it) {
            if ((*it)["method"] != method) continue;
            const bool pageEvent = it->contains("sessionId");
            if (ofPage ? (!pageEvent || (*it)["sessionId"] != m_session) : pageEvent) continue;
            json params = (*it).value("params", json::object());
            m_events.erase(it);
            return params;
        }
        try {
            pump(deadline);
        } catch (const ChromiumError& e) {
            throw ChromiumError("waiting for " + method + ": " + e.what());
        }
    }
}

void Chromium::dropEvents(const std::string& method) {
    std::erase_if(m_events, [&](const json& e) { return e["method"] == method; });
}

void Chromium::navigate(const std::string& url) {
    dropEvents("Page.loadEventFired");
    const json result = call("Page.navigate", {{"url", url}});
    if (!result.value("errorText", "").empty())
        throw ChromiumError("cannot load " + url + ": " + result.value("errorText", ""));
    if (result.value("isDownload", false)) return;  // no page: see waitForDownload()
    waitEvent("Page.loadEventFired");
}

json Chromium::evaluate(const std::string& js) {
    const json result = call("Runtime.evaluate", {{"expression", js},
                                                  {"returnByValue", true},
                                                  {"awaitPromise", true},
                                                  {"userGesture", true}});
    if (result.contains("exceptionDetails")) {
        const auto& d = result["exceptionDetails"];
        const auto ex = d.value("exception", json::object());
        throw ChromiumError("JavaScript: " + ex.value("description", d.value("text", "")));
    }
    const auto& value = result.value("result", json::object());
    return value.contains("value") ? value["value"] : json();
}

std::string Chromium::url() {
    return evaluate("location.href").get<std::string>();
}

std::string Chromium::text() {
    return evaluate("document.body ? document.body.innerText : ''").get<std::string>();
}

std::string Chromium::html() {
    return evaluate("document.documentElement.outerHTML").get<std::string>();
}

void Chromium::waitFor(const std::string& jsCondition) {
    const auto deadline = Clock::now() + m_options.timeout;
    while (!evaluate("!!(" + jsCondition + ")").get<bool>()) {
        if (Clock::now() > deadline) throw ChromiumError("timed out waiting for " + jsCondition);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

void Chromium::click(const std::string& selector) {
    evaluate("(() => { const el = document.querySelector(" + jsString(selector) +
             "); if (!el) throw new Error('no element matches ' + " + jsString(selector) +
             "); el.scrollIntoView({block: 'center'}); el.click(); return true; })()");
}

void Chromium::fill(const std::string& selector, const std::string& text) {
    // Text fields get real typing (Input.insertText); dates, selects and the like a value.
    const std::string how =
        evaluate(
            "(() => { const el = document.querySelector(" + jsString(selector) +
            "); if (!el) throw new Error('no element matches ' + " + jsString(selector) +
            "); const typed = el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && "
            "['text', 'password', 'search', 'tel', 'email', 'url', 'number', '']"
            ".includes(el.getAttribute('type') || '')); if (typed) { el.focus(); el.value = ''; "
            "return 'type'; } if (el.tagName === 'SELECT' && ![...el.options].some(o => o.value "
            "=== " +
            jsString(text) + ")) throw new Error('no option ' + " + jsString(text) +
            "); el.value = " + jsString(text) +
            "; el.dispatchEvent(new Event('input', {bubbles: true})); "
            "el.dispatchEvent(new Event('change', {bubbles: true})); return 'set'; })()")
            .get<std::string>();
    if (how != "type") return;
    if (!text.empty()) call("Input.insertText", {{"text", text}});
    evaluate(
        "document.activeElement && document.activeElement.dispatchEvent(new "
        "Event('change', {bubbles: true}))");
}

void Chromium::submitAndWait(const std::string& selector) {
    dropEvents("Page.loadEventFired");
    click(selector);
    waitEvent("Page.loadEventFired");
}

void Chromium::setViewport(int width, int height) {
    const bool phone = width < 600;
    call("Emulation.setDeviceMetricsOverride", {{"width", width},
                                                {"height", height},
                                                {"deviceScaleFactor", phone ? 2 : 1},
                                                {"mobile", phone}});
    call("Emulation.setTouchEmulationEnabled", {{"enabled", phone}});
}

void Chromium::screenshot(const std::string& path, int width, int height, bool fullPage) {
    setViewport(width, height);
    // Fonts loaded and two frames drawn at the new size before the picture is taken.
    evaluate(
        "document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => "
        "requestAnimationFrame(r))))");
    json params{{"format", "png"}};
    if (fullPage) {
        const json metrics = call("Page.getLayoutMetrics");
        const double pageHeight = metrics.at("cssContentSize").at("height").get<double>();
        params["captureBeyondViewport"] = true;
        params["clip"] = {{"x", 0},
                          {"y", 0},
                          {"width", width},
                          {"height", std::max<double>(pageHeight, height)},
                          {"scale", 1}};
    }
    const std::string png = decodeBase64(call("Page.captureScreenshot", params).at("data"));
    const std::filesystem::path file(path);
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(png.data(), static_cast<std::streamsize>(png.size()));
    if (!out) throw ChromiumError("cannot write " + path);
}

void Chromium::allowDownloads(const std::filesystem::path& folder) {
    std::filesystem::create_directories(folder);
    m_downloads = std::filesystem::absolute(folder);
    dropEvents("Browser.downloadWillBegin");
    dropEvents("Browser.downloadProgress");
    browserCall(
        "Browser.setDownloadBehavior",
        {{"behavior", "allow"}, {"downloadPath", m_downloads.string()}, {"eventsEnabled", true}});
}

std::filesystem::path Chromium::waitForDownload() {
    if (m_downloads.empty()) throw ChromiumError("call allowDownloads() first");
    const json begin = waitEvent("Browser.downloadWillBegin", false);
    const std::string guid = begin.value("guid", "");
    for (;;) {
        const json progress = waitEvent("Browser.downloadProgress", false);
        if (progress.value("guid", "") != guid) continue;
        const std::string state = progress.value("state", "");
        if (state == "canceled") throw ChromiumError("the download was canceled");
        if (state == "completed") {
            // Chromium reports the final path in newer versions; else the suggested name.
            const std::string saved = progress.value("filePath", "");
            return saved.empty() ? m_downloads / begin.value("suggestedFilename", "")
                                 : std::filesystem::path(saved);
        }
    }
}

}  // namespace testsupport
