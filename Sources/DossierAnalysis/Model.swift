import DossierCore

/// One article as the analysis receives it: where it came from, what was extracted, and
/// whether a deduplication step found it to be a copy of another (a wire story reprinted).
public struct AnalyzedArticle: Hashable, Sendable, Codable {
    public var metadata: DocumentMetadata
    public var extraction: Extraction
    /// The id of the article this one nearly duplicates, so its reports count as echoes.
    public var nearDuplicateOf: String?

    public init(metadata: DocumentMetadata, extraction: Extraction, nearDuplicateOf: String? = nil) {
        self.metadata = metadata
        self.extraction = extraction
        self.nearDuplicateOf = nearDuplicateOf
    }

    /// The article's id: the metadata's, else the extraction's, else empty.
    public var id: String { metadata.id ?? extraction.id ?? "" }
    public var published: Day? { metadata.published ?? extraction.published }
}

/// Tunable thresholds, grouped so that a run states what it used.
public struct AnalysisOptions: Hashable, Sendable, Codable {
    /// Two reports with no time expression describe the same state of affairs when
    /// published within this many days of each other.
    public var sameStateWindowDays: Int = 7
    /// Relative tolerance of "about"/"environ" figures.
    public var aboutTolerance: Double = 0.15
    /// Relative tolerance of "nearly"/"près de" figures (below the value).
    public var nearTolerance: Double = 0.10
    /// Relative tolerance of a figure given as exact: news figures are rounded.
    public var exactTolerance: Double = 0.02
    /// Minimum score for two figure-less statements to be the same fact.
    public var statementThreshold: Double = 0.6

    public init() {}
}

/// The closed interval a reported figure allows, after its qualifiers.
public struct ValueRange: Hashable, Sendable, Codable {
    public var low: Double
    /// nil when the figure is only a lower bound ("at least 10 000").
    public var high: Double?

    public init(low: Double, high: Double?) {
        self.low = Self.tidy(low)
        self.high = high.map(Self.tidy)
    }

    /// Tolerances are products of binary fractions (11 000 × 1.15 = 12 649.999999999998):
    /// rounded to a millionth, so reports, JSON and the page show "12650".
    static func tidy(_ v: Double) -> Double {
        guard v.isFinite, abs(v) < 1e12 else { return v }
        return (v * 1_000_000).rounded() / 1_000_000
    }

    public func overlaps(_ other: ValueRange) -> Bool {
        (high ?? .infinity) >= other.low && (other.high ?? .infinity) >= low
    }

    public var description: String {
        func f(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
        guard let high else { return "≥\(f(low))" }
        return low == high ? f(low) : "\(f(low))–\(f(high))"
    }
}

/// The stretch of time a report is about, inclusive, with how it was decided.
public struct Period: Hashable, Sendable, Codable {
    public var start: Day
    public var end: Day
    /// "time expression 'en mars'" or "publication date ± window".
    public var basis: String

    public func overlaps(_ other: Period) -> Bool { start <= other.end && other.start <= end }
}

/// How the origin of a report was decided.
public enum OriginRule: String, Hashable, Sendable, Codable {
    /// The attribution's source, resolved to an entity or a canonical name.
    case attributedSource = "attributed_source"
    /// An anonymous source, kept apart per outlet.
    case anonymousSource = "anonymous_source"
    /// The source is a media outlet whose own report in the corpus names the origin.
    case tracedThroughMedia = "traced_through_media"
    /// The outlet asserts it itself: its own reporting.
    case ownReporting = "own_reporting"
    /// The article is a near-duplicate: the original's outlet is the origin.
    case nearDuplicate = "near_duplicate"
}

/// One article's statement of a fact, with its full chain: source → channel → outlet.
public struct Report: Hashable, Sendable, Codable {
    public var articleId: String
    public var outlet: String?
    public var published: Day?
    public var language: Language
    public var claimIndex: Int
    public var quantityIndex: Int?
    public var claimText: String
    /// The figure as written ("au moins 10 000 soldats").
    public var figure: String?
    public var value: Double?
    public var range: ValueRange?
    public var certainty: Certainty
    public var source: String?
    public var sourceKind: SourceKind?
    public var channel: String?
    /// Who to whom: source, channel, outlet, the ones that are known.
    public var chain: [String]
    public var origin: String
    public var originKey: String
    public var originRule: OriginRule
    public var nearDuplicateOf: String?
    public var period: Period?
    public var matchScore: Double
    public var matchReason: String
}

/// What a quantity fact counts, where and whose: the blocking key of figure claims.
public struct FactKey: Hashable, Sendable, Codable {
    /// "category:person unit:person" and the like.
    public var what: String
    /// The class of the counted thing ("military", "killed"), when known.
    public var thing: String?
    /// Resolved names of the actors the count belongs to: the country of a nationality,
    /// else non-media organisations.
    public var whose: [String]
    /// Resolved names of the places.
    public var places: [String]

    public var string: String {
        "\(what)#\(thing ?? "")#\(whose.joined(separator: ","))#\(places.joined(separator: ","))"
    }
}

public enum FactKind: String, Hashable, Sendable, Codable {
    /// A figure: matched on its key.
    case quantity
    /// A statement without a usable figure: matched on shared entities and words.
    case statement
}

/// One independent origin of a fact and the reports that go back to it.
public struct OriginGroup: Hashable, Sendable, Codable {
    public var key: String
    public var name: String
    public var rule: OriginRule
    public var reports: Int
    public var firstSeen: Day?
    public var outlets: [String]
}

/// A later figure from the same origin: an update, not a contradiction.
public struct Update: Hashable, Sendable, Codable {
    public var origin: String
    public var from: Report
    public var to: Report
}

public enum ContradictionKind: String, Hashable, Sendable, Codable {
    /// Figures whose allowed ranges do not meet, for the same period.
    case incompatibleValues = "incompatible_values"
    /// One origin states it, another denies it.
    case denial
    /// One origin quoted with incompatible figures the same day: someone misquotes it.
    case inconsistentEcho = "inconsistent_echo"
}

/// Two reports of one fact that cannot both hold, each with its full chain.
public struct Contradiction: Hashable, Sendable, Codable {
    public var factId: String
    public var kind: ContradictionKind
    public var a: Report
    public var b: Report
    public var reason: String
}

/// One step of a fact's timeline.
public struct TimelineEntry: Hashable, Sendable, Codable {
    public var date: Day?
    public var articleId: String
    public var outlet: String?
    public var origin: String
    public var figure: String?
    public var value: Double?
    public var claimText: String
}

/// A point where the reported figure changed, and who changed it.
public struct FigureMove: Hashable, Sendable, Codable {
    public var date: Day?
    public var value: Double
    public var figure: String
    public var origin: String
    public var outlet: String?
}

/// Claims across articles and languages that state the same fact.
public struct Fact: Hashable, Sendable, Codable {
    public var id: String
    public var kind: FactKind
    public var key: FactKey?
    /// A readable description of what the fact is about.
    public var label: String
    public var reports: [Report]
    public var origins: [OriginGroup]
    public var independentOrigins: Int
    public var echoes: Int
    /// "3 independent origins (A, B, C), 11 echoes".
    public var summary: String
    public var updates: [Update]
    public var contradictions: [Contradiction]
    public var timeline: [TimelineEntry]
    public var moves: [FigureMove]
}

/// Everything the cross-article analysis found.
public struct Analysis: Hashable, Sendable, Codable {
    public var entities: [ResolvedEntity]
    public var facts: [Fact]
    public var contradictions: [Contradiction]
    /// For each article (input order), the resolved entity index of each mention.
    public var mentionEntities: [[Int]]
}
