#pragma once
// Where receipts go: a USB line printer device (/dev/usb/lpN), a network printer (raw TCP,
// port 9100), or a PNG file for previews and tests. Each send is bounded in time, so a printer
// that is absent, out of paper or hung ends in a failure with a reason, never a stuck kiosk.
// These calls block: the kiosk runs them on its print worker thread.
#include <optional>
#include <string>

#include "kiosk/printing/receipt.hpp"

namespace kiosk::printing {

/// Station setting naming the receipt printer, in station-kiosk --printer's form.
inline constexpr const char* kPrinterSetting = "kiosk.printer";

/// How a print ended. reasonKey is a string-table key (print.error.*) saying why in Chinese.
struct PrintResult {
    bool ok = false;
    std::string reasonKey;
    std::string detail;  // for the log: errno text, host, path
};

struct PrinterTarget {
    enum class Kind { None, Usb, Tcp, File };
    Kind kind = Kind::None;
    std::string path;  // Usb: the device; File: the PNG
    std::string host;  // Tcp
    int port = 9100;   // Tcp
};

/// Parses "usb:/dev/usb/lp0", "tcp:HOST[:PORT]", "file:PATH.png", "auto" (the first
/// /dev/usb/lp* present, else none) and "none"/"". nullopt with `error` when malformed.
std::optional<PrinterTarget> parsePrinterSpec(const std::string& spec, std::string& error);

/// First /dev/usb/lp* device present (in `dir`, for tests), or "".
std::string findUsbPrinter(const std::string& dir = "/dev/usb");

/// Prints the receipt on the target: ESC/POS for Usb and Tcp, a PNG for File.
PrintResult printReceipt(const PrinterTarget& target, const Receipt& receipt, int timeoutMs = 8000);

/// Writes bytes to a printer device file, opened O_WRONLY|O_NONBLOCK, within timeoutMs.
PrintResult writeToDevice(const std::string& path, const std::string& bytes, int timeoutMs);

/// Connects to host:port and sends bytes, connect and writes together within timeoutMs.
PrintResult sendToNetworkPrinter(const std::string& host, int port, const std::string& bytes,
                                 int timeoutMs);

/// Renders the receipt to a PNG at path.
PrintResult writeReceiptPng(const std::string& path, const Receipt& receipt);

}  // namespace kiosk::printing
