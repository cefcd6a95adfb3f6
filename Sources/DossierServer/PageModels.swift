import DossierAnalysis
import DossierCore
import Foundation

/// What the article template shows: the highlighted text, the counts per kind (the
/// legend), and each claim with its chain (source → channel → outlet) and certainty.
struct ArticleView {
    var text: String
    var extraction: Extraction
    var outlet: String?

    func context() -> [String: Any] {
        let x = extraction
        let highlighter = ArticleHighlighter()
        let body = highlighter.render(text: text, marks: highlighter.marks(of: x))
        let claims = x.claims.enumerated().map { i, c -> [String: Any] in
            var chain: [String] = []
            var cue = "", kind = "", sourceKind = ""
            if let a = c.attribution.flatMap({ x.attributions.indices.contains($0) ? x.attributions[$0] : nil }) {
                chain.append(a.sourceCanonical ?? a.source?.text ?? "(unnamed source)")
                if let channel = a.channelCanonical ?? a.channel?.text { chain.append(channel) }
                cue = a.cue.text
                kind = a.kind.rawValue
                sourceKind = a.sourceKind.rawValue + (a.sourceSector.map { ", \($0)" } ?? "")
            }
            chain.append(outlet ?? "the outlet")
            let hedges = c.hedges.compactMap { x.hedges.indices.contains($0) ? "\(x.hedges[$0].text) (\(x.hedges[$0].kind.rawValue))" : nil }
            return [
                "index": i, "text": c.text, "certainty": c.certainty.rawValue, "direct": c.direct,
                "chain": chain.joined(separator: " → "), "cue": cue, "speech": kind, "source_kind": sourceKind,
                "hedges": hedges.joined(separator: "; "), "incomplete": c.incomplete == true,
                "figures": c.quantities.compactMap { x.quantities.indices.contains($0) ? x.quantities[$0].text : nil }.joined(separator: "; "),
                "dates": c.times.compactMap { x.times.indices.contains($0) ? x.times[$0].text : nil }.joined(separator: "; "),
            ]
        }
        let legend: [[String: Any]] = [
            ("entity", "entities", x.entities.count), ("quantity", "figures", x.quantities.count),
            ("time", "dates", x.times.count), ("source", "sources", x.attributions.filter { $0.source != nil }.count),
            ("cue", "cues", x.attributions.count), ("channel", "channels", x.attributions.filter { $0.channel != nil }.count),
            ("hedge", "hedges", x.hedges.count),
        ].map { ["kind": $0.0, "label": $0.1, "count": $0.2] }
        return [
            "body": body, "claims": claims, "legend": legend, "claim_count": x.claims.count,
            "language": x.language.rawValue, "published": x.published?.iso ?? "",
            "truncated": x.truncated, "truncation": x.truncation ?? "", "warnings": x.warnings,
        ]
    }
}

/// What the fact template shows: every report (value, qualifier, origin, channel, outlet,
/// date), which reports are independent origins and which echo one, the contradictions
/// with the reports they involve marked, and the timeline chart.
struct FactView {
    var number: Int
    var fact: Fact
    var analysis: StoreAnalysis

    func context() -> [String: Any] {
        var seenOrigins = Set<String>()
        var contested: [Report: [String]] = [:]
        for (i, c) in fact.contradictions.enumerated() {
            contested[c.a, default: []].append("#\(i + 1)")
            contested[c.b, default: []].append("#\(i + 1)")
        }
        let reports = fact.reports.sorted { ($0.published ?? Day(year: 9999, month: 1, day: 1)) < ($1.published ?? Day(year: 9999, month: 1, day: 1)) }
            .map { r -> [String: Any] in
                // The first report of an origin stands for it; later ones of the same origin echo it.
                let first = seenOrigins.insert(r.originKey).inserted && r.originRule != .nearDuplicate
                let marks = contested[r] ?? []
                return [
                    "figure": r.figure ?? "", "qualifier": qualifier(r), "certainty": r.certainty.rawValue,
                    "origin": r.origin, "rule": r.originRule.rawValue, "channel": r.channel ?? "",
                    "chain": r.chain.joined(separator: " → "), "outlet": r.outlet ?? "", "date": r.published?.iso ?? "",
                    "article": r.articleId, "document": analysis.documentID(ofArticle: r.articleId).map { "\($0)" } ?? "",
                    "claim_index": r.claimIndex, "claim": r.claimText,
                    "role": first ? "origin" : "echo", "contested": !marks.isEmpty, "conflicts": marks.joined(separator: " "),
                ]
            }
        let contradictions = fact.contradictions.enumerated().map { i, c -> [String: Any] in
            ["number": i + 1, "kind": c.kind.rawValue, "reason": c.reason,
             "a": "\(c.a.figure ?? c.a.certainty.rawValue) · \(c.a.origin) · \(c.a.outlet ?? c.a.articleId) \(c.a.published?.iso ?? "")",
             "b": "\(c.b.figure ?? c.b.certainty.rawValue) · \(c.b.origin) · \(c.b.outlet ?? c.b.articleId) \(c.b.published?.iso ?? "")"]
        }
        let origins = fact.origins.map { o -> [String: Any] in
            ["name": o.name, "rule": o.rule.rawValue, "reports": o.reports, "first_seen": o.firstSeen?.iso ?? "",
             "outlets": o.outlets.joined(separator: ", ")]
        }
        return [
            "title": "Fact \(number): \(fact.label)", "number": number, "label": fact.label, "summary": fact.summary,
            "kind": fact.kind.rawValue, "id": fact.id,
            "report_count": fact.reports.count, "independent": fact.independentOrigins, "echoes": fact.echoes,
            "reports": reports, "origins": origins, "contradictions": contradictions,
            "has_contradictions": !contradictions.isEmpty,
            "chart": TimelineChart().svg(for: fact) ?? "",
            "moves": fact.moves.map { "\($0.figure) (\($0.origin), \($0.date?.iso ?? "?"))" }.joined(separator: " → "),
        ]
    }

    /// The quantity's own qualifier words ("près de", "at least"), else what its range says.
    func qualifier(_ r: Report) -> String {
        if let qi = r.quantityIndex, let a = analysis.articles.first(where: { $0.id == r.articleId }),
           a.extraction.quantities.indices.contains(qi) {
            let q = a.extraction.quantities[qi]
            if let words = q.qualifier { return words }
            if let b = q.bound { return b == .lower ? "at least" : "at most" }
            if let x = q.approximate { return x == .near ? "nearly" : "about" }
        }
        guard let range = r.range else { return "" }
        if range.high == nil { return "at least" }
        return range.low == range.high ? "" : "range \(range.description)"
    }
}
