import DossierCore
import DossierText

/// Finds hedges, reporting conditionals, modals and denials. (Stub: to be written.)
public struct HedgeDetector: Sendable {
    public init() {}

    public func hedges(in text: AnalyzedText) -> [Hedge] { [] }
}
