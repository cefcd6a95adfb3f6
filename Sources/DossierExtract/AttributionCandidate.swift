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

    /// For each token index of the range (from `base`), the closing index of the innermost
    /// quotation around it, or -1: computed once, since scanning every quote for every
    /// verb was quadratic on text made of quotation marks.
    private var innermostClose: [Int] = []
    private var base = 0

    init(_ tokens: [Token], _ range: Range<Int>) {
        var stack: [Int] = []
        var straightOpen: Int? = nil
        var isGuillemet: Set<Int> = []
        for i in range {
            switch QuoteMap.mark(tokens[i]) {
            case QuoteMap.opening: stack.append(i)
            case QuoteMap.closing:
                if let o = stack.popLast() { openOf[i] = o; closeOf[o] = i; isGuillemet.insert(o) }
            case QuoteMap.straight:
                if let o = straightOpen { openOf[i] = o; closeOf[o] = i; straightOpen = nil } else { straightOpen = i }
            default: break
            }
        }
        // Each family (« » and straight quotes) nests properly, so a stack sweep finds its
        // innermost pair around each token; the two families may cross, so keep the nearer.
        base = range.lowerBound
        innermostClose = Array(repeating: -1, count: range.count)
        guard !closeOf.isEmpty else { return }  // most sentences quote nobody
        for guillemets in [true, false] {
            var open: [Int] = []  // closing indices of the pairs open here
            for i in range {
                while let c = open.last, c <= i { open.removeLast() }
                if let c = open.last, innermostClose[i - base] < 0 || c < innermostClose[i - base] {
                    innermostClose[i - base] = c
                }
                if let c = closeOf[i], isGuillemet.contains(i) == guillemets { open.append(c) }
            }
        }
    }

    /// The closing index of the innermost quotation opened before token `i` and closed
    /// after it, if any.
    func enclosingClose(_ i: Int) -> Int? {
        let k = i - base
        guard k >= 0, k < innermostClose.count, innermostClose[k] >= 0 else { return nil }
        return innermostClose[k]
    }

    func isQuoteMark(_ t: Token) -> Bool { QuoteMap.mark(t) != 0 }

    static let opening: UInt8 = 1, closing: UInt8 = 2, straight: UInt8 = 3

    /// Which quotation mark a token is (`opening` «, `closing` », `straight` "), or 0.
    /// Compares UTF-8 bytes: `==` against a non-ASCII literal takes String's slow
    /// canonical-equivalence path, and this runs for every token of every sentence.
    @inline(__always) static func mark(_ t: Token) -> UInt8 {
        let u = t.text.utf8
        switch u.count {
        case 1: return u.first == 0x22 ? straight : 0
        case 2:
            guard u.first == 0xC2 else { return 0 }
            let second = u[u.index(after: u.startIndex)]
            return second == 0xAB ? opening : second == 0xBB ? closing : 0
        default: return 0
        }
    }
}
