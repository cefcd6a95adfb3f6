/// The kind of thing a name refers to, with the CoNLL labels plus NORP (nationalities,
/// religious and political groups) as OntoNotes uses it.
public enum EntityType: String, Sendable, Codable, CaseIterable {
    case person = "PER"
    case organisation = "ORG"
    case location = "LOC"
    case nationality = "NORP"
    case miscellaneous = "MISC"
}

/// One occurrence of a name in a document.
///
/// The span covers the name only ("Koursk" in "la région de Koursk"). `canonical` is the
/// display name of the entity it refers to, the same in every language ("Kursk Oblast"),
/// and `role` says what a place or building stands for when it acts ("le Kremlin" as the
/// Government of Russia).
public struct EntityMention: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public var text: String
    public var type: EntityType
    public var canonical: String?
    /// A stable identifier of the canonical entity, from the knowledge base when known.
    public var entityId: String?
    public var role: String?
    /// For NORP: the country (canonical name) the nationality belongs to.
    public var country: String?
    /// Is this an outlet or agency? Attribution chains treat media sources differently.
    public var isMedia: Bool?
    /// How the mention was found: "kb", "rule", "tagger", "coref".
    public var origin: String?

    public init(span: Span, text: String, type: EntityType, canonical: String? = nil,
                entityId: String? = nil, role: String? = nil, country: String? = nil,
                isMedia: Bool? = nil, origin: String? = nil) {
        self.start = span.start
        self.end = span.end
        self.text = text
        self.type = type
        self.canonical = canonical
        self.entityId = entityId
        self.role = role
        self.country = country
        self.isMedia = isMedia
        self.origin = origin
    }

    public var span: Span {
        get { Span(start, end) }
        set { start = newValue.start; end = newValue.end }
    }
}
