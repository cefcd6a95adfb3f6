import DossierCore
import DossierText

extension SentencePatterns {
    /// "X a rejeté l'appel, affirmant que C" / "X rejected the call, saying C": the
    /// gerund's subject is the sentence's subject, named before the comma.
    mutating func gerundPass() {
        var j = lo + 1
        while j < hi {
            defer { j += 1 }
            guard cueStart[j], !used.contains(j), isComma(j - 1),
                  let form = lex.verbForms[tokens[j].lower]?.first(where: { $0.tense == .gerund }),
                  !lex.frameOnlyVerbs.contains(form.lemma) else { continue }
            let k = skipAdverbs(j + 1)
            guard k < hi else { continue }
            var cueEnd = j + 1
            var contentStart: Int
            if has(k, .complementizers) {
                cueEnd = k + 1
                contentStart = k + 1
            } else if tokens[k].text == ":" {
                contentStart = k + 1
            } else if isOpeningQuote(k) || startsClause(k, verb: VerbGroup(start: j, end: j + 1, form: form, invertedPronoun: nil, hasAux: false)) {
                contentStart = k
            } else { continue }
            // "« C », a tranché X, ajoutant que": the speaker just quoted goes on.
            let previous = found.last { $0.cue.end <= tokens[j].start && !$0.viaPhrase }?.source
            guard let source = previous ?? sentenceSubject(before: j - 1), let c = content(contentStart, hi) else { continue }
            var candidate = AttributionCandidate(source: source, cue: span(j, cueEnd), content: c.0, kind: c.1)
            candidate.gerund = true
            add(candidate, cueTokens: j..<cueEnd)
        }
    }

    /// The subject of the sentence: the first named person or body before `end`, or the
    /// noun phrase at the clause start, up to its verb.
    func sentenceSubject(before end: Int) -> Span? {
        var start = clauseStart(lo)
        // "Devant le Conseil, l'accusé nie et déclare": a fronted complement is no subject.
        if start < end, has(start, .prepositions),
           let c = (start + 1..<min(end, start + 8)).first(where: { isComma($0) }) {
            start = clauseStart(c + 1)
        }
        guard start < end else { return nil }
        if let m = names.first(where: { $0.start >= tokens[start].start && $0.end <= tokens[end].start }) {
            return m.span
        }
        var e = start
        var sawName = false
        while e < end, e - start < 8, !isBoundary(e) {
            let t = tokens[e]
            if lex.aux.contains(t.lower) || lex.passive.contains(t.lower) || lex.prepositions.contains(t.lower)
                || (lex.verbForms[t.lower] != nil && e > start) { break }
            // "The company rejected the report": a past verb before an object ends the subject.
            if e > start, !t.isCapitalized, e + 1 < end, lex.pastEndings.contains(where: { WordShape.endsWith(t.lower, $0) }),
               has(e + 1, .determiners) || has(e + 1, .articles)
                || lex.pronouns[tokens[e + 1].lower] != nil { break }
            // English subjects end with their name ("Minister Jane Hill rejected …").
            if !lex.headFirst, sawName, !t.isCapitalized { break }
            if t.isCapitalized, e > start || !lex.determiners.contains(t.lower) { sawName = true }
            e += 1
        }
        return e > start ? sourcePhrase(start, e) : nil
    }

    /// "X a indiqué que C1, ajoutant que C2": C1 stops before the gerund's comma.
    mutating func cutBeforeGerunds() {
        for g in found where g.gerund {
            var k = lo
            while k < hi, tokens[k].start < g.cue.start { k += 1 }
            guard k - 1 >= lo, isComma(k - 1) else { continue }
            let cut = tokens[k - 1].start
            for i in found.indices where !found[i].gerund && found[i].content.start < cut && found[i].content.end > cut {
                var e = k - 1
                while e > lo, tokens[e - 1].end > found[i].content.end { e -= 1 }
                let startToken = text(atOrAfter: found[i].content.start)
                if let c = content(startToken, k - 1) { found[i].content = c.0; found[i].kind = c.1 }
            }
        }
    }

    func text(atOrAfter offset: Int) -> Int {
        var k = lo
        while k < hi, tokens[k].start < offset { k += 1 }
        return k
    }

    /// "…, the newspaper reported, citing officials": the cited party is the source and
    /// the one who reported becomes the channel.
    mutating func citingPass() {
        for index in found.indices {
            guard let source = found[index].source else { continue }
            let after = max(source.end, found[index].cue.end)
            // The first token at or after `after` (binary search: a linear walk from the
            // sentence start per attribution was quadratic in one huge sentence).
            var k = lo, upper = hi
            while k < upper {
                let mid = (k + upper) / 2
                if tokens[mid].start < after { k = mid + 1 } else { upper = mid }
            }
            guard isComma(k), let m = lex.phrases.match(tokens, at: k + 1, end: hi), m.value == .citing else { continue }
            var e = k + 1 + m.length
            while e < hi, !isBoundary(e) { e += 1 }
            guard let cited = sourcePhrase(k + 1 + m.length, e) else { continue }
            found[index].channel = source
            found[index].source = cited
        }
    }
}
