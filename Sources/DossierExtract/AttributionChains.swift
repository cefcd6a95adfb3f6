import DossierCore
import DossierText

extension SentencePatterns {
    /// "Comme le rapporte Y, X a dit que C", "As reported by Y, X said C", "Selon Y, X
    /// affirme que C": the phrase's source relayed what X says, so it becomes the channel
    /// of X's attribution rather than a second source of the same words.
    mutating func relayPhrases() {
        var drop: Set<Int> = []
        for p in found.indices where found[p].viaPhrase {
            guard let relay = found[p].source else { continue }
            let outer = found[p].content
            guard let v = found.indices.first(where: { v in
                v != p && !found[v].viaPhrase && found[v].channel == nil
                    && (found[v].source.map { outer.contains($0) } ?? false) && outer.contains(found[v].cue)
            }) else { continue }
            found[v].channel = relay
            drop.insert(p)
        }
        found = found.indices.filter { !drop.contains($0) }.map { found[$0] }
    }

    /// "De source policière, on indique que C": the impersonal "on" says nothing about
    /// who speaks; the source phrase does. The verb's content replaces the phrase's.
    mutating func mergeImpersonal() {
        var drop: Set<Int> = []
        for v in found.indices where !found[v].viaPhrase {
            guard let s = found[v].source, isImpersonal(s) else { continue }
            guard let p = found.indices.first(where: { found[$0].viaPhrase && found[$0].content.contains(found[v].content) })
            else { continue }
            found[p].content = found[v].content
            found[p].kind = found[v].kind
            drop.insert(v)
        }
        found = found.indices.filter { !drop.contains($0) }.map { found[$0] }
    }

    func isImpersonal(_ s: Span) -> Bool {
        // The first token ending after the span's start, by bisection (token ends grow):
        // a scan from the sentence's first token per call was quadratic in a sentence
        // holding thousands of quotes (`dossier stress`: 100 000 → 200 000 quotes took
        // 4.4× as long).
        var k = lo, upper = hi
        while k < upper {
            let mid = (k + upper) / 2
            if tokens[mid].end <= s.start { k = mid + 1 } else { upper = mid }
        }
        guard k < hi, tokens[k].end >= s.end else { return false }
        let w = tokens[k].start == s.start ? tokens[k].lower : String(WordShape.afterLastHyphen(tokens[k].lower) ?? "")
        return lex.pronouns[w]?.person == 0
    }

    /// "…, a-t-on appris auprès de la préfecture", "On a appris de source policière que
    /// C": what "on" learned from X, X said.
    mutating func learnedPass() {
        guard !lex.learnForms.isEmpty else { return }
        var j = lo
        while j < hi {
            defer { j += 1 }
            guard !used.contains(j), has(j, .learnForms) else { continue }
            var start = j
            if j - 1 >= lo, has(j - 1, .aux) || splitInverted(j - 1).map({ lex.aux.contains($0.head) }) == true {
                start = j - 1
            }
            // The one who learned is "on": inverted ("a-t-on") or before the verb.
            let inverted = splitInverted(start) != nil
                && WordShape.afterLastHyphen(tokens[start].lower).map { lex.pronouns[String($0)]?.person == 0 } == true
            let before = start - 1 >= lo && lex.pronouns[tokens[start - 1].lower]?.person == 0
            guard inverted || before else { continue }
            guard let n = lex.sourceMarkers.contains(tokens, at: j + 1, end: hi) else { continue }
            let from = j + 1 + n
            var e = from
            while e < hi, !isBoundary(e), !has(e, .complementizers) { e += 1 }
            guard e > from, let source = sourcePhrase(from, e) else { continue }
            let cueEnd = (e < hi && has(e, .complementizers)) ? e + 1 : from
            var c: (Span, SpeechKind)? = nil
            if cueEnd > from {
                c = content(cueEnd, hi)
            } else if before == false, start - 1 >= lo, isComma(start - 1) || isClosingQuote(start - 1) {
                c = inciseContent(endingAt: quoteBefore(start - 1))
            }
            guard let content = c else { continue }
            add(AttributionCandidate(source: source, cue: span(start, max(cueEnd, from)), content: content.0,
                                     kind: content.1), cueTokens: start..<max(cueEnd, from))
            j = e
        }
    }
}

extension SentencePatterns {
    /// "Hamas claimed to have destroyed two tanks, Al Jazeera reported": the inner
    /// statement's content stops where the outer one's (which holds it) stops, before
    /// the incise that reports it.
    mutating func cutBeforeIncises() {
        for a in found.indices {
            for b in found.indices where b != a {
                let outer = found[b].content
                guard outer.contains(found[a].cue), found[a].content.contains(found[b].cue),
                      found[a].content.start < outer.end, found[a].content.end > outer.end else { continue }
                let startToken = text(atOrAfter: found[a].content.start)
                let endToken = text(atOrAfter: outer.end)
                if let c = content(startToken, endToken) { found[a].content = c.0; found[a].kind = c.1 }
            }
        }
    }
}

extension SentencePatterns {
    /// "« Beijing believes its intervention is necessary », he said": a cue inside a
    /// direct quotation is the speaker's own wording, not a second attribution.
    mutating func dropInsideQuotes() {
        let quoted = found.filter { $0.kind == .direct }.map(\.content)
        guard !quoted.isEmpty else { return }
        found.removeAll { c in quoted.contains { $0.contains(c.cue) && $0 != c.content } }
    }
}
