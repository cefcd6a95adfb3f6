import DossierCore
import DossierText

/// Finds who says what: source, cue, content, and resolves the source to a name.
///
/// Patterns run sentence by sentence (`SentencePatterns`); sources are then resolved in
/// text order (`SourceResolver`), because "lui" or "l'analyste" can only be understood
/// from the sources quoted before them.
public struct AttributionExtractor: Sendable {
    public init() {}

    /// Attributions with spans in normalised coordinates. `entities` are the document's
    /// mentions (normalised coordinates) so that sources can be resolved to names.
    public func attributions(in text: AnalyzedText, entities: [EntityMention]) -> [Attribution] {
        guard let shared = AttributionLexicon.shared[text.language] else { return [] }
        let lex = shared.value
        var candidates: [AttributionCandidate] = []
        let classes = lex.classes(of: text)
        let cueBit = UInt32(1) << AttributionLexicon.WordClass.cueStarts.rawValue
        // By index: `zip(text.tokens, classes)` copied every token (two String retains).
        let tokens = text.tokens
        let cueStart = (0..<min(tokens.count, classes.count)).map { k in
            classes[k] & cueBit != 0 || (tokens[k].kind == .word && WordShape.beforeFirstHyphen(tokens[k].lower) != nil)
        }
        for sentence in text.sentences {
            var patterns = SentencePatterns(text, shared, sentence: sentence, entities: entities, cueStart: cueStart,
                                            classes: classes)
            candidates += patterns.run()
        }
        QuoteContinuation.add(to: &candidates, text: text)
        candidates.sort { ($0.source?.start ?? $0.cue.start, $0.cue.start) < ($1.source?.start ?? $1.cue.start, $1.cue.start) }
        var resolver = SourceResolver(text, lex, entities: entities, contents: candidates.map(\.content), classes: classes)
        let scalars = text.scalars
        return candidates.map { c in
            let r = resolver.resolve(c)
            return Attribution(
                source: c.source.map { Excerpt(span: $0, text: WordShape.text(scalars, $0)) },
                cue: Excerpt(span: c.cue, text: WordShape.text(scalars, c.cue)),
                content: Excerpt(span: c.content, text: WordShape.text(scalars, c.content)),
                sourceCanonical: r.canonical, sourceKind: r.kind, sourceSector: r.sector,
                sourcePlural: r.plural, kind: c.kind,
                channel: c.channel.map { Excerpt(span: $0, text: WordShape.text(scalars, $0)) },
                channelCanonical: c.channel.flatMap { resolver.canonicalName(in: $0) ?? WordShape.text(scalars, $0) })
        }
    }
}
