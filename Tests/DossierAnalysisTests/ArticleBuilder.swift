import DossierCore
@testable import DossierAnalysis

/// Builds a small article and its extraction from surface strings, so rule tests read
/// like the sentence they test. Offsets are computed (Unicode scalars), never typed.
struct ArticleBuilder {
    var text: String
    var extraction: Extraction
    var metadata: DocumentMetadata
    var nearDuplicateOf: String?

    init(_ id: String, _ text: String, outlet: String, published: String, language: Language = .english,
         duplicateOf: String? = nil) {
        self.text = text
        let day = Day(iso: published)
        extraction = Extraction(id: id, language: language, published: day, length: text.unicodeScalars.count,
                                sentences: [Span(0, text.unicodeScalars.count)])
        metadata = DocumentMetadata(id: id, outlet: outlet, published: day)
        nearDuplicateOf = duplicateOf
    }

    func span(_ surface: String, after: Int = 0) -> Span {
        let scalars = Array(text.unicodeScalars), needle = Array(surface.unicodeScalars)
        var i = after
        while i + needle.count <= scalars.count {
            if Array(scalars[i..<(i + needle.count)]) == needle { return Span(i, i + needle.count) }
            i += 1
        }
        fatalError("'\(surface)' not in '\(text)'")
    }

    @discardableResult
    mutating func entity(_ surface: String, _ type: EntityType, canonical: String? = nil, id: String? = nil,
                         country: String? = nil, media: Bool? = nil) -> Int {
        let after = extraction.entities.last { $0.text == surface }?.end ?? 0
        extraction.entities.append(EntityMention(span: span(surface, after: after), text: surface, type: type,
                                                 canonical: canonical, entityId: id, country: country, isMedia: media))
        return extraction.entities.count - 1
    }

    @discardableResult
    mutating func quantity(_ surface: String, _ value: Double, category: String = "person",
                           approximate: Approximation? = nil, bound: Bound? = nil, vague: Bool? = nil,
                           min: Double? = nil, max: Double? = nil) -> Int {
        extraction.quantities.append(Quantity(span: span(surface), text: surface, kind: .count, value: value,
                                              min: min, max: max, unit: "person", category: category,
                                              approximate: approximate, bound: bound, vague: vague))
        return extraction.quantities.count - 1
    }

    @discardableResult
    mutating func time(_ surface: String, _ value: TimeValue, kind: TimeKind = .date) -> Int {
        extraction.times.append(TimeExpression(span: span(surface), text: surface, kind: kind, value: value))
        return extraction.times.count - 1
    }

    /// An attributed claim whose content is `content`; everything inside it is linked.
    mutating func said(by source: String, canonical: String? = nil, kind: SourceKind = .organisation,
                       sector: String? = nil, cue: String, content: String, certainty: Certainty = .attributed) {
        let a = Attribution(source: Excerpt(span: span(source), text: source), cue: Excerpt(span: span(cue), text: cue),
                            content: Excerpt(span: span(content), text: content), sourceCanonical: canonical,
                            sourceKind: kind, sourceSector: sector, kind: .indirect)
        extraction.attributions.append(a)
        claim(content, attribution: extraction.attributions.count - 1, certainty: certainty)
    }

    /// A claim over `surface` (the outlet's own statement unless an attribution is given).
    mutating func claim(_ surface: String, attribution: Int? = nil, certainty: Certainty = .asserted) {
        let s = span(surface)
        func inside(_ spans: [Span]) -> [Int] { spans.indices.filter { s.contains(spans[$0]) } }
        extraction.claims.append(Claim(span: s, text: surface, attribution: attribution, certainty: certainty,
                                       entities: inside(extraction.entities.map(\.span)),
                                       quantities: inside(extraction.quantities.map(\.span)),
                                       times: inside(extraction.times.map(\.span))))
    }

    var article: AnalyzedArticle {
        AnalyzedArticle(metadata: metadata, extraction: extraction, nearDuplicateOf: nearDuplicateOf)
    }
}

/// "<value> Ruritanian soldiers are in Ostrava", said by `source`: the staple of the rule tests.
func troopReport(_ id: String, outlet: String, published: String, source: String, figure: String, value: Double,
                 place: String = "Ostrava", nationality: String = "Ruritanian", country: String = "Ruritania",
                 approximate: Approximation? = nil, bound: Bound? = nil, when: (String, String)? = nil,
                 certainty: Certainty = .attributed, duplicateOf: String? = nil) -> AnalyzedArticle {
    let tail = when.map { " \($0.0)" } ?? ""
    let content = "\(figure) \(nationality) soldiers were in \(place)\(tail)"
    var b = ArticleBuilder(id, "\(content), \(source) said.", outlet: outlet, published: published, duplicateOf: duplicateOf)
    b.quantity(figure, value, approximate: approximate, bound: bound)
    b.entity(nationality, .nationality, canonical: nationality, country: country)
    b.entity(place, .location)
    if let when { b.time(when.0, .date(when.1)) }
    b.entity(source, .organisation, canonical: source)
    b.said(by: source, canonical: source, cue: "said", content: content, certainty: certainty)
    return b.article
}
