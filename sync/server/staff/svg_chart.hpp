#pragma once
// Small SVG charts drawn by the server (no JavaScript, no CDN): a stacked or grouped bar chart
// and a horizontal bar chart of rates. Each chart is a <figure class="chart"> with an inline
// SVG that scales by its viewBox, an HTML legend that wraps on a phone, and a <title> tooltip
// on every bar. Bars carry data-series, data-group and data-value so tests can read them back.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace csync::server::staff::svg {

/// One coloured series of a bar chart: a value per group.
struct Series {
    std::string key;    // stable id (data-series)
    std::string label;  // legend text
    std::vector<double> values;
};

/// Bars per group (x axis), stacked or side by side.
struct BarChart {
    std::string title;                                        // caption and aria-label
    std::vector<std::pair<std::string, std::string>> groups;  // {key, axis label}
    std::vector<Series> series;
    bool stacked = true;
    std::string unit;  // after values in tooltips, e.g. "件"
};

/// One row of a rate chart.
struct RateBar {
    std::string key;             // data-series
    std::string label;           // row label
    std::optional<double> rate;  // 0..1; nullopt draws "无数据" instead of a bar
    std::string note;            // after the percentage, e.g. "6/8 天"
};

/// The fill colour of series i (a fixed palette that stays apart in print).
std::string color(std::size_t i);
/// A value as text: integers without decimals, others with one.
std::string number(double value);
/// The figure with a vertical bar chart and its legend.
std::string barChart(const BarChart& chart);
/// The figure with horizontal bars of rates (0–100 %), one row each.
std::string rateChart(const std::string& title, const std::vector<RateBar>& rows);

}  // namespace csync::server::staff::svg
