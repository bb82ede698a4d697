// The receipt printer: receipt layout, ESC/POS bytes (golden), GB18030, the USB/TCP transports
// against a device file and a loopback listener, and the PNG preview whose QR must decode.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "kiosk/app/print_worker.hpp"
#include "kiosk/printing/escpos.hpp"
#include "kiosk/printing/printer.hpp"
#include "kiosk/printing/receipt.hpp"
#include "kiosk/strings.hpp"
#include "platform/gray_image.hpp"
#include "platform/qr_decode.hpp"
#include "temp_dir.hpp"

namespace {

using namespace kiosk::printing;
using Ms = std::chrono::milliseconds;

std::string hex(const std::string& bytes) {
    static const char* d = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : bytes) {
        out += d[c >> 4];
        out += d[c & 15];
    }
    return out;
}

std::string raw(std::initializer_list<int> b) {
    std::string s;
    for (int c : b) s.push_back(static_cast<char>(c));
    return s;
}

std::string readFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

bool hasChinese(const std::string& s) {
    return std::any_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0xE4; });
}

ReceiptInfo sampleInfo() {
    ReceiptInfo i;
    i.stationName = "云溪镇人大代表联络站";
    i.hotline = "0571-88886666";
    i.receiptCode = "ACD3E4F6G";
    i.qrText = "https://county.example.cn/track/ACD3E4F6G";
    i.categoryName = "道路交通与基础设施";
    i.atMs = 1'794'708'000'000;  // 2026-11-15 10:00 China time
    i.utcOffsetMinutes = 480;
    return i;
}

// A listener on 127.0.0.1 with a free port.
struct Listener {
    int fd = -1;
    int port = 0;
    explicit Listener(int backlog = 4) {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
        EXPECT_EQ(::listen(fd, backlog), 0);
        socklen_t len = sizeof a;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
        port = ntohs(a.sin_port);
    }
    ~Listener() { ::close(fd); }
};

}  // namespace

TEST(Printing, Gb18030OfKnownText) {
    EXPECT_EQ(hex(toGb18030("人大")), "C8CBB4F3");
    EXPECT_EQ(toGb18030("Tel 0571"), "Tel 0571");
    EXPECT_EQ(hex(toGb18030("回执号：")), hex("\xBB\xD8\xD6\xB4\xBA\xC5\xA3\xBA"));
    // 𬌗 (U+2C317) has a four-byte GB18030 code that two-byte printer fonts lack.
    EXPECT_EQ(toGb18030("陈𬌗"), std::string("\xB3\xC2") + kFallbackGlyph);
    const std::string four = toGb18030("𬌗", /*gbkOnly=*/false);
    ASSERT_EQ(four.size(), 4u);
    EXPECT_GE(static_cast<unsigned char>(four[1]), 0x30);
    EXPECT_LE(static_cast<unsigned char>(four[1]), 0x39);
    // Malformed UTF-8 gets the fallback; control bytes never reach the printer as commands.
    EXPECT_EQ(toGb18030("a\xFF"
                        "b"),
              std::string("a") + kFallbackGlyph + "b");
    EXPECT_EQ(toGb18030("x\x1B@\x1DV"), "x @ V");
}

TEST(Printing, EscPosGoldenBytes) {
    Receipt r;
    ReceiptBlock title;
    title.text = "人大";
    title.align = Align::Center;
    title.size = 2;
    title.bold = true;
    r.blocks.push_back(title);
    ReceiptBlock qr;
    qr.kind = ReceiptBlock::Kind::Qr;
    qr.text = "RC1:ACD";
    qr.align = Align::Center;
    qr.moduleDots = 8;
    r.blocks.push_back(qr);
    ReceiptBlock feed;
    feed.kind = ReceiptBlock::Kind::Feed;
    feed.lines = 2;
    r.blocks.push_back(feed);
    ReceiptBlock tel;
    tel.text = "Tel 1";
    r.blocks.push_back(tel);
    ReceiptBlock rule;
    rule.kind = ReceiptBlock::Kind::Rule;
    r.blocks.push_back(rule);

    const std::string expected =
        raw({0x1B, 0x40}) +                                             // ESC @
        raw({0x1C, 0x26}) +                                             // FS & Chinese mode
        raw({0x1B, 0x61, 1}) + raw({0x1D, 0x21, 0x11}) +                // centre, double size
        raw({0x1B, 0x45, 1}) + "\xC8\xCB\xB4\xF3\n" +                   // bold, 人大
        raw({0x1D, 0x28, 0x6B, 4, 0, 0x31, 0x41, 0x32, 0}) +            // QR model 2
        raw({0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x43, 8}) +                  // module 8 dots
        raw({0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x45, 0x32}) +               // error level Q
        raw({0x1D, 0x28, 0x6B, 10, 0, 0x31, 0x50, 0x30}) + "RC1:ACD" +  // store 7 bytes
        raw({0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x51, 0x30}) + "\n" +        // print
        raw({0x1B, 0x64, 2}) +                                          // feed 2 lines
        raw({0x1B, 0x61, 0}) + raw({0x1D, 0x21, 0}) + raw({0x1B, 0x45, 0}) + "Tel 1\n" +
        std::string(48, '-') + "\n" +                       // rule
        raw({0x1B, 0x64, 4}) + raw({0x1D, 0x56, 0x42, 0});  // feed, partial cut
    EXPECT_EQ(hex(encodeEscPos(r)), hex(expected));
    EXPECT_EQ(encodeEscPos(r), encodeEscPos(r));  // deterministic
}

TEST(Printing, WrapKeepsLinesWithinThePaper) {
    EXPECT_EQ(wrapText("人大代表", 4), (std::vector<std::string>{"人大", "代表"}));
    EXPECT_EQ(wrapText("电话：0571-88886666", 16),
              (std::vector<std::string>{"电话：", "0571-88886666"}));
    EXPECT_EQ(textColumns("人a"), 3);
    for (const auto& line : wrapText(kiosk::tr("receipt.next_steps"), kColumns))
        EXPECT_LE(textColumns(line), kColumns) << line;
}

TEST(Printing, ReceiptSaysWhatACitizenNeeds) {
    const Receipt r = buildReceipt(sampleInfo());
    std::string all, joined;
    std::string qr;
    for (const auto& b : r.blocks) {
        if (b.kind == ReceiptBlock::Kind::Text) {
            all += b.text + "\n";
            joined += b.text;
            EXPECT_LE(textColumns(b.text) * b.size, kColumns) << b.text;
        }
        if (b.kind == ReceiptBlock::Kind::Qr) qr = b.text;
    }
    EXPECT_EQ(qr, "https://county.example.cn/track/ACD3E4F6G");
    for (const char* s : {"云溪镇人大代表联络站", "2026年11月15日 10:00", "ACD-3E4-F6G",
                          "道路交通与基础设施", "0571-88886666", "15个工作日"})
        EXPECT_NE(joined.find(s), std::string::npos) << s << " in\n" << all;
    // The code is printed large.
    const auto code = std::find_if(r.blocks.begin(), r.blocks.end(),
                                   [](const auto& b) { return b.text == "ACD-3E4-F6G"; });
    ASSERT_NE(code, r.blocks.end());
    EXPECT_EQ(code->size, 3);
    // The whole job carries the station name in GB18030 and the QR payload verbatim.
    const std::string job = encodeEscPos(r);
    EXPECT_NE(job.find(toGb18030("云溪镇人大代表联络站")), std::string::npos);
    EXPECT_NE(job.find(escPosQr(qr, 6, QrLevel::Q)), std::string::npos);
    EXPECT_TRUE(job.ends_with(raw({0x1D, 0x56, 0x42, 0})));
}

TEST(Printing, ParsesPrinterSpecs) {
    std::string error;
    auto t = parsePrinterSpec("tcp:192.0.2.7:9100", error);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->kind, PrinterTarget::Kind::Tcp);
    EXPECT_EQ(t->host, "192.0.2.7");
    EXPECT_EQ(t->port, 9100);
    t = parsePrinterSpec("usb:/dev/usb/lp0", error);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->kind, PrinterTarget::Kind::Usb);
    EXPECT_EQ(t->path, "/dev/usb/lp0");
    t = parsePrinterSpec("file:/tmp/r.png", error);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->kind, PrinterTarget::Kind::File);
    EXPECT_EQ(parsePrinterSpec("none", error)->kind, PrinterTarget::Kind::None);
    EXPECT_EQ(parsePrinterSpec("", error)->kind, PrinterTarget::Kind::None);
    for (const char* bad : {"tcp:host:99999", "tcp:", "lpt1", "file:x.jpg", "tcp:h:9x"})
        EXPECT_FALSE(parsePrinterSpec(bad, error)) << bad;
    testsupport::TempDir dir;
    EXPECT_EQ(findUsbPrinter(dir.path().string()), "");
    std::ofstream(dir.file("lp1"));
    std::ofstream(dir.file("lp0"));
    EXPECT_EQ(findUsbPrinter(dir.path().string()), dir.file("lp0"));
}

TEST(Printing, TcpPrinterReceivesExactlyTheJob) {
    Listener l;
    std::string received;
    std::thread printer([&] {
        const int c = ::accept(l.fd, nullptr, nullptr);
        char buf[4096];
        for (ssize_t n; (n = ::read(c, buf, sizeof buf)) > 0;) received.append(buf, n);
        ::close(c);
    });
    const Receipt r = buildReceipt(sampleInfo());
    PrinterTarget t;
    t.kind = PrinterTarget::Kind::Tcp;
    t.host = "127.0.0.1";
    t.port = l.port;
    const auto result = printReceipt(t, r, 5000);
    printer.join();
    EXPECT_TRUE(result.ok) << result.detail;
    EXPECT_EQ(hex(received), hex(encodeEscPos(r)));
}

TEST(Printing, RefusedTcpPrinterFailsWithAChineseReason) {
    int port = 0;
    {
        Listener l;
        port = l.port;
    }  // closed: nothing listens there now
    const auto t0 = std::chrono::steady_clock::now();
    const auto result = sendToNetworkPrinter("127.0.0.1", port, "x", 3000);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, Ms(3000));
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.reasonKey, "print.error.not_connected");
    EXPECT_TRUE(hasChinese(kiosk::tr(result.reasonKey)));
}

TEST(Printing, HungTcpPrinterTimesOut) {
    // A listener that never accepts, its queue filled: further connections get no answer, as
    // from a printer that hung.
    Listener l(0);
    std::vector<int> fillers;
    for (int i = 0; i < 4; ++i) {
        const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<std::uint16_t>(l.port));
        ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
        fillers.push_back(s);
    }
    std::this_thread::sleep_for(Ms(50));
    const auto t0 = std::chrono::steady_clock::now();
    const auto result = sendToNetworkPrinter("127.0.0.1", l.port, "x", 600);
    const auto took = std::chrono::steady_clock::now() - t0;
    for (int s : fillers) ::close(s);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.reasonKey, "print.error.timeout") << result.detail;
    EXPECT_TRUE(hasChinese(kiosk::tr(result.reasonKey)));
    EXPECT_GE(took, Ms(500));
    EXPECT_LT(took, Ms(2000));
}

TEST(Printing, UsbDeviceMissingOrWithoutReaderFails) {
    auto r = writeToDevice("/nonexistent/usb/lp9", "x", 1000);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.reasonKey, "print.error.not_connected");
    EXPECT_EQ(kiosk::tr(r.reasonKey), "打印机未连接");
    // A FIFO with nobody reading it stands for a device whose printer went away.
    testsupport::TempDir dir;
    ASSERT_EQ(::mkfifo(dir.file("lp0").c_str(), 0600), 0);
    r = writeToDevice(dir.file("lp0"), "x", 1000);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.reasonKey, "print.error.not_connected");
    // A writable device file gets exactly the job.
    std::ofstream(dir.file("lp1"));
    PrinterTarget t;
    t.kind = PrinterTarget::Kind::Usb;
    t.path = dir.file("lp1");
    const Receipt receipt = buildReceipt(sampleInfo());
    r = printReceipt(t, receipt);
    EXPECT_TRUE(r.ok) << r.detail;
    EXPECT_EQ(readFile(t.path), encodeEscPos(receipt));
}

TEST(Printing, PngPreviewIsPaperWideAndItsQrDecodes) {
    testsupport::TempDir dir;
    for (const std::string qr : {"https://county.example.cn/track/ACD3E4F6G", "RC1:ACD3E4F6G"}) {
        auto info = sampleInfo();
        info.qrText = qr;
        PrinterTarget t;
        t.kind = PrinterTarget::Kind::File;
        t.path = dir.file("receipt.png");
        const auto r = printReceipt(t, buildReceipt(info));
        ASSERT_TRUE(r.ok) << r.detail;
        const auto img = platform::loadGrayImage(t.path);
        ASSERT_FALSE(img.empty());
        EXPECT_EQ(img.width, kPaperDots);
        EXPECT_GT(img.height, 600);
        EXPECT_EQ(platform::decodeQr(img).value_or("(none)"), qr);
        if (const char* keep = std::getenv("RECEIPT_PNG_OUT"))
            std::filesystem::copy_file(t.path,
                                       std::string(keep) + "-" + std::to_string(qr.size()) + ".png",
                                       std::filesystem::copy_options::overwrite_existing);
    }
}

TEST(Printing, WorkerReportsEachJob) {
    testsupport::TempDir dir;
    PrinterTarget bad;
    bad.kind = PrinterTarget::Kind::Usb;
    bad.path = dir.file("missing-lp0");
    kiosk::app::PrintWorker worker(bad, 1000);
    ASSERT_TRUE(worker.configured());
    const auto job = worker.submit(buildReceipt(sampleInfo()));
    EXPECT_NE(job, 0u);
    std::vector<kiosk::app::PrintEvent> events;
    for (int i = 0; i < 200 && events.empty(); ++i) {
        std::this_thread::sleep_for(Ms(10));
        events = worker.drain();
    }
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].job, job);
    EXPECT_FALSE(events[0].result.ok);
    EXPECT_EQ(events[0].result.reasonKey, "print.error.not_connected");
    kiosk::app::PrintWorker none(PrinterTarget{});
    EXPECT_FALSE(none.configured());
    EXPECT_EQ(none.submit(Receipt{}), 0u);
}
