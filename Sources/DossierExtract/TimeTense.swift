import DossierCore
import DossierText

/// Reads the tense around a date the way a news reader does, to place "mardi" or "le 20
/// janvier" in the past or the future: the tense cue (auxiliary, future or imperfect
/// ending, "will", "was"…) nearest to the date in its sentence decides; without one the
/// resolver takes the nearest occurrence. Cues are data (`time-tense.tsv`).
struct TimeTense {
    let tokens: [Token]
    let lexicon: TimeLexicon

    func lean(sentence: Range<Int>, expression: Range<Int>) -> TimeLean {
        var left = expression.lowerBound - 1
        var right = expression.upperBound
        while left >= sentence.lowerBound || right < sentence.upperBound {
            if left >= sentence.lowerBound {
                if let l = cue(left) { return l }
                left -= 1
            }
            if right < sentence.upperBound {
                if let l = cue(right) { return l }
                right += 1
            }
        }
        return .nearest
    }

    func cue(_ i: Int) -> TimeLean? {
        let t = tokens[i]
        guard t.kind == .word else { return nil }
        if let list = lexicon.phrases[t.lower] {
            for p in list where p.tokens.count == 1 {
                if p.entry.role == .pastCue { return .past }
                if p.entry.role == .futureCue { return .future }
                // "est arrivé", "sont parties": an auxiliary before a participle.
                if p.entry.role == .auxiliary, i + 1 < tokens.count, tokens[i + 1].kind == .word {
                    let next = tokens[i + 1].lower
                    if lexicon.participleSuffixes.contains(where: { TimeLexicon.endsWith(next, $0) }) { return .past }
                }
            }
        }
        // Suffix cues only on lowercase words long enough not to be short function words.
        guard !t.isCapitalized, t.lower.unicodeScalars.count >= 5 else {
            if TimeLexicon.endsWith(t.lower, "'ll") { return .future }
            return nil
        }
        for s in lexicon.futureSuffixes where TimeLexicon.endsWith(t.lower, s) { return .future }
        for s in lexicon.pastSuffixes where TimeLexicon.endsWith(t.lower, s) { return .past }
        return nil
    }
}
