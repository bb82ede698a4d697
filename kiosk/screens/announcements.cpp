// 通知公告: the county's announcements that are showing now, newest first, each with its dates
// and whole text, read aloud in read-aloud mode. Home shows the newest as a banner.
#include "kiosk/app/fonts.hpp"
#include "kiosk/app/kiosk_model.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/widgets/scroll_area.hpp"
#include "kiosk/widgets/widgets.hpp"

namespace kiosk::screens {
namespace {

using app::ScreenId;
using app::Ui;

class AnnouncementsScreen final : public Screen {
public:
    ScreenId id() const override { return ScreenId::Announcements; }

    void draw(Ui& ui) override {
        const auto& L = ui.layout;
        const auto& m = ui.model;
        widgets::header(ui, tr("announcements.title"));
        const float width = L.size.x - 2 * L.pad;
        widgets::beginBody(ui, "##announcements");
        if (m.announcements.empty()) {
            // The last one can end while a visitor reads the list.
            widgets::text(ui, tr("announcements.none"), ui.fonts.body(), ui.theme.mutedText, width);
            widgets::say(ui, tr("announcements.none"));
        }
        std::string spoken;
        for (const auto& a : m.announcements) {
            widgets::beginCard(ui, width);
            widgets::text(ui, a.title, ui.fonts.title(), ui.theme.primary);
            // The last day shown is the day before the end (the end is exclusive).
            const std::string when =
                tr("announcements.from") + widgets::dateLong(a.fromMs, m.offset()) +
                tr("announcements.until") + widgets::dateLong(a.untilMs - 1, m.offset());
            widgets::text(ui, when, ui.fonts.body(), ui.theme.mutedText);
            if (!a.text.empty()) widgets::text(ui, a.text, ui.fonts.body(), ui.theme.text);
            widgets::endCard(ui);
            spoken += a.title + "。" + a.text + "。";
        }
        if (!spoken.empty()) widgets::say(ui, spoken);
        widgets::endScroll(ui);
    }
};

}  // namespace

std::unique_ptr<Screen> makeAnnouncementsScreen() {
    return std::make_unique<AnnouncementsScreen>();
}

}  // namespace kiosk::screens
