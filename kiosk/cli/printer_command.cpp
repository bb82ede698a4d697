// stationctl printer: choose the receipt printer once per station and print a sample to check
// it (the kiosk reads the setting when started without --printer).
#include <ostream>

#include "kiosk/cli/stationctl.hpp"
#include "kiosk/printing/printer.hpp"
#include "kiosk/strings.hpp"

namespace kiosk::cli {

int runPrinterCommand(const Context& ctx) {
    const auto& w = ctx.args.words();
    const std::string sub = w.size() > 1 ? w[1] : "";
    std::string error;
    if (sub == "set" && w.size() == 3) {
        if (!printing::parsePrinterSpec(w[2], error)) return usageError(ctx.err, error);
        ctx.store.station().setSetting(printing::kPrinterSetting, w[2]);
        ctx.out << "已设置回执打印机：" << w[2] << "\n";
        return 0;
    }
    const std::string spec = ctx.store.station().setting(printing::kPrinterSetting).value_or("");
    if (sub == "show" && w.size() == 2) {
        ctx.out << (spec.empty() ? "未设置回执打印机" : spec) << "\n";
        return 0;
    }
    if (sub == "test" && w.size() == 2) {
        const auto target = printing::parsePrinterSpec(spec, error);
        if (!target) return usageError(ctx.err, error);
        printing::ReceiptInfo info;
        if (const auto s = ctx.store.station().get()) {
            info.stationName = s->name;
            info.hotline = s->hotline;
            info.utcOffsetMinutes = s->utcOffsetMinutes;
        }
        info.receiptCode = "ACD3E4F6G";
        info.qrText = "RC1:ACD3E4F6G";
        info.categoryName = "打印样张";
        info.atMs = ctx.clock.nowMs();
        const auto r = printing::printReceipt(*target, printing::buildReceipt(info));
        if (!r.ok) {
            ctx.err << "错误：" << tr(r.reasonKey) << "（" << r.detail << "）\n";
            return 1;
        }
        ctx.out << "样张已打印\n";
        return 0;
    }
    return usageError(ctx.err, "用法：printer set 打印机 | show | test");
}

}  // namespace kiosk::cli
