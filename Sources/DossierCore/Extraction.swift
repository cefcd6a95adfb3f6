import Foundation

/// Everything Dossier found in one document. Its JSON form is the extraction contract
/// documented in `docs/extraction-schema.md`; `schema` names the version.
public struct Extraction: Hashable, Sendable, Codable {
    /// The schema this value follows; bump when a field changes meaning.
    public static let schemaVersion = "dossier.extraction/1"

    public var schema: String = Extraction.schemaVersion
    public var id: String?
    public var language: Language
    public var published: Day?
    /// Whether the text looks cut off (ends mid-sentence, on a colon, inside a quote).
    public var truncated: Bool
    /// Why the text was judged truncated, for a human.
    public var truncation: String?
    /// Length of the original text in Unicode scalars, so a consumer can check offsets.
    public var length: Int
    public var sentences: [Span]
    public var entities: [EntityMention]
    public var quantities: [Quantity]
    public var times: [TimeExpression]
    public var attributions: [Attribution]
    public var hedges: [Hedge]
    public var claims: [Claim]
    /// Problems with the input that did not stop extraction (repaired bytes, truncation).
    public var warnings: [String]

    public init(id: String? = nil, language: Language, published: Day? = nil,
                truncated: Bool = false, truncation: String? = nil, length: Int,
                sentences: [Span] = [], entities: [EntityMention] = [],
                quantities: [Quantity] = [], times: [TimeExpression] = [],
                attributions: [Attribution] = [], hedges: [Hedge] = [],
                claims: [Claim] = [], warnings: [String] = []) {
        self.id = id
        self.language = language
        self.published = published
        self.truncated = truncated
        self.truncation = truncation
        self.length = length
        self.sentences = sentences
        self.entities = entities
        self.quantities = quantities
        self.times = times
        self.attributions = attributions
        self.hedges = hedges
        self.claims = claims
        self.warnings = warnings
    }
}

/// The one JSON dialect Dossier speaks: snake_case keys, stable key order, no escaped
/// slashes, so that outputs diff cleanly and match the documented contract.
public enum DossierJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty
            ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
