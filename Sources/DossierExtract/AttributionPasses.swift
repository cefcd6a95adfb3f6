import DossierCore
import DossierText

extension SentencePatterns {
    /// "Selon X, C", "C, selon X", "D'après X, C", "According to X, C".
    mutating func phrasePass() {
        var i = lo
        while i < hi {
            guard cueStart[i], let m = lex.phrases.match(tokens, at: i, end: hi) else { i += 1; continue }
            defer { i += m.length }
            if m.value == .not { used.formUnion(i..<(i + m.length)); continue }
            guard m.value == .source || m.value == .namedSource || m.value == .sourceHead else { continue }
            // "de source policière": the phrase's last word is the source's head.
            let cue = i..<(i + m.length - (m.value == .sourceHead ? 1 : 0))
            var e = cue.upperBound
            while e < hi, !isBoundary(e) { e += 1 }
            guard let source = sourcePhrase(cue.upperBound, e) else { continue }
            if m.value == .namedSource, i != clauseStart(lo) || !isComma(e) || !containsPersonName(source) { continue }
            var after = e
            var channelSpan: Span? = nil
            if isComma(e), let (c, ce) = channel(at: e + 1) { channelSpan = c; after = ce }
            if let c = placeContent(before: cue.lowerBound, after: after) {
                var candidate = AttributionCandidate(source: source, cue: span(cue.lowerBound, cue.upperBound), content: c.0,
                                                     kind: c.1, channel: channelSpan)
                candidate.viaPhrase = true
                add(candidate, cueTokens: cue)
            }
        }
    }

    /// A person's name in the span: a recognised person, or (without recognised names)
    /// two capitalised words in a row.
    func containsPersonName(_ s: Span) -> Bool {
        if names.contains(where: { s.contains($0.span) && $0.type == .person }) { return true }
        guard names.isEmpty else { return false }
        var k = lo
        while k + 1 < hi {
            if tokens[k].start >= s.start, tokens[k + 1].end <= s.end, tokens[k].isCapitalized, tokens[k + 1].isCapitalized,
               tokens[k].kind == .word, tokens[k + 1].kind == .word { return true }
            k += 1
        }
        return false
    }

    /// Content for a cue + source group standing at the start of its clause (content
    /// follows the comma) or at its end (content precedes it). In the middle
    /// ("Les troupes, selon X, sont arrivées") the whole clause is reported.
    func placeContent(before cueStart: Int, after sourceEnd: Int) -> (Span, SpeechKind)? {
        let start = clauseStart(lo)
        var before = cueStart
        while before > start, isBoundary(before - 1) { before -= 1 }
        let hasBefore = before > start
        // Without a comma the phrase is a complement ("les prix varient selon la saison").
        if hasBefore, before == cueStart { return nil }
        var afterStart = sourceEnd
        while afterStart < hi, isBoundary(afterStart) { afterStart += 1 }
        let hasAfter = afterStart < hi && content(afterStart, hi) != nil
        switch (hasBefore, hasAfter) {
        case (false, true): return content(afterStart, hi)
        case (true, false): return content(start, before)
        case (true, true):
            // A sentence-initial adverbial before the cue ("Lundi, selon X, C") is part of C.
            return content(start, hi).map { ($0.0, $0.1) }
        default: return nil
        }
    }

    /// "Comme le rapporte X, C", "comme l'a indiqué X, C", "comme il le déclarait, C".
    mutating func asPass() {
        var i = lo
        while i + 2 < hi {
            defer { i += 1 }
            if i + 3 < hi, cueStart[i], has(i, .asWords), let p = lex.pronouns[tokens[i + 1].lower],
               p.person == 3, has(i + 2, .articles),
               let g = verbGroup(at: i + 3, afterArticle: true), g.invertedPronoun == nil {
                var e = g.end
                while e < hi, !isBoundary(e) { e += 1 }
                if let c = placeContent(before: i, after: e) {
                    var candidate = AttributionCandidate(source: span(i + 1, i + 2), cue: span(i, g.end), content: c.0, kind: c.1)
                    candidate.viaPhrase = true
                    add(candidate, cueTokens: i..<g.end)
                    continue
                }
            }
            guard cueStart[i], has(i, .asWords), has(i + 1, .articles),
                  let g = verbGroup(at: i + 2, afterArticle: true), g.invertedPronoun == nil else { continue }
            var e = g.end
            while e < hi, !isBoundary(e) { e += 1 }
            guard let source = sourcePhrase(g.end, e) else { continue }
            var after = e
            var channelSpan: Span? = nil
            if isComma(e), let (c, ce) = channel(at: e + 1) { channelSpan = c; after = ce }
            guard let c = placeContent(before: i, after: after) else { continue }
            var candidate = AttributionCandidate(source: source, cue: span(i, g.end), content: c.0, kind: c.1, channel: channelSpan)
            candidate.viaPhrase = true
            add(candidate, cueTokens: i..<g.end)
        }
    }

    /// Reporting verbs, before or after what they report.
    mutating func verbPass() {
        var j = lo
        while j < hi {
            defer { j += 1 }
            guard !used.contains(j), let g = verbGroup(at: j), !isNegatedOrPassive(g) else { continue }
            if lex.frameOnlyVerbs.contains(g.form.lemma) {
                if preposed(g) { j = g.end - 1 }
                continue
            }
            let b = boundaryBefore(g)
            if (b >= lo && (isComma(b) || isClosingQuote(b))), incise(g) {
                j = g.end - 1
                continue
            }
            if preposed(g) || incise(afterSource: g) { j = g.end - 1 }
        }
    }

    /// The token before a verb group and its object clitics ("…, nous a dit X").
    func boundaryBefore(_ g: VerbGroup) -> Int {
        var b = g.start - 1
        while b > lo, b > g.start - 3, has(b, .clitics), !has(b, .reflexives) { b -= 1 }
        return b
    }

    /// "X affirme que C", "X a déclaré : « C »", "X dit avoir …", "X said (that) C",
    /// "X told reporters that C".
    mutating func preposed(_ g: VerbGroup) -> Bool {
        var k = skipAdverbs(g.end)
        // "She said, however, that C": a parenthetical adverb between commas.
        if isComma(k), let n = lex.adverbs.contains(tokens, at: k + 1, end: hi) ?? lex.connectors.contains(tokens, at: k + 1, end: hi),
           isComma(k + 1 + n) {
            k = k + 2 + n
        }
        // "Y reported, citing X, that C": X is the source, Y the channel.
        var cited: Span? = nil
        if isComma(k), let m = lex.phrases.match(tokens, at: k + 1, end: hi), m.value == .citing {
            var e = k + 1 + m.length
            while e < hi, !isBoundary(e) { e += 1 }
            if isComma(e), e + 1 < hi, let s = sourcePhrase(k + 1 + m.length, e) {
                cited = s
                k = skipAdverbs(e + 1)
            }
        }
        guard k < hi else { return false }
        var cueEnd = g.end
        var contentStart: Int? = nil
        var addressee: Range<Int>? = nil
        if lex.frameOnlyVerbs.contains(g.form.lemma) {
            guard figureFrameStarts(k, lemma: g.form.lemma) else { return false }
            contentStart = k
        } else if has(k, .complementizers) {
            cueEnd = k + 1
            contentStart = k + 1
        } else if tokens[k].text == ":" {
            contentStart = k + 1
        } else if isOpeningQuote(k) || tokens[k].text == "«" {
            // An opening mark never closed in the sentence still opens the quotation.
            contentStart = k
        } else if !lex.infinitiveEndings.isEmpty, !lex.objectVerbs.contains(g.form.lemma), g.invertedPronoun == nil,
                  startsClause(k, verb: g) {
            // "rassure n'avoir envisagé de … qui que ce soit": the infinitive, not a later "que".
            contentStart = k
        } else if let m = (k + 1..<min(hi, k + (lex.addressees.contains(tokens, at: k, end: hi) != nil ? 12 : 8))).first(where: {
                      has($0, .complementizers) || tokens[$0].text == ":" && isOpeningQuote($0 + 1) }),
                  !(k..<m).contains(where: { isBoundary($0) || lex.verbForms[tokens[$0].lower] != nil }) {
            // "a déclaré à l'AFP que", "said in a statement that", "told reporters that".
            contentStart = m + 1
            if lex.objectVerbs.contains(g.form.lemma) || lex.addressees.contains(tokens, at: k, end: m) != nil {
                addressee = k..<m
            }
        } else if figureFrameStarts(k, lemma: g.form.lemma) {
            // "estime désormais à 12 000 le nombre de soldats", "puts the number of troops at 12,000".
            contentStart = k
        } else if let kinds = lex.complementKinds[g.form.lemma], complementStarts(k, kinds) {
            // "claimed to have destroyed", "denied targeting civilians".
            contentStart = k
        } else if lex.objectVerbs.contains(g.form.lemma), let a = namedAddressee(at: k), a < hi, startsClause(a, verb: g) {
            // "told Reuters the meeting had been postponed": a named addressee, then the clause.
            contentStart = a
            addressee = k..<a
        } else if !lex.objectVerbs.contains(g.form.lemma), g.invertedPronoun == nil, startsClause(k, verb: g),
                  lex.bareVerbs.isEmpty || lex.bareVerbs.contains(g.form.lemma) {
            contentStart = k
        }
        // Inside a quotation, the reported clause ends with it.
        let end = quotes.enclosingClose(g.start) ?? hi
        guard let cs = contentStart, cs < end, let c = content(cs, end) else { return false }
        guard let (source, apposition, channelSpan) = preposedSource(before: g.start, inverted: g.invertedPronoun) else {
            return false
        }
        var ch = channelSpan
        if let x = cited {
            // The cue is the verb: the citing phrase between it and "que" is the source.
            add(AttributionCandidate(source: x, cue: span(g.start, g.end), content: c.0, kind: c.1, channel: source),
                cueTokens: g.start..<cueEnd)
            return true
        }
        if ch == nil, let a = addressee {
            let from = a.lowerBound + (lex.addressees.contains(tokens, at: a.lowerBound, end: a.upperBound) ?? 0)
            if from < a.upperBound, tokens[from...].prefix(a.upperBound - from).contains(where: { $0.isCapitalized }) {
                ch = sourcePhrase(from, a.upperBound)
            }
        }
        add(AttributionCandidate(source: source, cue: span(g.start, cueEnd), content: c.0, kind: c.1,
                                 channel: ch, apposition: apposition), cueTokens: g.start..<cueEnd)
        return true
    }

    /// An estimate at `k` for a verb with a figure frame: its preposition followed within
    /// three words by a figure ("à environ 8 000", "at 12,000"), right away or after the
    /// object ("the number of troops in the region at 12,000"), inside the clause. The
    /// estimate is the reported material; without a figure "put" or "évaluer" report nothing.
    func figureFrameStarts(_ k: Int, lemma: String) -> Bool {
        guard let prepositions = lex.figureFrames[lemma] else { return false }
        var i = k
        while i < hi, i - k <= 16, !isBoundary(i) {
            if prepositions.contains(tokens[i].lower),
               (i + 1..<min(hi, i + 4)).contains(where: { tokens[$0].kind == .number }) { return true }
            i += 1
        }
        return false
    }

    /// An infinitive ("to have destroyed") or an -ing form ("targeting") at `k`, when
    /// the verb takes that complement.
    func complementStarts(_ k: Int, _ kinds: Set<String>) -> Bool {
        guard k + 1 < hi, tokens[k].kind == .word, !tokens[k].isCapitalized else { return false }
        let w = tokens[k].lower
        if kinds.contains("to"), lex.infinitiveMarkers.contains(w) { return tokens[k + 1].kind == .word }
        if kinds.contains("ing") { return lex.gerundEndings.contains { WordShape.endsWith(w, $0) && w.unicodeScalars.count >= $0.unicodeScalars.count + 2 } }
        return false
    }

    /// The end of a short capitalised name at `k` ("Reuters", "the BBC"), or of an
    /// audience ("reporters", "the court"), or nil.
    func namedAddressee(at k: Int) -> Int? {
        if let n = lex.audience.contains(tokens, at: k, end: hi) { return k + n }
        var e = k
        if e < hi, has(e, .articles) || has(e, .determiners) { e += 1 }
        let start = e
        while e < hi, e - start < 3, tokens[e].kind == .word, tokens[e].isCapitalized { e += 1 }
        return e > start ? e : nil
    }

    /// Does a reported clause start at `k` without a complementizer? French: an
    /// infinitive ("affirme avoir vu"); English: a subject ("said the troops", "said he").
    func startsClause(_ k: Int, verb g: VerbGroup) -> Bool {
        let t = tokens[k]
        guard t.kind == .word || t.kind == .elision || t.kind == .number else { return false }
        if lex.noClause.contains(t.lower) { return false }
        if lex.prepositions.contains(t.lower) || lex.adverbs.contains(tokens, at: k, end: hi) != nil { return false }
        if lex.verbForms[t.lower] != nil || lex.aux.contains(t.lower) || lex.passive.contains(t.lower) { return false }
        if !lex.infinitiveEndings.isEmpty {
            // "a déclaré s'opposer à": a reflexive infinitive.
            if lex.reflexives.contains(t.lower), k + 1 < hi, tokens[k + 1].kind == .word {
                return lex.infinitiveEndings.contains { WordShape.endsWith(tokens[k + 1].lower, $0) }
            }
            // "indiqué n'avoir rien trouvé": a negated infinitive.
            if lex.negations.contains(t.lower), k + 1 < hi, tokens[k + 1].kind == .word {
                return lex.infinitiveEndings.contains { WordShape.endsWith(tokens[k + 1].lower, $0) }
            }
            return !t.isCapitalized && lex.infinitiveEndings.contains { WordShape.endsWith(t.lower, $0) }
                && !lex.determiners.contains(t.lower)
        }
        // English: a subject — pronoun, determiner, name, number or bare noun; a past
        // participle ("told the crowd gathered on …") starts none.
        if !t.isCapitalized, lex.pastEndings.contains(where: { WordShape.endsWith(t.lower, $0) }) { return false }
        return lex.pronouns[t.lower].map { $0.person != 2 } ?? true
    }

    /// The subject before a preposed verb: the clause's noun phrase, the head of an
    /// apposition ("X, fondateur de Y, affirme"), the antecedent of "qui".
    func preposedSource(before v: Int, inverted: Span?) -> (Span, Span?, Span?)? {
        if let p = inverted { return (p, nil, nil) }
        // "Son avocat dément … et assure que C": the coordinated verb shares the subject.
        if v - 1 > lo, has(v - 1, .coordinators), let s = sentenceSubject(before: v - 1) {
            return (s, nil, nil)
        }
        var e = v
        var clitics = 0
        while e - 1 > lo, has(e - 1, .clitics), clitics < 2 { e -= 1; clitics += 1 }
        // "X, Mohammed Idris, on Friday posited that": the adverb is not the subject.
        if clitics == 0, let (_, a) = lex.adverbs.match(tokens, endingBefore: e), a > lo, a < e { e = a }
        guard e > lo else { return nil }
        var relative = false
        if has(e - 1, .relatives) {
            e -= 1
            relative = true
            if isComma(e - 1) { e -= 1 }
        }
        var apposition: Span? = nil
        var channelSpan: Span? = nil
        if isComma(e - 1) {
            // "X, fondateur de Y, affirme que": the apposition sits between two commas.
            var p = e - 2
            while p >= lo, !isComma(p), !isBoundary(p) { p -= 1 }
            guard p >= lo, isComma(p), p + 1 < e - 1 else { return nil }
            if let (c, _) = channel(at: p + 1) { channelSpan = c } else { apposition = span(p + 1, e - 1) }
            e = p
            // "Le président, qui, lundi, recevait …, a déclaré": asides made of an adverb or
            // a relative pronoun alone are skipped back to the noun phrase.
            while e - 1 > lo, isComma(e) || e == p {
                var q = e - 1
                while q >= lo, !isComma(q), !isBoundary(q) { q -= 1 }
                let seg = (q + 1)..<e
                guard !seg.isEmpty, q >= lo, isComma(q) else { break }
                let adverbOnly = lex.adverbs.contains(tokens, at: seg.lowerBound, end: seg.upperBound) == seg.count
                let relativeOnly = seg.count == 1 && has(seg.lowerBound, .relatives)
                guard adverbOnly || relativeOnly else { break }
                if relativeOnly { relative = true }
                e = q
            }
            // "son adversaire qui, samedi dernier, déclarait": the relative before the aside.
            if !relative, e - 1 > lo, has(e - 1, .relatives) {
                e -= 1
                relative = true
                if isComma(e - 1) { e -= 1 }
            }
        }
        var s = e
        while s > lo, !isBoundary(s - 1), !isOpeningQuote(s - 1), tokens[s - 1].text != "«",
              !has(s - 1, .complementizers) || has(s - 1, .determiners) {
            // 'Le «Retch» déclare': a short quoted name inside the subject.
            if isClosingQuote(s - 1) {
                guard let o = quotes.openOf[s - 1], s - 1 - o <= 5, o > lo else { break }
                s = o
                continue
            }
            s -= 1
        }
        s = max(s, clauseStart(s))
        // "… inquiéter son adversaire qui déclarait": the antecedent of "qui" is the noun
        // phrase opened by the nearest determiner that does not open a complement
        // ("le ministre de l'Intérieur qui": "le", not "l'").
        if relative, let d = (max(s, e - 8)..<e).last(where: {
            (has($0, .determiners) || has($0, .articles))
                && ($0 == s || !has($0 - 1, .prepositions))
        }) {
            s = d
        }
        guard let source = sourcePhrase(s, e) else { return nil }
        // "je pense que", "we believe", "j'ai tout dit": the speaker of a quotation, or the
        // author, not a source.
        if let p = lex.pronouns[tokens[s].lower], p.person == 1 || p.person == 2 { return nil }
        return (source, apposition, channelSpan)
    }

    /// "C, affirme X", "C, a-t-il dit", "« C », dit X", "C, said X": the verb follows a
    /// comma or a closing quote and its subject follows it.
    mutating func incise(_ g: VerbGroup) -> Bool {
        var boundary = boundaryBefore(g)
        var apposition: Span? = nil
        // "told a news conference": what follows a verb with an addressee is not its subject.
        if g.invertedPronoun == nil, lex.objectVerbs.contains(g.form.lemma) { return false }
        // "X, who presided, said C": the comma closes a relative clause, not a quote.
        var p = boundary - 1
        while p >= lo, !isBoundary(p), !isClosingQuote(p) { p -= 1 }
        if p >= lo, isComma(p), p + 1 < boundary, has(p + 1, .relatives) { return false }
        // "The city hall, for its part, believes": a parenthetical, not the end of a quote.
        if p >= lo, isComma(p), let n = lex.connectors.contains(tokens, at: p + 1, end: boundary) ?? lex.adverbs.contains(tokens, at: p + 1, end: boundary),
           p + 1 + n == boundary { return false }
        let sourceSpan: Span
        var channelSpan: Span? = nil
        if let p = g.invertedPronoun {
            sourceSpan = p
        } else {
            let k = skipAdverbs(g.end)
            // ", claimed by Albania,": a passive's agent, not a subject.
            if k < hi, has(k, .agents) { return false }
            var e = k
            // The subject ends at a comma, an addressee, or a prepositional phrase that
            // does not continue it ("le parquet dans un communiqué", "X lors d'une conférence").
            while e < hi, !isBoundary(e), lex.addressees.contains(tokens, at: e, end: hi) == nil || e == k {
                if e > k, has(e, .prepositions) && !has(e, .innerPrepositions)
                    || lex.adverbs.contains(tokens, at: e, end: hi) != nil { break }
                e += 1
            }
            guard e > k, let s = sourcePhrase(k, e) else { return false }
            // "a déclaré Vous me voyez …": a first or second person starts a quotation.
            if let p = lex.pronouns[tokens[k].lower], p.person == 1 || p.person == 2 { return false }
            // What follows the subject up to the next comma is a complement, never a verb
            // ("believes security in the area must be strengthened" is not an incise).
            var f = e
            while f < hi, !isBoundary(f) {
                let w = tokens[f].lower
                if lex.verbWords.contains(w) || lex.passive.contains(w) || lex.aux.contains(w) && !lex.determiners.contains(w)
                    || lex.complementizers.contains(w) { return false }
                f += 1
            }
            sourceSpan = s
            if e < hi, !isBoundary(e), lex.addressees.contains(tokens, at: e, end: hi) != nil {
                var f = e
                while f < hi, !isBoundary(f) { f += 1 }
                let from = e + lex.addressees.contains(tokens, at: e, end: hi)!
                if from < f { channelSpan = sourcePhrase(from, f) }
            } else if isComma(e), let (c, _) = channel(at: e + 1) {
                channelSpan = c
            } else if isComma(e), e + 1 < hi, tokens[e + 1].isCapitalized {
                // "a jugé sa présidente, Christine Lagarde, lors de …": a name in apposition.
                var f = e + 1
                while f < hi, !isBoundary(f), f - e <= 6 { f += 1 }
                if f - e <= 6 { apposition = span(e + 1, f) }
            }
        }
        boundary = quoteBefore(boundary)
        guard var c = inciseContent(endingAt: boundary) else { return false }
        // "Le plan, a-t-il précisé, a été approuvé": the incise sits inside the clause.
        if !isClosingQuote(boundary), let after = clauseAfterIncise(from: g.end), let whole = content(clauseStart(lo), after) {
            c = whole
        }
        add(AttributionCandidate(source: sourceSpan, cue: span(g.start, g.end), content: c.0, kind: c.1,
                                 channel: channelSpan, apposition: apposition), cueTokens: g.start..<g.end)
        return true
    }

    /// "C, X said.", "« C », he said": subject between the boundary and the verb.
    mutating func incise(afterSource g: VerbGroup) -> Bool {
        guard g.invertedPronoun == nil else { return false }
        var b = g.start - 1
        var apposition: Span? = nil
        var sourceEnd = g.start
        // "« C », its president, Christine Lagarde, told …": the subject has an apposition.
        if isComma(b) {
            var p = b - 1
            while p > lo, !isBoundary(p), !isClosingQuote(p), b - p <= 7 { p -= 1 }
            guard isComma(p), p + 1 < b else { return false }
            apposition = span(p + 1, b)
            sourceEnd = p
            b = p - 1
        }
        while b >= lo, !isComma(b), !isClosingQuote(b), !isBoundary(b), sourceEnd - b <= 9 { b -= 1 }
        guard b > lo, isComma(b) || isClosingQuote(b) else { return false }
        // After the verb: the end, another incise, an addressee or a time, never a clause.
        let k = skipAdverbs(g.end)
        // "…, Mailis said in an interview Thursday": a complement, not a clause.
        if k < hi, !isBoundary(k), !lex.objectVerbs.contains(g.form.lemma), !complementAfterIncise(k) { return false }
        guard b + 1 < sourceEnd, let source = sourcePhrase(b + 1, sourceEnd) else { return false }
        // "…, territory claimed by Albania", "…, a producer who agreed to": not a subject.
        let first = tokens[b + 1], last = tokens[sourceEnd - 1]
        if lex.relatives.contains(last.lower) { return false }
        if let p = lex.pronouns[first.lower], p.person == 1 || p.person == 2 { return false }
        if !first.isCapitalized, lex.pastEndings.contains(where: { WordShape.endsWith(first.lower, $0) }) { return false }
        // "…, twice its earlier estimate.": a bare form needs a plural subject ("officials
        // estimate"); after a singular, uncapitalised head it is that phrase's noun.
        if g.form.tense == .base, !last.isCapitalized, lex.pronouns[last.lower]?.plural != true,
           lex.anonymous[last.lower] == nil, lex.sectors[last.lower] == nil,
           !(b + 1..<sourceEnd).contains(where: { has($0, .coordinators) }),
           !lex.isPlural(determiner: tokens[b + 1].lower, head: last.lower) { return false }
        var boundary = b
        boundary = quoteBefore(boundary)
        guard var c = inciseContent(endingAt: boundary) else { return false }
        if !isClosingQuote(boundary), let after = clauseAfterIncise(from: g.end), let whole = content(clauseStart(lo), after) {
            c = whole
        }
        add(AttributionCandidate(source: source, cue: span(g.start, g.end), content: c.0, kind: c.1, apposition: apposition),
            cueTokens: g.start..<g.end)
        return true
    }

    /// "« C », dit X": the incise's comma follows a quotation that is the whole
    /// reported material; in "La décision est « inacceptable », a réagi X" the quote is
    /// only part of it, and the clause from its start is reported.
    func quoteBefore(_ boundary: Int) -> Int {
        guard isComma(boundary), isClosingQuote(boundary - 1), let open = quotes.openOf[boundary - 1],
              open <= clauseStart(lo) else { return boundary }
        return boundary - 1
    }

    /// A prepositional complement after an incise verb ("said in an interview", "explained
    /// to Slate"), not an object ("affirme des faits"), an agent ("claimed by Albania")
    /// or an infinitive ("agreed to produce").
    func complementAfterIncise(_ k: Int) -> Bool {
        let w = tokens[k].lower
        guard lex.prepositions.contains(w), !lex.determiners.contains(w), !lex.agents.contains(w) else { return false }
        if lex.infinitiveMarkers.contains(w), k + 1 < hi {
            let n = tokens[k + 1]
            return n.isCapitalized || lex.determiners.contains(n.lower) || lex.articles.contains(n.lower)
                || lex.audience.contains(tokens, at: k + 1, end: hi) != nil
        }
        return true
    }

    /// When an incise is followed by ", more of the clause", the end of that clause.
    func clauseAfterIncise(from k0: Int) -> Int? {
        var k = k0
        while k < hi, !isBoundary(k) { k += 1 }
        guard isComma(k), k + 1 < hi, !isBoundary(k + 1) else { return nil }
        // Not when another cue or a channel follows ("…, he said, adding", "…, cité par Y").
        if verbGroup(at: k + 1) != nil || lex.phrases.match(tokens, at: k + 1, end: hi) != nil
            || lex.verbForms[tokens[k + 1].lower]?.contains(where: { $0.tense == .gerund }) == true { return nil }
        return hi
    }

    /// The reported material before an incise ending at token `boundary` (a comma or
    /// a closing quote): the quotation it closes, or the clause from the sentence start.
    func inciseContent(endingAt boundary: Int) -> (Span, SpeechKind)? {
        let start = clauseStart(lo)
        if isClosingQuote(boundary), let open = quotes.openOf[boundary], open >= lo {
            // 'The decision is "unacceptable," the union said': words before the quote
            // are reported too.
            if open <= start || isBoundary(open - 1) { return content(open, boundary + 1) }
            return content(start, boundary + 1)
        }
        guard boundary > start else { return nil }
        return content(start, boundary)
    }

    /// "Le porte-parole : « C »" — a short noun phrase, a colon, a quotation.
    mutating func colonPass() {
        let start = clauseStart(lo)
        guard let colon = (start..<min(hi, start + 9)).first(where: { tokens[$0].text == ":" }),
              colon > start, isOpeningQuote(colon + 1),
              let source = sourcePhrase(start, colon),
              let c = content(colon + 1, hi) else { return }
        let first = tokens[start]
        guard first.isCapitalized || lex.pronouns[first.lower] != nil else { return }
        add(AttributionCandidate(source: source, cue: span(colon, colon + 1), content: c.0, kind: c.1),
            cueTokens: colon..<(colon + 1))
    }
}
