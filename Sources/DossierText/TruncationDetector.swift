import DossierCore

/// Decides whether a text was cut off: news feeds and scrapers often deliver articles that
/// stop mid-sentence, and a claim read from a half sentence must be flagged, not trusted.
public struct TruncationDetector: Sendable {
    public init() {}

    /// The reason the text looks truncated, or nil when it ends cleanly.
    public func reason(_ text: NormalizedText, tokens: [Token]) -> String? {
        guard let last = tokens.last else { return nil }
        var openQuotes = 0
        for t in tokens {
            if t.text == "«" { openQuotes += 1 } else if t.text == "»" { openQuotes = max(0, openQuotes - 1) }
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
            let lineCount = text.scalars.split(separator: "\n").count
            if lineCount <= 1 && tokens.count <= 12 { return nil }
            return "the text ends mid-sentence, after '\(last.text)'"
        }
    }
}
