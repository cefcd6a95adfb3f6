import DossierAnalysis
import DossierCore
import Foundation

/// The figure of a fact over time as an inline SVG, drawn on the server so the page needs
/// no charting script: one dot per dated report (coloured by origin), a line through the
/// moves of the figure, and the axis ends labelled. Every label is escaped.
struct TimelineChart {
    var width = 720.0
    var height = 240.0
    var margin = (left: 70.0, right: 20.0, top: 20.0, bottom: 40.0)

    static let palette = ["#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b"]

    func svg(for fact: Fact) -> String? {
        let points = fact.timeline.compactMap { e -> (Day, Double, TimelineEntry)? in
            guard let d = e.date, let v = e.value, v.isFinite else { return nil }
            return (d, v, e)
        }
        guard !points.isEmpty else { return nil }
        let days = points.map(\.0.dayNumber), values = points.map(\.1)
        // One day only: centre it rather than pin it to the axis.
        let single = days.min()! == days.max()!
        let d0 = days.min()! - (single ? 1 : 0), d1 = days.max()! + (single ? 1 : 0)
        var v0 = min(0, values.min()!), v1 = values.max()!
        if v1 <= v0 { v1 = v0 + 1 }
        v1 += (v1 - v0) * 0.08
        v0 = v0 < 0 ? v0 - (v1 - v0) * 0.08 : v0
        let plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom
        func x(_ d: Int) -> Double { margin.left + Double(d - d0) / Double(d1 - d0) * plotW }
        func y(_ v: Double) -> Double { margin.top + (1 - (v - v0) / (v1 - v0)) * plotH }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var origins: [String] = []
        for p in points where !origins.contains(p.2.origin) { origins.append(p.2.origin) }

        var s = "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"figure over time\">"
        s += "<line class=\"axis\" x1=\"\(f(margin.left))\" y1=\"\(f(y(v0)))\" x2=\"\(f(width - margin.right))\" y2=\"\(f(y(v0)))\"/>"
        s += "<line class=\"axis\" x1=\"\(f(margin.left))\" y1=\"\(f(margin.top))\" x2=\"\(f(margin.left))\" y2=\"\(f(y(v0)))\"/>"
        for v in [v0, values.max()!] {
            s += "<text class=\"tick\" x=\"\(f(margin.left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(HTMLEscape.escape(Self.number(v)))</text>"
        }
        let first = Day(dayNumber: days.min()!), last = Day(dayNumber: days.max()!)
        s += "<text class=\"tick\" x=\"\(f(single ? x(first.dayNumber) : margin.left))\" y=\"\(f(height - 12))\""
            + (single ? " text-anchor=\"middle\"" : "") + ">\(first.iso)</text>"
        if last != first {
            s += "<text class=\"tick\" x=\"\(f(width - margin.right))\" y=\"\(f(height - 12))\" text-anchor=\"end\">\(last.iso)</text>"
        }
        let moves = fact.moves.compactMap { m -> (Int, Double)? in m.date.map { ($0.dayNumber, m.value) } }
        if moves.count > 1 {
            let path = moves.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")
            s += "<polyline class=\"moves\" points=\"\(path)\"/>"
        }
        for (day, value, entry) in points {
            let colour = Self.palette[(origins.firstIndex(of: entry.origin) ?? 0) % Self.palette.count]
            let label = "\(entry.date?.iso ?? "") · \(entry.figure ?? Self.number(value)) · \(entry.origin) · \(entry.outlet ?? entry.articleId)"
            s += "<circle class=\"point\" cx=\"\(f(x(day.dayNumber)))\" cy=\"\(f(y(value)))\" r=\"5\" fill=\"\(colour)\">"
            s += "<title>\(HTMLEscape.escape(label))</title></circle>"
        }
        for (i, origin) in origins.prefix(8).enumerated() {
            let lx = margin.left + 10 + Double(i % 4) * 160, ly = margin.top + 4 + Double(i / 4) * 14
            s += "<circle cx=\"\(f(lx))\" cy=\"\(f(ly))\" r=\"4\" fill=\"\(Self.palette[i])\"/>"
            s += "<text class=\"legend\" x=\"\(f(lx + 8))\" y=\"\(f(ly + 4))\">\(HTMLEscape.escape(String(origin.prefix(24))))</text>"
        }
        return s + "</svg>"
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(format: "%.2f", v)
    }
}
