import DossierCore

/// Why two names were taken as one entity. Every merge is recorded so a reader can
/// challenge it, and undo it with a `ResolutionOverrides.split`.
public enum MergeRule: String, Hashable, Sendable, Codable {
    /// Both carry the same knowledge-base id.
    case sameIdentifier = "same_identifier"
    /// The extractor resolved the mention to this canonical name or id.
    case extractorCanonical = "extractor_canonical"
    /// The names fold to the same key (accents, case, hyphens).
    case sameNormalisedName = "same_normalised_name"
    /// The names meet once place designators are removed ("région de Tarsk" / "Tarsk").
    case designatorStripped = "designator_stripped"
    /// A lone surname in an article whose full name appears in the same article.
    case surnameInArticle = "surname_in_article"
    /// A person asked for it.
    case manual
}

public struct MergeDecision: Hashable, Sendable, Codable {
    public var rule: MergeRule
    public var a: String
    public var b: String
    public var detail: String
}

/// Manual corrections, kept as data so that every later run applies them.
public struct ResolutionOverrides: Hashable, Sendable, Codable {
    public struct Merge: Hashable, Sendable, Codable {
        public var a: String
        public var b: String
        public init(_ a: String, _ b: String) { self.a = a; self.b = b }
    }
    public struct Split: Hashable, Sendable, Codable {
        /// The entity the alias must leave (its display name or any alias), for the record.
        public var entity: String
        public var alias: String
        public init(entity: String, alias: String) { self.entity = entity; self.alias = alias }
    }
    public var merges: [Merge]
    public var splits: [Split]

    public init(merges: [Merge] = [], splits: [Split] = []) {
        self.merges = merges
        self.splits = splits
    }
}

/// One entity across the corpus, with the names it was seen under and why they were joined.
public struct ResolvedEntity: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var type: EntityType
    public var aliases: [String]
    public var entityIds: [String]
    /// For nationalities: the country they belong to.
    public var country: String?
    public var isMedia: Bool
    /// A place or building standing for an actor ("Government of X").
    public var role: String?
    public var mentions: Int
    public var articles: [String]
    public var decisions: [MergeDecision]
}
