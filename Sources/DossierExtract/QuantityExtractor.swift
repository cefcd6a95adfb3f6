import DossierCore
import DossierText

/// Finds figures: counts, sums of money, measures, percentages. (Stub: to be written.)
public struct QuantityExtractor: Sendable {
    public init() {}

    public func quantities(in text: AnalyzedText) -> [Quantity] { [] }
}
