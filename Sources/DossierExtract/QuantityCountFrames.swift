import DossierCore
import DossierText

/// What a count-frame phrase does (`count-frames.tsv`).
enum CountFrameRole: String, Sendable {
    /// "the number of X", "le nombre de X": X is what a bare figure of the clause counts.
    case numberOf = "number-of"
    /// "number", "numbered", "au nombre de": the subject noun before it is counted.
    case countVerb = "count-verb"
    /// "rose by", "a augmenté de": the figure after it is a change, not how many there are.
    case change
}

/// News often states a count away from its noun: "puts the number of troops at 12,000",
/// "estime à 12 000 le nombre de soldats", "the troops number 10,000". The cross-article
/// analysis keys facts on the counted noun, so such a figure must carry "troops" the way
/// "12 000 soldats" does. The phrases are data (`count-frames.tsv`); only a figure left
/// bare by the ordinary rules (no unit, currency or noun next to it) is looked at.
extension QuantityScan {
    /// How far back a "the number of X" phrase may start before the figure.
    static let frameReach = 14

    /// Fills `counted`, `lemma`, `category` and the count kind from a frame around the
    /// figure, if one holds. The span stays on the figure: the noun is elsewhere.
    func countFrame(_ f: inout Figure, _ r: NumberReading) {
        guard f.kind == .number, f.counted == nil else { return }
        // "estime à 12 000 le nombre de soldats": the phrase right after the figure.
        var k = f.end
        if k < tokens.count, tokens[k].text == "," { k += 1 }
        if let (role, n) = lex.countFrames.match(tokens, at: k), role == .numberOf,
           adopt(noun: k + n, into: &f) { return }
        // The figure's own start, before any qualifier: "numbered about 3,000".
        var start = f.start
        if let (_, s) = lex.qualifiers.match(tokens, endingBefore: start) { start = s }
        if let (role, s) = lex.countFrames.match(tokens, endingBefore: start) {
            if role == .change { return }
            if role == .countVerb, subject(before: s, into: &f) { return }
        }
        // "the number of troops at 12,000", "le nombre de morts est estimé à 500": the
        // phrase earlier in the clause, with no other figure or sentence end between.
        var p = start - 1
        while p >= 0, p >= start - Self.frameReach {
            let t = tokens[p]
            if t.kind == .number || t.kind == .alphanumeric { return }
            if t.kind == .punctuation, Self.clauseEnds.contains(t.text) { return }
            if let (role, n) = lex.countFrames.match(tokens, at: p), role == .numberOf {
                _ = adopt(noun: p + n, into: &f, before: start)
                return
            }
            p -= 1
        }
    }

    /// "the troops number 10,000": a count verb with a subject before the figure, which
    /// overrides the reference-number context ("number 5").
    func hasCountVerbSubject(_ i: Int) -> Bool {
        var start = i
        if let (_, s) = lex.qualifiers.match(tokens, endingBefore: start) { start = s }
        guard let (role, s) = lex.countFrames.match(tokens, endingBefore: start), role == .countVerb else { return false }
        var probe = Figure(start: i, end: i + 1, value: 2)
        return subject(before: s, into: &probe)
    }

    static let clauseEnds: Set<String> = [".", ";", "!", "?", ":", "«", "»", "\"", "(", ")"]

    /// The counted noun at k (a listed noun, also after adjectives, or an unlisted plural
    /// noun), copied into `f` when it ends before `limit`.
    func adopt(noun k: Int, into f: inout Figure, before limit: Int = Int.max) -> Bool {
        guard k < tokens.count else { return false }
        var probe = Figure(start: k, end: k, value: 2)  // plural, so unlisted nouns must look plural
        attachCounted(at: k, &probe, lookahead: true)
        guard !probe.excluded, probe.counted != nil, probe.end <= limit else { return false }
        f.counted = probe.counted
        f.lemma = probe.lemma
        f.category = probe.category
        f.unit = probe.unit
        f.kind = .count
        return true
    }

    /// The subject of a count verb ending just before token `verb`: a listed noun within a
    /// few words (adjectives, a comma, an auxiliary), or an unlisted plural noun right there.
    func subject(before verb: Int, into f: inout Figure) -> Bool {
        var j = verb - 1
        while j >= 0, j >= verb - 4 {
            let t = tokens[j]
            if t.kind == .punctuation, t.text != "," { return false }
            if t.kind == .word, let (noun, n) = lex.counted.match(tokens, at: j), noun.isNoun, j + n <= verb {
                guard noun.category != "time" else { return false }
                f.counted = text.string(Span(tokens[j].start, tokens[j + n - 1].end))
                f.lemma = noun.lemma
                f.category = noun.category
                f.unit = noun.unit
                f.kind = .count
                return true
            }
            j -= 1
        }
        // "North Korean forces numbered about 3,000": an unlisted plural noun.
        let k = verb - 1
        guard k >= 0, tokens[k].kind == .word, !tokens[k].isCapitalized, lex.counted.match(tokens, at: k) == nil,
              tokens[k].text.unicodeScalars.count >= 4,
              let plural = lex.pluralEndings.first(where: { tokens[k].lower.hasSuffix($0.ending) }) else { return false }
        f.counted = tokens[k].text
        if plural.strip { f.lemma = String(tokens[k].lower.dropLast(plural.ending.count)) }
        f.kind = .count
        return true
    }
}
