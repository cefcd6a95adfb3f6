import DossierCore
import DossierText

extension SentencePatterns {
    /// "The senator's statement that C", "Moscow's claim that C": a possessive before a
    /// noun that reports, then the complementizer. The content runs to the end of the
    /// clause: where the embedded clause stops inside it cannot be told without a parse.
    mutating func possessivePass() {
        guard !lex.possessives.isEmpty else { return }
        var k = lo + 1
        while k + 2 < hi {
            defer { k += 1 }
            guard has(k, .possessives), !tokens[k].spaceBefore || tokens[k].text == "'s" else { continue }
            // Up to two modifiers: "X's earlier statement that".
            guard let m = (k + 1...min(k + 3, hi - 2)).first(where: { has($0, .statementNouns) }),
                  !(k + 1..<m).contains(where: { isBoundary($0) }),
                  has(m + 1, .complementizers), !used.contains(m) else { continue }
            var s = k
            while s > lo, !isBoundary(s - 1), !has(s - 1, .prepositions) || has(s - 1, .innerPrepositions),
                  k - s < 6, lex.verbForms[tokens[s - 1].lower] == nil { s -= 1 }
            var e = m + 2
            while e < hi, !isBoundary(e) { e += 1 }
            guard s < k, let source = sourcePhrase(s, k), let c = content(m + 2, e) else { continue }
            add(AttributionCandidate(source: source, cue: span(m, m + 2), content: c.0, kind: c.1), cueTokens: m..<(m + 2))
            k = e
        }
    }
}
