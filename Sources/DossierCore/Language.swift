/// A language Dossier knows how to read, by ISO 639-1 code.
///
/// `und` (undetermined) is a real answer: the language identifier says it when the
/// text is too short or in a language Dossier has no resources for, and extractors then
/// fall back to language-neutral rules (digits, symbols) instead of guessing.
public struct Language: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }
    public init(_ code: String) { self.init(rawValue: code) }

    public static let french = Language("fr")
    public static let english = Language("en")
    public static let undetermined = Language("und")

    /// The languages Dossier was first written for; the text layer's `LanguageCatalog`
    /// lists those that actually ship resource folders.
    public static let supported: [Language] = [.french, .english]

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
