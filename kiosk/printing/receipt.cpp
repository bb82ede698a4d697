#include "kiosk/printing/receipt.hpp"

#include "kiosk/domain/local_time.hpp"
#include "kiosk/domain/receipt_code.hpp"
#include "kiosk/strings.hpp"
#include "sync/model/utf8.hpp"

namespace kiosk::printing {

namespace {

int columnsOf(char32_t cp) {
    return cp < 0x80 ? 1 : 2;
}

std::string twoDigits(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

class Builder {
public:
    void text(const std::string& s, Align align = Align::Left, int size = 1, bool bold = false) {
        for (auto& line : wrapText(s, kColumns / size)) {
            ReceiptBlock b;
            b.text = std::move(line);
            b.align = align;
            b.size = size;
            b.bold = bold;
            m_r.blocks.push_back(std::move(b));
        }
    }
    void qr(const std::string& payload) {
        ReceiptBlock b;
        b.kind = ReceiptBlock::Kind::Qr;
        b.text = payload;
        b.align = Align::Center;
        // Short kiosk codes get big modules; a county URL needs more modules, so smaller ones
        // keep the code about 30 mm wide either way.
        b.moduleDots = payload.size() <= 24 ? 8 : 6;
        m_r.blocks.push_back(std::move(b));
    }
    void rule() {
        ReceiptBlock b;
        b.kind = ReceiptBlock::Kind::Rule;
        m_r.blocks.push_back(std::move(b));
    }
    void feed(int lines) {
        ReceiptBlock b;
        b.kind = ReceiptBlock::Kind::Feed;
        b.lines = lines;
        m_r.blocks.push_back(std::move(b));
    }
    Receipt take() { return std::move(m_r); }

private:
    Receipt m_r;
};

}  // namespace

int textColumns(const std::string& s) {
    int n = 0;
    for (char32_t cp : csync::model::codePointsOrReplacement(s)) n += columnsOf(cp);
    return n;
}

std::vector<std::string> wrapText(const std::string& s, int columns) {
    std::vector<std::string> lines;
    std::string line;
    int used = 0;
    auto flush = [&] {
        lines.push_back(std::move(line));
        line.clear();
        used = 0;
    };
    const auto cps = csync::model::codePointsOrReplacement(s);
    for (std::size_t i = 0; i < cps.size();) {
        const char32_t cp = cps[i];
        if (cp == '\n') {
            flush();
            ++i;
            continue;
        }
        if (cp < 0x80 && cp != ' ') {
            // An ASCII word (a phone number, a URL): whole when it fits a line.
            std::size_t end = i;
            while (end < cps.size() && cps[end] < 0x80 && cps[end] != ' ' && cps[end] != '\n')
                ++end;
            const int w = static_cast<int>(end - i);
            if (used + w > columns && used > 0 && w <= columns) flush();
            for (; i < end; ++i) {
                if (used + 1 > columns) flush();
                line += static_cast<char>(cps[i]);
                ++used;
            }
            continue;
        }
        const int w = columnsOf(cp);
        if (used + w > columns) flush();
        if (!(cp == ' ' && used == 0)) {  // no space at the start of a wrapped line
            line += csync::model::toUtf8(cp);
            used += w;
        }
        ++i;
    }
    if (!line.empty() || lines.empty()) flush();
    return lines;
}

Receipt buildReceipt(const ReceiptInfo& info) {
    Builder b;
    b.text(tr("receipt.title"), Align::Center, 2, true);
    b.text(info.stationName, Align::Center);
    const auto t = domain::toLocal(info.atMs, info.utcOffsetMinutes);
    b.text(tr("receipt.time") + std::to_string(t.date.year) + tr("date.year") +
               std::to_string(t.date.month) + tr("date.month") + std::to_string(t.date.day) +
               tr("date.day") + " " + twoDigits(t.minuteOfDay / 60) + ":" +
               twoDigits(t.minuteOfDay % 60),
           Align::Center);
    b.rule();
    b.text(tr("receipt.code_label"), Align::Center);
    b.text(domain::formatReceiptCode(info.receiptCode), Align::Center, 3, true);
    b.feed(1);
    b.qr(info.qrText);
    b.text(tr("receipt.scan_hint"), Align::Center);
    b.rule();
    if (!info.categoryName.empty()) b.text(tr("receipt.category") + info.categoryName);
    b.text(tr("receipt.next_steps"));
    if (!info.hotline.empty()) b.text(tr("home.hotline") + info.hotline);
    b.text(tr("receipt.keep"), Align::Center);
    return b.take();
}

}  // namespace kiosk::printing
