/// How the reported material is given: in the source's own words, paraphrased, or
/// paraphrased with a quoted fragment.
public enum SpeechKind: String, Sendable, Codable {
    case direct, indirect, mixed
}

/// Who a source is, as far as the text lets a reader tell.
public enum SourceKind: String, Sendable, Codable {
    case person, organisation, outlet, anonymous, unknown
}

/// One statement attributed to someone: who says it (source), by which words (cue),
/// what is said (content), and through whom it reached the reader (channel).
///
/// The source is the expression as written ("lui", "l'analyste militaire");
/// `sourceCanonical` is the person or body it refers to ("Ruslan Leviev").
public struct Attribution: Hashable, Sendable, Codable {
    public var source: Excerpt?
    public var cue: Excerpt
    public var content: Excerpt
    public var sourceCanonical: String?
    public var sourceKind: SourceKind
    /// For anonymous sources: government, military, intelligence, diplomatic, unspecified.
    public var sourceSector: String?
    /// True when the source expression denotes several people or bodies.
    public var sourcePlural: Bool?
    public var kind: SpeechKind
    /// An intermediary that relayed the statement ("cité par Reuters"), if named.
    public var channel: Excerpt?
    public var channelCanonical: String?

    public init(source: Excerpt?, cue: Excerpt, content: Excerpt, sourceCanonical: String? = nil,
                sourceKind: SourceKind = .unknown, sourceSector: String? = nil,
                sourcePlural: Bool? = nil, kind: SpeechKind,
                channel: Excerpt? = nil, channelCanonical: String? = nil) {
        self.source = source
        self.cue = cue
        self.content = content
        self.sourceCanonical = sourceCanonical
        self.sourceKind = sourceKind
        self.sourceSector = sourceSector
        self.sourcePlural = sourcePlural
        self.kind = kind
        self.channel = channel
        self.channelCanonical = channelCanonical
    }
}
