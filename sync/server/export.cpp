#include "sync/server/export.hpp"

#include "sync/model/csv.hpp"

#include <sys/stat.h>
#include <xlsxwriter.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>

#include "platform/log.hpp"

namespace csync::server {
namespace {

using nlohmann::json;

// Columns in the order staff read them; any other payload field follows, alphabetically.
const std::vector<std::string> kConcernColumns{
    "id",    "station", "received_at", "receipt", "created_at",   "category",     "text",
    "place", "deputy",  "taken_by",    "status",  "contact_name", "contact_phone"};
const std::vector<std::string> kCheckinColumns{
    "id", "station", "received_at", "deputy", "at", "direction", "method", "key_id", "planned"};

// Opens a concern's sealed contact ({"name", "phone"}) into the row.
void openContact(json& row, const platform::SealKeyPair& keys) {
    std::string name, phone;
    if (auto it = row.find("contact_sealed"); it != row.end()) {
        const auto box =
            it->is_string() ? platform::fromBase64(it->get<std::string>()) : std::nullopt;
        const auto plain = box ? platform::openSealed(keys, *box) : std::nullopt;
        const json contact = plain ? json::parse(*plain, nullptr, false) : json();
        if (contact.is_object()) {
            name = contact.value("name", "");
            phone = contact.value("phone", "");
        } else {
            // The id only: nothing about the person goes to the log.
            platform::logLine(
                platform::LogLevel::Warning, "export",
                "cannot open the sealed contact of concern " + row.value("id", std::string()));
        }
        row.erase(it);
    }
    row["contact_name"] = name;
    row["contact_phone"] = phone;
}

std::string cell(const json& v) {
    if (v.is_string()) return model::csvField(v.get<std::string>());
    return model::csvField(v.is_null() ? "" : v.dump(), false);
}

// "-12", "3.5": a number a spreadsheet may read as one (no formula can hide in it).
bool plainNumber(std::string_view text) {
    std::size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
    const std::size_t digits = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == digits) return false;
    if (i < text.size() && text[i] == '.') {
        const std::size_t frac = ++i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
        if (i == frac) return false;
    }
    return i == text.size();
}

// "YYYY-MM-DD HH:MM" (county time, as the tables hold it) for Excel.
std::optional<lxw_datetime> parseTime(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    char tail = 0;
    if (text.size() != 16 ||
        std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5)
        return std::nullopt;
    return lxw_datetime{y, mo, d, h, mi, 0.0};
}

// A private directory for libxlsxwriter's file and its scratch files, removed afterwards.
class TempDir {
public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "county-xlsx-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temp directory");
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

void check(lxw_error error, const char* what) {
    if (error != LXW_NO_ERROR)
        throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(error));
}

}  // namespace

std::string_view exportRecordType(std::string_view kind) {
    if (kind == "concerns") return record_type::Concern;
    if (kind == "checkins") return record_type::Checkin;
    return {};
}

json exportJson(Backend& backend, std::string_view kind) {
    const auto type = exportRecordType(kind);
    if (type.empty()) throw std::invalid_argument("unknown export " + std::string(kind));
    std::optional<platform::SealKeyPair> seal;
    if (type == record_type::Concern) {
        const auto county = backend.county();
        if (!county) throw BackendError("the database is not initialised");
        seal = county->seal;
    }
    json rows = json::array();
    for (const auto& r : backend.records(type)) {
        json row = json::parse(r.record.payload);
        row["id"] = r.record.id;
        row["station"] = r.station;
        row["received_at"] = r.receivedAtMs;
        if (seal) openContact(row, *seal);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string exportCsv(Backend& backend, std::string_view kind) {
    const json rows = exportJson(backend, kind);
    std::vector<std::string> columns =
        exportRecordType(kind) == record_type::Concern ? kConcernColumns : kCheckinColumns;
    const std::set<std::string> known(columns.begin(), columns.end());
    std::set<std::string> extra;
    for (const auto& row : rows)
        for (const auto& [key, value] : row.items())
            if (!known.contains(key)) extra.insert(key);
    columns.insert(columns.end(), extra.begin(), extra.end());

    std::string out(model::kCsvByteOrderMark);  // spreadsheets then read UTF-8 right
    for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + columns[i];
    out += "\r\n";
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) out += ',';
            auto it = row.find(columns[i]);
            if (it != row.end()) out += cell(*it);
        }
        out += "\r\n";
    }
    return out;
}

std::string tableCsv(const ExportTable& table) {
    std::string out(model::kCsvByteOrderMark);
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        out += (i ? "," : "") + model::csvField(table.columns[i].header);
    out += "\r\n";
    for (const auto& row : table.rows) {
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            if (i) out += ',';
            if (i >= row.size()) continue;
            const bool number = table.columns[i].kind == ExportColumn::Kind::Number;
            out += model::csvField(row[i], !(number && plainNumber(row[i])));
        }
        out += "\r\n";
    }
    return out;
}

std::string tableXlsx(const ExportTable& table) {
    // libxlsxwriter 1.1.4 (Debian 12) writes only to files: a private directory holds the file
    // and the library's scratch files, and the bytes are read back.
    const TempDir dir;
    const std::string file = (dir.path() / "export.xlsx").string();
    const std::string scratch = dir.path().string();
    lxw_workbook_options options{};
    options.tmpdir = const_cast<char*>(scratch.c_str());
    lxw_workbook* book = workbook_new_opt(file.c_str(), &options);
    if (!book) throw std::runtime_error("xlsx: cannot create the workbook");
    const std::string sheetName = table.sheet.empty() ? std::string("Sheet1") : table.sheet;
    lxw_worksheet* sheet = workbook_add_worksheet(book, sheetName.c_str());
    if (!sheet) {
        workbook_close(book);
        throw std::runtime_error("xlsx: bad sheet name " + sheetName);
    }
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    format_set_bg_color(bold, 0xDDE6F0);
    format_set_border(bold, LXW_BORDER_THIN);
    lxw_format* date = workbook_add_format(book);
    format_set_num_format(date, "yyyy-mm-dd hh:mm");
    lxw_format* text = workbook_add_format(book);
    format_set_num_format(text, "@");  // typed-in values stay text too

    try {
        const auto cols = static_cast<lxw_col_t>(table.columns.size());
        for (lxw_col_t c = 0; c < cols; ++c) {
            const auto& column = table.columns[c];
            check(worksheet_set_column(sheet, c, c, column.width,
                                       column.kind == ExportColumn::Kind::Text ? text : nullptr),
                  "column");
            check(worksheet_write_string(sheet, 0, c, column.header.c_str(), bold), "header");
        }
        lxw_row_t r = 1;
        for (const auto& row : table.rows) {
            for (lxw_col_t c = 0; c < cols && c < row.size(); ++c) {
                const std::string& value = row[c];
                if (value.empty()) continue;
                const auto kind = table.columns[c].kind;
                if (kind == ExportColumn::Kind::Number && plainNumber(value)) {
                    check(worksheet_write_number(sheet, r, c, std::strtod(value.c_str(), nullptr),
                                                 nullptr),
                          "number");
                } else if (const auto t =
                               kind == ExportColumn::Kind::Time ? parseTime(value) : std::nullopt) {
                    auto dt = *t;
                    check(worksheet_write_datetime(sheet, r, c, &dt, date), "date");
                } else {
                    // Written as a string cell, never a formula, so no apostrophe is needed.
                    check(worksheet_write_string(sheet, r, c, value.c_str(), text), "text");
                }
            }
            ++r;
        }
        worksheet_freeze_panes(sheet, 1, 0);
        if (cols > 0) check(worksheet_autofilter(sheet, 0, 0, r - 1, cols - 1), "filter");
    } catch (...) {
        workbook_close(book);
        throw;
    }
    check(workbook_close(book), "close");
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw std::runtime_error("xlsx: cannot read the workbook back");
    if (bytes.empty()) throw std::runtime_error("xlsx: the workbook is empty");
    return bytes;
}

}  // namespace csync::server
