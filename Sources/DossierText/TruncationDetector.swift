import DossierCore

/// Decides whether a text was cut off: news feeds and scrapers often deliver articles that
/// stop mid-sentence, and a claim read from a half sentence must be flagged, not trusted.
public struct TruncationDetector: Sendable {
    public init() {}

    /// The reason the text looks truncated, or nil when it ends cleanly.
    public func reason(_ text: NormalizedText, tokens: [Token]) -> String? {
        guard let last = tokens.last else { return nil }
        var openQuotes = 0
        // Scalars, not String ==: comparing every token with a non-ASCII string takes
        // String's slow (canonical-equivalence) path.
        // By index: `for t in tokens` copies (and retains) every token.
        let scalars = text.scalars
        for i in tokens.indices where tokens[i].kind == .punctuation && tokens[i].end - tokens[i].start == 1 {
            let s = scalars[tokens[i].start]
            if s == "«" { openQuotes += 1 } else if s == "»" { openQuotes = max(0, openQuotes - 1) }
        }
        switch last.text {
        case ":":
            return "the text ends on a colon: what it announces is missing"
        case ",", ";", "-", "–", "—", "(", "«":
            return "the text ends on '\(last.text)', mid-sentence"
        case ".", "!", "?", "…", "...", "»", "\"", ")", "'", "]":
            if openQuotes > 0 { return "the text ends inside an open quotation" }
            return nil
        default:
            if last.kind == .punctuation || last.kind == .symbol { return nil }
            // A text never ends on a function word ("and", "que", "the", "de").
            if TextResources.byLanguage.values.contains(where: { $0.stopwords.contains(last.lower) }) {
                return "the text ends mid-sentence, after '\(last.text)'"
            }
            // A single short line (a headline, a caption) need not end with a point.
            if tokens.count <= 12 && Self.lineCount(text.scalars) <= 1 { return nil }
            return "the text ends mid-sentence, after '\(last.text)'"
        }
    }

    /// Non-empty lines, counted without splitting the text into arrays.
    static func lineCount(_ scalars: [Unicode.Scalar]) -> Int {
        var count = 0
        var inLine = false
        for s in scalars {
            if s == "\n" { inLine = false } else if !inLine { inLine = true; count += 1 }
        }
        return count
    }
}
