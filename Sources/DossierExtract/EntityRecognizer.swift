import DossierCore
import DossierText

/// Finds people, organisations, places and nationalities. (Stub: to be written.)
public struct EntityRecognizer: Sendable {
    public init() {}

    /// Mentions with spans in the normalised coordinates of `text`.
    public func mentions(in text: AnalyzedText) -> [EntityMention] { [] }
}
