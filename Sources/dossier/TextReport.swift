import DossierCore

/// A report a person reads in a terminal: each claim, who says it and through whom, how
/// firmly, and its figures and dates, each with the offsets to check it.
struct TextReport {
    let extraction: Extraction
    let text: String

    func render() -> String {
        var out: [String] = []
        let e = extraction
        out.append("Document \(e.id ?? "(stdin)") — language \(e.language), \(e.length) characters, \(e.sentences.count) sentences"
                   + (e.published.map { ", published \($0)" } ?? ""))
        if let reason = e.truncation { out.append("⚠ Truncated: \(reason).") }
        out.append("\(e.claims.count) claims, \(e.attributions.count) attributions, \(e.entities.count) entity mentions, \(e.quantities.count) figures, \(e.times.count) dates")
        out.append("")
        for (n, claim) in e.claims.enumerated() {
            out.append("[\(n + 1)] \(claim.text.replacingOccurrences(of: "\n", with: " "))  @\(claim.start)–\(claim.end)")
            var who = "asserted by the outlet"
            if let a = claim.attribution.map({ e.attributions[$0] }) {
                let source = a.source.map { "\"\($0.text)\"" } ?? "(unnamed)"
                let resolved = a.sourceCanonical.map { $0 == a.source?.text ? "" : " = \($0)" } ?? ""
                who = "source \(source)\(resolved) (\(a.sourceKind.rawValue)), cue \"\(a.cue.text)\", \(a.kind.rawValue) speech"
                if let channel = a.channel { who += ", through \"\(channel.text)\"" }
            }
            out.append("    who:       \(who)")
            var firmness = claim.certainty.rawValue.replacingOccurrences(of: "_", with: " ")
            let hedgeWords = claim.hedges.map { "\"\(e.hedges[$0].text)\"" }
            if !hedgeWords.isEmpty { firmness += " — " + hedgeWords.joined(separator: ", ") }
            out.append("    how firm:  \(firmness)")
            if claim.incomplete == true { out.append("    ⚠ cut off: the text stops inside this claim") }
            for q in claim.quantities.map({ e.quantities[$0] }) {
                out.append("    figure:    \"\(q.text)\" = \(Self.describe(q))  @\(q.start)–\(q.end)")
            }
            for t in claim.times.map({ e.times[$0] }) {
                out.append("    date:      \"\(t.text)\" = \(Self.describe(t.value)) (\(t.kind.rawValue))  @\(t.start)–\(t.end)")
            }
            let names = claim.entities.map { e.entities[$0] }.map { m in
                "\(m.canonical ?? m.text) (\(m.type.rawValue)\(m.role.map { ", as \($0)" } ?? ""))"
            }
            if !names.isEmpty { out.append("    mentions:  " + Self.unique(names).joined(separator: "; ")) }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    static func describe(_ q: Quantity) -> String {
        var parts: [String] = []
        if let a = q.approximate { parts.append(a == .near ? "nearly" : "about") }
        if let b = q.bound { parts.append(b == .lower ? "at least" : "at most") }
        if let lo = q.min, let hi = q.max { parts.append("\(number(lo))–\(number(hi))") } else { parts.append(number(q.value)) }
        if let unit = q.unit { parts.append(unit) }
        if let per = q.per { parts.append("per \(per)") }
        if q.vague == true { parts.append("(vague)") }
        return parts.joined(separator: " ")
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    static func describe(_ v: TimeValue) -> String {
        switch v {
        case .date(let s), .duration(let s), .period(let s, _, _): s
        case .range(let start, let end): "\(start ?? "…") to \(end ?? "…")"
        case .unresolved: "unresolved"
        }
    }
}
