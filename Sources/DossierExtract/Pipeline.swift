import DossierCore
import DossierText

/// The whole extraction: text layer, then every extractor over the same analysed text,
/// then claims; finally every span is mapped back to the original text, so that what a
/// user sees always matches the article as received.
public struct Pipeline: Sendable {
    public var entityRecognizer = EntityRecognizer()
    public var quantityExtractor = QuantityExtractor()
    public var timeExtractor = TimeExtractor()
    public var hedgeDetector = HedgeDetector()
    public var attributionExtractor = AttributionExtractor()
    public var claimBuilder = ClaimBuilder()

    public init() {}

    public func extract(_ document: Document) -> Extraction {
        // utf8.count is O(1) and bounds the scalar count: most texts skip the count.
        if document.text.utf8.count > Self.pieceLimit, document.text.unicodeScalars.count > Self.pieceLimit {
            return extractInPieces(document, limit: Self.pieceLimit)
        }
        return extractWhole(document)
    }

    /// The extraction of a text in one piece (see `extractInPieces` for very long ones).
    func extractWhole(_ document: Document) -> Extraction {
        let analyzed = AnalyzedText(document.text, language: document.language)
        let published = document.metadata.published
        let entities = entityRecognizer.mentions(in: analyzed)
        let quantities = quantityExtractor.quantities(in: analyzed)
        let times = timeExtractor.times(in: analyzed, published: published)
        let hedges = hedgeDetector.hedges(in: analyzed)
        let attributions = attributionExtractor.attributions(in: analyzed, entities: entities)
        var claims = claimBuilder.claims(sentences: analyzed.sentences, attributions: attributions,
                                         hedges: hedges, entities: entities, quantities: quantities,
                                         times: times, text: analyzed.string)
        // The last sentence of a cut-off text may be missing what it announces.
        if analyzed.truncation != nil, let last = analyzed.sentences.last {
            for i in claims.indices where claims[i].span.overlaps(last) { claims[i].incomplete = true }
        }
        let map = OffsetMapper(analyzed.normalized)
        var warnings: [String] = []
        if let reason = analyzed.truncation { warnings.append("truncated: \(reason)") }
        return Extraction(
            id: document.metadata.id,
            language: analyzed.language,
            published: published,
            truncated: analyzed.truncation != nil,
            truncation: analyzed.truncation,
            length: analyzed.normalized.original.count,
            sentences: analyzed.sentences.map(map.span),
            entities: entities.map(map.entity),
            quantities: quantities.map(map.quantity),
            times: times.map(map.time),
            attributions: attributions.map(map.attribution),
            hedges: hedges.map(map.hedge),
            claims: claims.map(map.claim),
            warnings: warnings)
    }
}

/// Rewrites normalised spans as original spans, and each item's text as the original
/// slice, so `text == original[start..<end]` holds for everything Dossier outputs.
struct OffsetMapper {
    let normalized: NormalizedText
    init(_ normalized: NormalizedText) { self.normalized = normalized }

    func span(_ s: Span) -> Span { normalized.originalSpan(s) }

    func excerpt(_ e: Excerpt) -> Excerpt {
        let s = span(e.span)
        return Excerpt(span: s, text: normalized.originalString(s))
    }

    func entity(_ m: EntityMention) -> EntityMention {
        var m = m
        m.span = span(m.span)
        m.text = normalized.originalString(m.span)
        return m
    }

    func quantity(_ q: Quantity) -> Quantity {
        var q = q
        q.span = span(q.span)
        q.text = normalized.originalString(q.span)
        return q
    }

    func time(_ t: TimeExpression) -> TimeExpression {
        var t = t
        t.span = span(t.span)
        t.text = normalized.originalString(t.span)
        return t
    }

    func hedge(_ h: Hedge) -> Hedge {
        let s = span(h.span)
        return Hedge(span: s, text: normalized.originalString(s), kind: h.kind)
    }

    func attribution(_ a: Attribution) -> Attribution {
        var a = a
        a.source = a.source.map(excerpt)
        a.cue = excerpt(a.cue)
        a.content = excerpt(a.content)
        a.channel = a.channel.map(excerpt)
        return a
    }

    func claim(_ c: Claim) -> Claim {
        var c = c
        let s = span(c.span)
        c.start = s.start
        c.end = s.end
        c.text = normalized.originalString(s)
        return c
    }
}
