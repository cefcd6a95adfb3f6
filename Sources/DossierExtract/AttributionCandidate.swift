import DossierCore
import DossierText

/// An attribution found by the patterns, before its source is resolved: spans only.
struct AttributionCandidate: Sendable {
    var source: Span?
    /// For a pronoun inside an inverted verb ("a-t-il"), the pronoun's own span.
    var cue: Span
    var content: Span
    var kind: SpeechKind
    var channel: Span?
    /// The apposition describing the source ("fondateur de CIT" in "X, fondateur de CIT,
    /// affirme"), remembered so later descriptions can be resolved to the same person.
    var apposition: Span?
    /// Found by the gerund pattern ("…, ajoutant que C"): what precedes it in the
    /// sentence is another statement, whose content must stop before it.
    var gerund = false
    /// Found by a source phrase ("selon X", "comme le rapporte X"), not a verb: such a
    /// source may be the relay of a verb's source inside its content.
    var viaPhrase = false
}

/// The verb group of a reporting cue: "a affirmé", "rappelle également", "a-t-il dit".
struct VerbGroup {
    /// First and one-past-last token of the group.
    var start: Int
    var end: Int
    var form: VerbForm
    /// The pronoun of an inverted form ("dit-il"), as a span inside its token.
    var invertedPronoun: Span?
    var hasAux: Bool
}

/// Quote pairs of one sentence, so patterns can ask whether a span is exactly a quote.
struct QuoteMap {
    /// closing token index → opening token index, and the reverse.
    var openOf: [Int: Int] = [:]
    var closeOf: [Int: Int] = [:]

    init(_ tokens: [Token], _ range: Range<Int>) {
        var stack: [Int] = []
        var straightOpen: Int? = nil
        for i in range {
            switch tokens[i].text {
            case "«": stack.append(i)
            case "»":
                if let o = stack.popLast() { openOf[i] = o; closeOf[o] = i }
            case "\"":
                if let o = straightOpen { openOf[i] = o; closeOf[o] = i; straightOpen = nil } else { straightOpen = i }
            default: break
            }
        }
    }

    func isQuoteMark(_ t: Token) -> Bool { t.text == "«" || t.text == "»" || t.text == "\"" }
}
