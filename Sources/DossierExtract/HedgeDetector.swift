import DossierCore
import DossierText

/// Finds hedges, reporting conditionals, modals and denials.
///
/// Fixed expressions come first (so "il semblerait que" is one hedge, not a
/// conditional), then denial verbs, then the French reporting conditional, recognised
/// by its shape (`HedgeLexicon.looksConditional`) and kept only when it is not
/// hypothetical ("si …, il prendrait") nor a future-in-the-past ("a dit qu'il
/// viendrait"), which are grammar, not doubt.
public struct HedgeDetector: Sendable {
    public init() {}

    public func hedges(in text: AnalyzedText) -> [Hedge] {
        guard let lex = HedgeLexicon.byLanguage[text.language] else { return [] }
        let tokens = text.tokens
        var out: [Hedge] = []
        // Whether a hedge may start at a word, decided once per distinct word of the
        // document (see `WordForms`) instead of hashing and suffix-testing every token.
        let mayStart = text.words.forms.map { lower in
            lex.starts.contains(lower) || WordShape.beforeFirstHyphen(lower) != nil
                || lex.conditionalEndings.contains(where: { WordShape.endsWith(lower, $0) })
        }
        let formIDs = text.words.ids
        for sentence in text.sentences {
            let r = text.tokenRange(in: sentence)
            var i = r.lowerBound
            while i < r.upperBound {
                guard mayStart[Int(formIDs[i])] else {
                    i += 1
                    continue
                }
                if let (length, kind) = expression(lex, tokens, at: i, end: r.upperBound) {
                    out.append(hedge(text, i, i + length, kind))
                    i += length
                    continue
                }
                if let end = denial(lex, tokens, at: i, end: r.upperBound) {
                    out.append(hedge(text, i, end, .denial))
                    i = end
                    continue
                }
                if let end = conditional(lex, tokens, at: i, range: r) {
                    out.append(hedge(text, i, end, .conditional))
                    i = end
                    continue
                }
                i += 1
            }
        }
        return out
    }

    private func hedge(_ text: AnalyzedText, _ a: Int, _ b: Int, _ kind: HedgeKind) -> Hedge {
        let span = Span(text.tokens[a].start, text.tokens[b - 1].end)
        return Hedge(span: span, text: WordShape.text(text.normalized.scalars, span), kind: kind)
    }

    private func expression(_ lex: HedgeLexicon, _ tokens: [Token], at i: Int, end: Int) -> (Int, HedgeKind)? {
        guard let m = lex.expressions.match(tokens, at: i, end: end) else { return nil }
        if m.value == .modal {
            // "May 5", "military might.": a modal is lowercase and governs a verb.
            guard m.length > 1 || tokens[i].text == tokens[i].lower, i + m.length < end,
                  tokens[i + m.length].kind == .word else { return nil }
        }
        return (m.length, m.value)
    }

    /// "dément", "a démenti", "denied", "rejette les accusations".
    private func denial(_ lex: HedgeLexicon, _ tokens: [Token], at i: Int, end: Int) -> Int? {
        var k = i
        let head = WordShape.beforeFirstHyphen(tokens[i].lower).map(String.init)
        if lex.aux.contains(tokens[i].lower) || head.map({ lex.aux.contains($0) }) == true {
            k = i + 1
            guard k < end, let d = lex.denials[tokens[k].lower], d.form.tense == .participle || d.form.tense == .simplePast else {
                return nil
            }
        } else {
            guard lex.denials[tokens[i].lower] != nil else { return nil }
            // After a determiner it is a noun ("le démenti").
            if i > 0, lex.determiners.contains(tokens[i - 1].lower) { return nil }
        }
        guard let d = lex.denials[tokens[k].lower] ?? WordShape.beforeFirstHyphen(tokens[k].lower).flatMap({ lex.denials[String($0)] }) else {
            return nil
        }
        if !d.objects.isEmpty {
            var o = k + 1
            // "disputes that C": a listed object word that is also a determiner is the object.
            if o < end, !d.objects.contains(tokens[o].lower), lex.determiners.contains(tokens[o].lower) { o += 1 }
            guard o < end, d.objects.contains(tokens[o].lower) else { return nil }
        }
        return k + 1
    }

    private func conditional(_ lex: HedgeLexicon, _ tokens: [Token], at i: Int, range: Range<Int>) -> Int? {
        let t = tokens[i]
        guard !lex.conditionalEndings.isEmpty, t.kind == .word else { return nil }
        let word = WordShape.beforeFirstHyphen(t.lower).map(String.init) ?? t.lower
        guard lex.looksConditional(word), !t.isCapitalized || i == range.lowerBound else { return nil }
        if isHypothetical(lex, tokens, at: i, range: range) || isFutureInPast(lex, tokens, at: i, range: range) { return nil }
        var end = i + 1
        if lex.conditionalAux.contains(word) {
            var k = i + 1
            while k < range.upperBound, lex.adverbs.contains(tokens[k].lower) { k += 1 }
            if k < range.upperBound, lex.isParticiple(tokens[k].lower) { end = k + 1 }
            else if i + 1 < range.upperBound, lex.isParticiple(tokens[i + 1].lower) { end = i + 2 }
        }
        return end
    }

    /// "si l'armée attaquait, elle prendrait …", "… prendrait la ville s'il le fallait".
    private func isHypothetical(_ lex: HedgeLexicon, _ tokens: [Token], at i: Int, range: Range<Int>) -> Bool {
        for k in range where k != i {
            guard let n = lex.hypothetical.contains(tokens, at: k, end: range.upperBound) else { continue }
            let next = k + n
            guard next < range.upperBound else { continue }
            // "si" opens a condition when a subject follows, not in "si important".
            let subject = tokens[next]
            if tokens[k].kind == .elision || n > 1 || subject.isCapitalized || subject.kind == .elision
                || lex.determiners.contains(subject.lower) || lex.subjectPronouns.contains(subject.lower) {
                return true
            }
        }
        return false
    }

    /// "a dit qu'il viendrait", "pensait que la guerre durerait".
    private func isFutureInPast(_ lex: HedgeLexicon, _ tokens: [Token], at i: Int, range: Range<Int>) -> Bool {
        var k = range.lowerBound
        while k < i {
            if lex.anchorPastForms.contains(tokens[k].lower) {
                var q = k + 1
                while q < i, q <= k + 3, !lex.complementizers.contains(tokens[q].lower) { q += 1 }
                if q < i, lex.complementizers.contains(tokens[q].lower) {
                    // A participle counts only after its auxiliary; imperfects stand alone.
                    return true
                }
            }
            k += 1
        }
        return false
    }
}
