import DossierCore

/// The promises every extraction keeps whatever the input, checked in one place so the
/// tests, `dossier fuzz` and anyone embedding Dossier check the same thing: every span
/// lies inside the original text and quotes it exactly, and every index a claim holds
/// points at an item that exists.
public enum ExtractionInvariants {
    /// Human-readable violations, empty when the extraction keeps every promise.
    public static func violations(of extraction: Extraction, text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var problems: [String] = []
        if extraction.length != scalars.count {
            problems.append("length \(extraction.length) but the text has \(scalars.count) scalars")
        }
        func slice(_ start: Int, _ end: Int) -> String? {
            guard 0 <= start, start <= end, end <= scalars.count else { return nil }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<end])
            return String(view)
        }
        func verify(_ start: Int, _ end: Int, _ quoted: String, _ what: String) {
            let actual = slice(start, end)
            if actual != quoted {
                problems.append("\(what) [\(start),\(end)) quotes \(quoted.debugDescription), text has \(actual.debugDescription)")
            }
        }
        for s in extraction.sentences where slice(s.start, s.end) == nil {
            problems.append("sentence [\(s.start),\(s.end)) outside the text")
        }
        for e in extraction.entities { verify(e.start, e.end, e.text, "entity") }
        for q in extraction.quantities { verify(q.start, q.end, q.text, "quantity") }
        for t in extraction.times { verify(t.start, t.end, t.text, "time") }
        for h in extraction.hedges { verify(h.start, h.end, h.text, "hedge") }
        for c in extraction.claims { verify(c.start, c.end, c.text, "claim") }
        for a in extraction.attributions {
            for part in [a.source, a.cue, a.content, a.channel].compactMap({ $0 }) {
                verify(part.start, part.end, part.text, "attribution part")
            }
        }
        for (n, c) in extraction.claims.enumerated() {
            let dangling = c.hedges.contains { !extraction.hedges.indices.contains($0) }
                || c.entities.contains { !extraction.entities.indices.contains($0) }
                || c.quantities.contains { !extraction.quantities.indices.contains($0) }
                || c.times.contains { !extraction.times.indices.contains($0) }
                || c.attribution.map { !extraction.attributions.indices.contains($0) } ?? false
            if dangling { problems.append("claim \(n) refers to an item that does not exist") }
        }
        return problems
    }
}
