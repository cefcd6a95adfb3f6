import DossierCore
import DossierText

/// Turns sentences, attributions and hedges into claims: what the article states, who
/// stands behind each statement, and how firmly.
///
/// An attributed statement's claim is its reported content; a sentence that carries no
/// attribution is asserted by the outlet itself. Certainty is the weakest marker that
/// applies: a denial beats a reporting conditional, which beats a hedge, which beats a
/// plain attribution.
public struct ClaimBuilder: Sendable {
    public init() {}

    /// All inputs in one coordinate system (the builder never looks at offsets' origin).
    public func claims(sentences: [Span], attributions: [Attribution], hedges: [Hedge],
                       entities: [EntityMention], quantities: [Quantity], times: [TimeExpression],
                       text: (Span) -> String) -> [Claim] {
        var claims: [Claim] = []
        var covered: [Span] = []
        for (index, attribution) in attributions.enumerated() {
            let span = attribution.content.span
            covered.append(span)
            covered.append(attribution.cue.span)
            if let source = attribution.source { covered.append(source.span) }
            claims.append(makeClaim(span, attribution: index, kind: attribution.kind,
                                    cue: attribution.cue.span, hedges: hedges, entities: entities, quantities: quantities,
                                    times: times, text: text))
        }
        for sentence in sentences {
            // A sentence mostly taken by attributions is not asserted again by the outlet.
            let inside = covered.filter { $0.overlaps(sentence) }
                .reduce(0) { $0 + min($1.end, sentence.end) - max($1.start, sentence.start) }
            if inside * 2 >= sentence.length { continue }
            claims.append(makeClaim(sentence, attribution: nil, kind: nil, cue: nil, hedges: hedges,
                                    entities: entities, quantities: quantities, times: times, text: text))
        }
        return claims.sorted { $0.span < $1.span }
    }

    private func makeClaim(_ span: Span, attribution: Int?, kind: SpeechKind?, cue: Span?, hedges: [Hedge],
                           entities: [EntityMention], quantities: [Quantity], times: [TimeExpression],
                           text: (Span) -> String) -> Claim {
        func inside(_ s: Span) -> Bool { span.contains(s) }
        // A hedge governs the claim it sits in, or the clause it introduces right before it
        // ("il semblerait que C": the hedge ends where C begins).
        // A denial or a reporting conditional in the cue itself ("a démenti que C",
        // "aurait affirmé que C", "denied that C") qualifies C as firmly as one inside it;
        // a plain hedge in the cue ("a semblé dire") is rare and left to the clause.
        let hedgeIndices = hedges.indices.filter { h in
            let hedge = hedges[h]
            if inside(hedge.span) || (hedge.end <= span.start && span.start - hedge.end <= 2) { return true }
            guard let cue, hedge.span.overlaps(cue) else { return false }
            return hedge.kind == .denial || hedge.kind == .conditional
        }
        var certainty: Certainty = attribution == nil ? .asserted : .attributed
        for h in hedgeIndices {
            switch hedges[h].kind {
            case .denial: certainty = max(certainty, .denied)
            case .conditional: certainty = max(certainty, .reportedConditional)
            case .hedge, .modal: certainty = max(certainty, .hedged)
            }
        }
        return Claim(span: span, text: text(span), attribution: attribution, certainty: certainty,
                     direct: kind == .direct || kind == .mixed, hedges: hedgeIndices,
                     entities: entities.indices.filter { inside(entities[$0].span) },
                     quantities: quantities.indices.filter { inside(quantities[$0].span) },
                     times: times.indices.filter { inside(times[$0].span) })
    }
}
