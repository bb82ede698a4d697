// Deputy sign-in by QR (DESIGN.md §5): a live camera preview with a framing guide; the first
// valid scan of the day checks the deputy in and welcomes them, a later one asks whether to
// check out; refusals say why. A citizen's receipt QR opens its progress page.
#include "kiosk/app/controller.hpp"
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/app/scan_worker.hpp"
#include "kiosk/app/texture_cache.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/widgets.hpp"
#include "platform/log.hpp"

namespace kiosk::screens {
namespace {

using app::ScanEvent;
using app::ScanOutcome;
using app::ScreenId;
using app::Ui;
using widgets::Style;

constexpr long long kSameCodePauseMs = 8000;  // a card still held up is not a second scan

class ScanScreen final : public Screen {
public:
    ScreenId id() const override { return ScreenId::Scan; }
    void reset() override {
        m_outcome.reset();
        m_cameraError.clear();
        m_lastText.clear();
        m_hasPreview = false;
    }

    void draw(Ui& ui) override {
        const auto& L = ui.layout;
        const float width = L.size.x - 2 * L.pad;
        widgets::header(ui, tr("scan.title"));
        takeEvents(ui);
        if (m_outcome) {
            drawOutcome(ui, width);
            return;
        }
        widgets::text(ui, tr("scan.hint"), ui.fonts.body(), ui.theme.text, width);
        widgets::say(ui, tr("scan.hint"));
        drawPreview(ui, width);
        if (m_cameraError.empty()) {
            widgets::text(ui, tr("scan.scanning"), ui.fonts.body(), ui.theme.mutedText, width);
        } else {
            // In Chinese for the deputy at the screen; the device's own words go to the log.
            widgets::text(ui, tr("scan.no_camera"), ui.fonts.body(), ui.theme.danger, width);
            widgets::say(ui, tr("scan.no_camera"));
        }
    }

private:
    void takeEvents(Ui& ui) {
        const long long now = ui.controller.clock().nowMs();
        for (auto& e : ui.scanner.drain()) {
            if (e.kind == ScanEvent::Kind::CameraError) {
                if (m_cameraError != e.text)
                    platform::logLine(platform::LogLevel::Warning, "scan", "camera: " + e.text);
                m_cameraError = e.text;
            } else if (e.kind == ScanEvent::Kind::Preview) {
                platform::Rgba rgba{e.preview.width, e.preview.height, {}};
                rgba.pixels.reserve(e.preview.pixels.size() * 4);
                for (std::uint8_t v : e.preview.pixels)
                    rgba.pixels.insert(rgba.pixels.end(), {v, v, v, 255});
                ui.textures.update("camera-preview", rgba);
                m_hasPreview = true;
            } else if (!m_outcome && !(e.text == m_lastText && now - m_lastAt < kSameCodePauseMs)) {
                m_lastText = e.text;
                m_lastAt = now;
                m_outcome = ui.controller.scan(e.text);
                if (m_outcome->kind == ScanOutcome::Kind::Receipt) {
                    ui.settings.trackCode = m_outcome->receipt;
                    m_outcome.reset();
                    ui.nav.back();
                    ui.nav.push(ScreenId::Track);
                    return;
                }
            }
        }
    }

    void drawPreview(Ui& ui, float width) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float w = ui.layout.landscape ? width * 0.6f : width, h = w * 9 / 16;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), IM_COL32(40, 40, 40, 255), 12);
        if (m_hasPreview) {
            const auto& t = ui.textures.get("camera-preview", "");
            // Fit the frame into the box, keeping its proportions.
            const float s =
                std::min(w / static_cast<float>(t.width), h / static_cast<float>(t.height));
            const float iw = t.width * s, ih = t.height * s;
            const ImVec2 o(p.x + (w - iw) / 2, p.y + (h - ih) / 2);
            dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(t.id)), o,
                         ImVec2(o.x + iw, o.y + ih));
        }
        // The framing guide: corner brackets of a centred square.
        const float side = h * 0.7f, len = side * 0.18f, thick = 8;
        const ImVec2 a(p.x + (w - side) / 2, p.y + (h - side) / 2), b(a.x + side, a.y + side);
        const ImU32 c = ui.theme.accent;
        for (const auto& [x, y, dx, dy] : {std::tuple{a.x, a.y, 1.f, 1.f},
                                           {b.x, a.y, -1.f, 1.f},
                                           {a.x, b.y, 1.f, -1.f},
                                           {b.x, b.y, -1.f, -1.f}}) {
            dl->AddLine(ImVec2(x, y), ImVec2(x + dx * len, y), c, thick);
            dl->AddLine(ImVec2(x, y), ImVec2(x, y + dy * len), c, thick);
        }
        ImGui::Dummy(ImVec2(w, h));
    }

    void drawOutcome(Ui& ui, float width) {
        const auto& L = ui.layout;
        const ScanOutcome& o = *m_outcome;
        const int off = ui.model.offset();
        const domain::Deputy* d = ui.model.deputy(o.deputyId);
        widgets::beginCard(ui, width);
        if (d) {
            widgets::deputyPhoto(ui, *d, ImVec2(200, 250));
            ImGui::SameLine(0, L.gap);
            ImGui::BeginGroup();
            widgets::text(ui, d->name, ui.fonts.title(), ui.theme.text, width - 300);
            widgets::text(ui, widgets::levelName(d->level), ui.fonts.body(), ui.theme.mutedText,
                          width - 300);
            ImGui::EndGroup();
        }
        switch (o.kind) {
            case ScanOutcome::Kind::CheckedIn:
                widgets::text(ui, tr("scan.welcome"), ui.fonts.title(), ui.theme.ok);
                widgets::say(ui, tr("scan.welcome"));
                widgets::text(ui, tr("scan.checked_in_at") + widgets::timeOfDay(o.at, off),
                              ui.fonts.body(), ui.theme.text);
                if (!o.planned)
                    widgets::text(ui, tr("scan.unplanned"), ui.fonts.body(), ui.theme.accent);
                break;
            case ScanOutcome::Kind::AskCheckOut:
                widgets::text(ui,
                              tr("scan.ask_checkout_prefix") + widgets::timeOfDay(o.at, off) +
                                  tr("scan.ask_checkout_suffix"),
                              ui.fonts.title(), ui.theme.text);
                break;
            case ScanOutcome::Kind::CheckedOut:
                widgets::text(ui, tr("scan.checked_out"), ui.fonts.title(), ui.theme.ok);
                widgets::say(ui, tr("scan.checked_out"));
                widgets::text(ui, tr("scan.checked_out_at") + widgets::timeOfDay(o.at, off),
                              ui.fonts.body(), ui.theme.text);
                break;
            case ScanOutcome::Kind::Refused:
            case ScanOutcome::Kind::Receipt:
                widgets::text(ui, tr("scan.refused"), ui.fonts.title(), ui.theme.danger);
                widgets::text(ui, tr(o.messageKey), ui.fonts.body(), ui.theme.text);
                break;
        }
        widgets::endCard(ui);
        const float half = (width - L.gap) / 2;
        if (o.kind == ScanOutcome::Kind::AskCheckOut) {
            if (widgets::button(ui, tr("scan.do_checkout"), ImVec2(half, L.tapMin * 1.4f),
                                Style::Primary))
                m_outcome = ui.controller.checkOut(o.deputyId, o.keyId);
            ImGui::SameLine(0, L.gap);
            if (widgets::button(ui, tr("scan.no_checkout"), ImVec2(half, L.tapMin * 1.4f)))
                m_outcome.reset();
            return;
        }
        if (widgets::button(ui, tr("scan.again"), ImVec2(half, L.tapMin * 1.4f), Style::Primary))
            m_outcome.reset();
        ImGui::SameLine(0, L.gap);
        if (widgets::button(ui, tr("scan.done"), ImVec2(half, L.tapMin * 1.4f))) ui.nav.home();
    }

    std::optional<ScanOutcome> m_outcome;
    std::string m_cameraError;
    std::string m_lastText;
    long long m_lastAt = 0;
    bool m_hasPreview = false;
};

}  // namespace

std::unique_ptr<Screen> makeScanScreen() {
    return std::make_unique<ScanScreen>();
}

}  // namespace kiosk::screens
