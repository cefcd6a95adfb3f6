import DossierCore
import DossierText

/// Finds dates, ranges and durations and resolves them against the publication date.
/// (Stub: to be written.)
public struct TimeExtractor: Sendable {
    public init() {}

    public func times(in text: AnalyzedText, published: Day?) -> [TimeExpression] { [] }
}
