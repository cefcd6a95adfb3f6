import DossierCore
import DossierText

/// Finds who says what: source, cue, content, and resolves the source to a name.
/// (Stub: to be written.)
public struct AttributionExtractor: Sendable {
    public init() {}

    /// Attributions with spans in normalised coordinates. `entities` are the document's
    /// mentions (normalised coordinates) so that sources can be resolved to names.
    public func attributions(in text: AnalyzedText, entities: [EntityMention]) -> [Attribution] { [] }
}
