#pragma once
// Staff exports of what stations uploaded. Contact data sealed at the kiosk is opened here with
// the county's key, and only here: it is written to the export, never logged.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sync/server/backend.hpp"

namespace csync::server {

/// The record type an export kind ("concerns", "checkins") covers; empty if unknown.
std::string_view exportRecordType(std::string_view kind);

/// Received records of a kind as a JSON array: id, station, received_at and the payload's
/// fields; concerns carry contact_name/contact_phone instead of contact_sealed.
nlohmann::json exportJson(Backend& backend, std::string_view kind);

/// The same rows as CSV for spreadsheets: UTF-8 with BOM, CRLF, a header row.
std::string exportCsv(Backend& backend, std::string_view kind);

/// One column of a table for spreadsheets.
struct ExportColumn {
    enum class Kind { Text, Number, Time };
    std::string header;
    double width = 12;  // XLSX column width in Excel's units (a Chinese character takes about 2)
    Kind kind = Kind::Text;  // XLSX writes Number and Time cells as numbers and dates
};

/// A table of texts, written as CSV or XLSX. Time cells are county time "YYYY-MM-DD HH:MM".
struct ExportTable {
    std::string sheet;  // the XLSX worksheet's name (at most 31 characters)
    std::vector<ExportColumn> columns;
    std::vector<std::vector<std::string>> rows;  // one text per column
};

/// The table as CSV: UTF-8 with BOM (Excel on Windows needs it), CRLF, the header row first.
/// Every text cell is neutralised; Number cells are too unless they are plain numbers.
std::string tableCsv(const ExportTable& table);

/// The table as an XLSX workbook (libxlsxwriter): bold frozen header row with a filter, the
/// column widths, Time cells as Excel dates. Throws std::runtime_error when it cannot be made.
std::string tableXlsx(const ExportTable& table);

}  // namespace csync::server
