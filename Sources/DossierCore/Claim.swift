/// How firmly a claim is put forward, from the reader's point of view.
public enum Certainty: String, Sendable, Codable, Comparable {
    /// Stated by the outlet itself, with no cue and no hedge.
    case asserted
    /// Put in someone's mouth, without hedging.
    case attributed
    /// Weakened by a hedge or a modal.
    case hedged
    /// Given in the French reporting conditional: the outlet does not vouch for it.
    case reportedConditional = "reported_conditional"
    /// Denied by its source.
    case denied

    private var rank: Int {
        switch self {
        case .asserted: 0
        case .attributed: 1
        case .hedged: 2
        case .reportedConditional: 3
        case .denied: 4
        }
    }

    public static func < (a: Certainty, b: Certainty) -> Bool { a.rank < b.rank }
}

/// A statement the article makes or reports, with everything a fact-checker needs to
/// weigh it: who stands behind it, how firmly, and the names, figures and dates in it.
///
/// Indices point into the arrays of the enclosing `Extraction`, so a claim stays small
/// and the JSON has each mention once.
public struct Claim: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public var text: String
    /// Index into `Extraction.attributions`, or nil when the outlet asserts it itself.
    public var attribution: Int?
    public var certainty: Certainty
    /// True when the claim is (or contains) the source's own quoted words.
    public var direct: Bool
    public var hedges: [Int]
    public var entities: [Int]
    public var quantities: [Int]
    public var times: [Int]
    /// Set when the claim sits in the last sentence of a truncated text: what it announces
    /// may be missing, so it must not be read as complete.
    public var incomplete: Bool?

    public init(span: Span, text: String, attribution: Int? = nil, certainty: Certainty,
                direct: Bool = false, hedges: [Int] = [], entities: [Int] = [],
                quantities: [Int] = [], times: [Int] = []) {
        self.start = span.start
        self.end = span.end
        self.text = text
        self.attribution = attribution
        self.certainty = certainty
        self.direct = direct
        self.hedges = hedges
        self.entities = entities
        self.quantities = quantities
        self.times = times
    }

    public var span: Span { Span(start, end) }
}
