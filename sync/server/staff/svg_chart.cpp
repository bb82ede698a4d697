#include "sync/server/staff/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sync/server/staff/web.hpp"

namespace csync::server::staff::svg {
namespace {

using html::esc;

// Coordinates with one decimal keep the markup short.
std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    return s;
}

// A round step for about four grid lines (1, 2, 5 × 10^k; counts never get fractions).
double niceStep(double max) {
    if (max <= 0) return 1;
    const double raw = max / 4;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double f : {1.0, 2.0, 5.0, 10.0})
        if (f * mag >= raw) {
            step = f * mag;
            break;
        }
    return std::max(step, 1.0);
}

std::string legend(const std::vector<Series>& series) {
    std::string out = "<div class=\"legend\">";
    for (std::size_t i = 0; i < series.size(); ++i)
        out += "<span><i style=\"background:" + color(i) + "\"></i>" + esc(series[i].label) +
               "</span>";
    return out + "</div>";
}

}  // namespace

std::string color(std::size_t i) {
    static const char* kPalette[] = {"#0b5cad", "#c2410c", "#1a7f37", "#9a6700",
                                     "#7c3aed", "#b3261e", "#0e7490", "#be185d",
                                     "#4d7c0f", "#57534e", "#1e3a8a", "#a16207"};
    return kPalette[i % (sizeof kPalette / sizeof *kPalette)];
}

std::string number(double value) {
    if (std::fabs(value - std::round(value)) < 1e-9)
        return std::to_string(static_cast<long long>(std::llround(value)));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", value);
    return buf;
}

std::string barChart(const BarChart& chart) {
    constexpr double kWidth = 420, kHeight = 240, kLeft = 34, kRight = 8, kTop = 16, kBottom = 30;
    const double plotW = kWidth - kLeft - kRight, plotH = kHeight - kTop - kBottom;
    const std::size_t groups = chart.groups.size();
    double max = 0;
    for (std::size_t g = 0; g < groups; ++g) {
        double total = 0;
        for (const auto& s : chart.series) {
            const double v = g < s.values.size() ? s.values[g] : 0;
            total = chart.stacked ? total + v : std::max(total, v);
        }
        max = std::max(max, total);
    }
    const double step = niceStep(max);
    const double top = std::max(step, std::ceil(max / step) * step);
    const auto y = [&](double v) { return kTop + plotH - v / top * plotH; };

    std::string out = "<figure class=\"chart\"><figcaption>" + esc(chart.title) +
                      "</figcaption><svg viewBox=\"0 0 " + fmt(kWidth) + " " + fmt(kHeight) +
                      "\" role=\"img\" aria-label=\"" + esc(chart.title) +
                      "\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">";
    // Grid lines with their values on the left.
    for (double v = 0; v <= top + 1e-9; v += step) {
        out += "<line x1=\"" + fmt(kLeft) + "\" x2=\"" + fmt(kWidth - kRight) + "\" y1=\"" +
               fmt(y(v)) + "\" y2=\"" + fmt(y(v)) + "\" stroke=\"#d8dce1\"/>";
        out += "<text x=\"" + fmt(kLeft - 6) + "\" y=\"" + fmt(y(v) + 4) +
               "\" text-anchor=\"end\" fill=\"#5f6670\">" + number(v) + "</text>";
    }
    const double band = groups ? plotW / static_cast<double>(groups) : plotW;
    for (std::size_t g = 0; g < groups; ++g) {
        const double x0 = kLeft + band * static_cast<double>(g);
        const auto& [groupKey, groupLabel] = chart.groups[g];
        double stackedTotal = 0;
        const double barW =
            chart.stacked ? band * 0.6 : band * 0.8 / std::max<std::size_t>(chart.series.size(), 1);
        for (std::size_t i = 0; i < chart.series.size(); ++i) {
            const auto& s = chart.series[i];
            const double v = g < s.values.size() ? s.values[g] : 0;
            if (v <= 0) continue;  // an empty segment would only clutter the tooltips
            double x = 0, yTop = 0, h = v / top * plotH;
            if (chart.stacked) {
                x = x0 + band * 0.2;
                yTop = y(stackedTotal + v);
                stackedTotal += v;
            } else {
                x = x0 + band * 0.1 + barW * static_cast<double>(i);
                yTop = y(v);
            }
            out += "<rect class=\"bar\" x=\"" + fmt(x) + "\" y=\"" + fmt(yTop) + "\" width=\"" +
                   fmt(barW) + "\" height=\"" + fmt(h) + "\" fill=\"" + color(i) +
                   "\" data-series=\"" + esc(s.key) + "\" data-group=\"" + esc(groupKey) +
                   "\" data-value=\"" + number(v) + "\"><title>" + esc(groupLabel) + " · " +
                   esc(s.label) + "：" + number(v) + esc(chart.unit) + "</title></rect>";
        }
        if (chart.stacked && stackedTotal > 0)
            out += "<text class=\"total\" x=\"" + fmt(x0 + band / 2) + "\" y=\"" +
                   fmt(y(stackedTotal) - 4) + "\" text-anchor=\"middle\" data-group=\"" +
                   esc(groupKey) + "\" data-total=\"" + number(stackedTotal) + "\">" +
                   number(stackedTotal) + "</text>";
        out += "<text x=\"" + fmt(x0 + band / 2) + "\" y=\"" + fmt(kHeight - kBottom + 18) +
               "\" text-anchor=\"middle\">" + esc(groupLabel) + "</text>";
    }
    out += "<line x1=\"" + fmt(kLeft) + "\" x2=\"" + fmt(kWidth - kRight) + "\" y1=\"" + fmt(y(0)) +
           "\" y2=\"" + fmt(y(0)) + "\" stroke=\"#5f6670\"/>";
    out += "</svg>" + legend(chart.series) + "</figure>";
    return out;
}

std::string rateChart(const std::string& title, const std::vector<RateBar>& rows) {
    constexpr double kWidth = 420, kLabel = 140, kRow = 30, kTop = 8, kValue = 96;
    const double barMax = kWidth - kLabel - kValue;
    const double height =
        kTop * 2 + kRow * static_cast<double>(std::max<std::size_t>(rows.size(), 1));
    std::string out = "<figure class=\"chart\"><figcaption>" + esc(title) +
                      "</figcaption><svg viewBox=\"0 0 " + fmt(kWidth) + " " + fmt(height) +
                      "\" role=\"img\" aria-label=\"" + esc(title) +
                      "\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"13\">";
    if (rows.empty())
        out += "<text x=\"" + fmt(kWidth / 2) + "\" y=\"" + fmt(kTop + 20) +
               "\" text-anchor=\"middle\" fill=\"#5f6670\">暂无数据</text>";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const double top = kTop + kRow * static_cast<double>(i);
        // Long station names are cut so the bars keep their room; the tooltip has them whole.
        std::string label = r.label;
        if (label.size() > 27) {
            std::size_t cut = 24;
            while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
            label = label.substr(0, cut) + "…";
        }
        out += "<text x=\"" + fmt(kLabel - 8) + "\" y=\"" + fmt(top + 19) +
               "\" text-anchor=\"end\"><title>" + esc(r.label) + "</title>" + esc(label) +
               "</text>";
        out += "<rect x=\"" + fmt(kLabel) + "\" y=\"" + fmt(top + 6) + "\" width=\"" + fmt(barMax) +
               "\" height=\"18\" fill=\"#eef0f2\"/>";
        std::string value = "无计划";
        if (r.rate) {
            const double pct = std::clamp(*r.rate, 0.0, 1.0) * 100;
            value = number(std::round(pct * 10) / 10) + "%";
            // Below 60 % the bar turns red: the county follows these up (seed 003 §4.3).
            out += "<rect class=\"bar\" x=\"" + fmt(kLabel) + "\" y=\"" + fmt(top + 6) +
                   "\" width=\"" + fmt(barMax * pct / 100) + "\" height=\"18\" fill=\"" +
                   (pct < 60 ? "#b3261e" : "#1a7f37") + "\" data-series=\"" + esc(r.key) +
                   "\" data-value=\"" + number(std::round(pct * 10) / 10) + "\"><title>" +
                   esc(r.label) + "：" + value + (r.note.empty() ? "" : "（" + esc(r.note) + "）") +
                   "</title></rect>";
        }
        out += "<text x=\"" + fmt(kLabel + barMax + 6) + "\" y=\"" + fmt(top + 19) + "\">" +
               esc(value) + (r.note.empty() ? "" : " " + esc(r.note)) + "</text>";
    }
    out += "</svg></figure>";
    return out;
}

}  // namespace csync::server::staff::svg
