import DossierCore
import DossierText

/// The attribution patterns of one sentence, over its tokens.
///
/// Three families of cue are tried, in this order, and a token serves one cue only:
/// source phrases ("selon X, C", "C, according to X"), "comme le rapporte X, C", and
/// reporting verbs, either before the reported clause ("X affirme que C", "X said C",
/// "X a déclaré : « C »") or after it as an incise ("C, affirme X", "C, a-t-il dit",
/// "C, X said"). A last pattern takes "X : « C »" when nothing else fired.
struct SentencePatterns {
    /// The lexicon, shared by reference: the struct holds some forty sets and tables,
    /// and storing a copy per sentence retained and released every one of them.
    private let lexicon: AttributionLexicon.Shared
    var lex: AttributionLexicon { _read { yield lexicon.value } }
    let tokens: [Token]
    let lo: Int
    let hi: Int
    let quotes: QuoteMap
    var used: Set<Int> = []
    var found: [AttributionCandidate] = []

    /// Person and organisation mentions inside the sentence, for gerund subjects.
    let names: [EntityMention]
    /// Per document token: can a cue start here? (`AttributionLexicon.cueStarts`)
    let cueStart: [Bool]
    /// Per document token: its `AttributionLexicon.WordClass` bits.
    let classes: [UInt32]

    init(_ text: AnalyzedText, _ lex: AttributionLexicon.Shared, sentence: Span, entities: [EntityMention],
         cueStart: [Bool], classes: [UInt32]) {
        self.lexicon = lex
        self.cueStart = cueStart
        self.classes = classes
        self.names = entities.filter { sentence.contains($0.span) && ($0.type == .person || $0.type == .organisation) }
        self.tokens = text.tokens
        let r = text.tokenRange(in: sentence)
        self.lo = r.lowerBound
        self.hi = r.upperBound
        self.quotes = QuoteMap(text.tokens, r)
    }

    mutating func run() -> [AttributionCandidate] {
        guard hi > lo else { return [] }
        phrasePass()
        asPass()
        learnedPass()
        verbPass()
        possessivePass()
        gerundPass()
        cutBeforeGerunds()
        if found.isEmpty { colonPass() }
        citingPass()
        mergeImpersonal()
        relayPhrases()
        cutBeforeIncises()
        dropInsideQuotes()
        return found
    }

    // MARK: token helpers

    /// Is token `k`'s lowercase form in the lexicon's set `c`?
    @inline(__always) func has(_ k: Int, _ c: AttributionLexicon.WordClass) -> Bool {
        classes[k] & (1 << c.rawValue) != 0
    }

    func span(_ a: Int, _ b: Int) -> Span { Span(tokens[a].start, tokens[b - 1].end) }

    func isComma(_ i: Int) -> Bool { i >= lo && i < hi && tokens[i].kind == .punctuation && tokens[i].text == "," }

    /// Punctuation that ends a noun phrase or a clause inside a sentence.
    func isBoundary(_ i: Int) -> Bool {
        guard i >= lo, i < hi else { return true }
        guard tokens[i].kind == .punctuation else { return false }
        // "M. Bussy", "Ms. Gillard": the dot of a title's abbreviation ends nothing.
        if tokens[i].text == ".", i > lo, !tokens[i].spaceBefore, lex.titles.contains(tokens[i - 1].lower + ".") { return false }
        switch tokens[i].text {
        case ",", ";", ":", "(", ")", "—", "–", ".", "!", "?", "…", "...": return true
        default: return false
        }
    }

    func isClosingQuote(_ i: Int) -> Bool { i >= lo && i < hi && quotes.openOf[i] != nil }
    func isOpeningQuote(_ i: Int) -> Bool { i >= lo && i < hi && quotes.closeOf[i] != nil }

    /// Where the sentence's own material starts, after discourse markers ("En effet, ").
    func clauseStart(_ from: Int) -> Int {
        var i = from
        while let n = lex.connectors.contains(tokens, at: i, end: hi) {
            i += n
            if isComma(i) { i += 1 }
        }
        return i
    }

    func skipAdverbs(_ from: Int) -> Int {
        var k = from
        while let n = lex.adverbs.contains(tokens, at: k, end: hi) { k += n }
        return k
    }

    /// "dit-il" → ("dit", span of "il"); "a-t-elle" → ("a", span of "elle").
    func splitInverted(_ i: Int) -> (head: String, pronoun: Span)? {
        let t = tokens[i]
        guard t.kind == .word, let head = WordShape.beforeFirstHyphen(t.lower),
              let last = WordShape.afterLastHyphen(t.lower), lex.invertedPronoun(String(last)) != nil else { return nil }
        let length = last.unicodeScalars.count
        return (String(head), Span(t.end - length, t.end))
    }

    func finiteForm(_ word: String, at i: Int, afterArticle: Bool = false) -> VerbForm? {
        guard let forms = lex.verbForms[word] else { return nil }
        // A form after a determiner or preposition is a noun ("la note que", "the claim").
        if i > lo, !afterArticle, has(i - 1, .determiners) || has(i - 1, .prepositions) {
            return nil
        }
        // Future and conditional forms rarely report ("il poursuivrait"); gerunds have
        // their own pattern.
        return forms.first {
            switch $0.tense {
            case .participle, .future, .conditional, .gerund: return false
            case .base: return i > lo
            default: return true
            }
        }
    }

    func participle(at k: Int) -> VerbForm? {
        guard k < hi else { return nil }
        return lex.verbForms[tokens[k].lower]?.first { $0.tense == .participle }
    }

    /// A multi-word cue whose inflected verb is `word` at token `k` ("fait" + "savoir"):
    /// its form and the index after its last word.
    func compound(_ word: String, at k: Int, participle: Bool) -> (VerbForm, Int)? {
        guard let list = lex.compounds[word] else { return nil }
        for c in list where (c.form.tense == .participle) == participle && c.form.tense != .gerund
            && (participle || (c.form.tense != .future && c.form.tense != .conditional)) {
            var e = k + 1
            var ok = true
            for (n, w) in c.tail.enumerated() {
                guard e < hi else { ok = false; break }
                let t = tokens[e].lower
                // The last word may agree with the subject ("convaincue", "convaincus").
                if t != w, !(n == c.tail.count - 1 && lex.agreementSuffixes.contains { t == w + $0 }) { ok = false; break }
                e += 1
            }
            if ok { return (c.form, e) }
        }
        return nil
    }

    /// The participle at `k`, simple or compound: its form and the index after it.
    func participleGroup(at k: Int) -> (VerbForm, Int)? {
        guard k < hi else { return nil }
        if let c = compound(tokens[k].lower, at: k, participle: true) { return c }
        return participle(at: k).map { ($0, k + 1) }
    }

    func verbGroup(at j: Int, afterArticle: Bool = false) -> VerbGroup? {
        guard cueStart[j] else { return nil }
        if let (head, pronoun) = splitInverted(j) {
            if lex.aux.contains(head) {
                let k = skipAdverbs(j + 1)
                if let (p, e) = participleGroup(at: k) {
                    return VerbGroup(start: j, end: e, form: p, invertedPronoun: pronoun, hasAux: true)
                }
                return nil
            }
            if let (f, e) = compound(head, at: j, participle: false) {
                return VerbGroup(start: j, end: e, form: f, invertedPronoun: pronoun, hasAux: false)
            }
            if let f = lex.verbForms[head]?.first(where: { $0.tense != .participle && $0.tense != .gerund }) {
                return VerbGroup(start: j, end: j + 1, form: f, invertedPronoun: pronoun, hasAux: false)
            }
            return nil
        }
        let word = tokens[j].lower
        // "State Governments", "Say Yes": a capitalised word inside a sentence is a name.
        if tokens[j].isCapitalized, j > lo, tokens[j - 1].kind != .punctuation { return nil }
        // "s'est félicité", "se dit convaincu": the reflexive clitic opens the cue.
        if lex.reflexives.contains(word), j + 1 < hi {
            func reports(_ f: VerbForm) -> Bool {
                lex.reflexiveVerbs.isEmpty || lex.reflexiveVerbs.contains(String(f.lemma.split(separator: " ").first ?? ""))
            }
            if has(j + 1, .reflexiveAux), let (p, e) = participleGroup(at: skipAdverbs(j + 2)), reports(p) {
                return VerbGroup(start: j, end: e, form: p, invertedPronoun: nil, hasAux: true)
            }
            if let g = verbGroup(at: j + 1), !g.hasAux, reports(g.form) {
                return VerbGroup(start: j, end: g.end, form: g.form, invertedPronoun: g.invertedPronoun, hasAux: false)
            }
            return nil
        }
        if lex.aux.contains(word) {
            let k = skipAdverbs(j + 1)
            if let (p, e) = participleGroup(at: k) {
                return VerbGroup(start: j, end: e, form: p, invertedPronoun: nil, hasAux: true)
            }
        }
        if j > lo, !afterArticle, has(j - 1, .determiners) || has(j - 1, .prepositions) {
            return nil
        }
        if let (f, e) = compound(word, at: j, participle: false) {
            return VerbGroup(start: j, end: e, form: f, invertedPronoun: nil, hasAux: false)
        }
        if let f = finiteForm(word, at: j, afterArticle: afterArticle) {
            // "les soldats se trouvaient": a reflexive clitic before a verb that does not
            // report reflexively makes it another verb ("se trouver" is not "trouver que").
            if j > lo, has(j - 1, .reflexives), !lex.reflexiveVerbs.isEmpty,
               !lex.reflexiveVerbs.contains(String(f.lemma.split(separator: " ").first ?? "")) { return nil }
            return VerbGroup(start: j, end: j + 1, form: f, invertedPronoun: nil, hasAux: false)
        }
        return nil
    }

    /// "n'a pas dit", "did not say", "was told": the verb reports nothing.
    func isNegatedOrPassive(_ g: VerbGroup) -> Bool {
        var p = g.start - 1
        while p >= lo, has(p, .clitics), p > g.start - 3 { p -= 1 }
        guard p >= lo else { return false }
        let before = tokens[p].lower
        return lex.negations.contains(before) || lex.passive.contains(before)
            || (p >= lo + 1 && has(p - 1, .negations) && lex.adverbs.contains(tokens, at: p, end: hi) != nil)
    }

    // MARK: spans of source and content

    static let trailing: Set<String> = [".", "!", "?", "…", "...", ":", ";", ",", "-", "—", "–"]
    static let leading: Set<String> = [",", ":", ";", "-", "—", "–"]

    /// The reported material between token `a` and `b` (exclusive), trimmed of its
    /// punctuation; a whole quotation loses its marks and makes the speech direct.
    func content(_ a0: Int, _ b0: Int) -> (Span, SpeechKind)? {
        var a = a0, b = b0
        func trimEnd() {
            while b > a {
                let t = tokens[b - 1].text
                if tokens[b - 1].kind == .punctuation, SentencePatterns.trailing.contains(t) { b -= 1; continue }
                if isClosingQuote(b - 1), let o = quotes.openOf[b - 1], o < a { b -= 1; continue }
                if t == "»" && quotes.openOf[b - 1] == nil { b -= 1; continue }
                break
            }
        }
        trimEnd()
        while a < b, tokens[a].kind == .punctuation, SentencePatterns.leading.contains(tokens[a].text) { a += 1 }
        guard a < b else { return nil }
        if isOpeningQuote(a), quotes.closeOf[a] == b - 1 {
            a += 1
            b -= 1
            trimEnd()
            guard a < b else { return nil }
            return (span(a, b), .direct)
        }
        for k in a..<b where quotes.isQuoteMark(tokens[k]) { return (span(a, b), .mixed) }
        return (span(a, b), .indirect)
    }

    /// A source noun phrase between tokens `a` and `b`, or nil when it does not look
    /// like one. "le «New York Times»" gives the name inside the quotes.
    func sourcePhrase(_ a0: Int, _ b0: Int) -> Span? {
        var a = a0, b = b0
        while b > a, isBoundary(b - 1) { b -= 1 }
        while a < b, lex.connectors.contains(tokens, at: a, end: b) != nil, a + 1 < b { a += lex.connectors.contains(tokens, at: a, end: b)! }
        guard a < b, b - a <= 14 else { return nil }
        let first = tokens[a]
        if lex.complementizers.contains(first.lower) || lex.relatives.contains(first.lower) { return nil }
        // A clause, not a noun phrase ("affirmant que l'offensive").
        if (a..<b).contains(where: { has($0, .complementizers) && !has($0, .determiners) }) {
            return nil
        }
        guard first.kind == .word || first.kind == .elision || first.text == "«" || first.text == "\""
              || first.kind == .number || first.kind == .alphanumeric else { return nil }
        // A source is a noun phrase: no auxiliary, and no reporting verb of its own.
        if (a..<b).contains(where: { has($0, .passive) || has($0, .verbWords) || (has($0, .aux) && !has($0, .determiners)) }) {
            return nil
        }
        for k in a..<b {
            let w = tokens[k].lower
            guard let forms = lex.verbForms[w], !tokens[k].isCapitalized, lex.anonymous[w] == nil else { continue }
            if k > a, has(k - 1, .determiners) || has(k - 1, .prepositions) { continue }
            // "the Court of Auditors report": a noun that is also a verb, heading the phrase.
            if k > a, lex.documentNouns.contains(w) || lex.outletNouns.contains(w) { continue }
            // "des économistes interrogés par l'AFP": a participle after its noun.
            if k > a, forms.allSatisfy({ $0.tense == .participle }) { continue }
            return nil
        }
        // Unwrap an outlet in quotes: "le «New York Times»" → "New York Times".
        var q = a
        while q < b, has(q, .determiners) || has(q, .articles)
                || has(q, .outletNouns) { q += 1 }
        if q < b, isOpeningQuote(q), quotes.closeOf[q] == b - 1, b - 1 > q + 1 { return span(q + 1, b - 1) }
        return span(a, b)
    }

    /// The channel phrase "cité par Y" starting at `i`: Y's span and the index after it.
    func channel(at i: Int) -> (Span, Int)? {
        guard let m = lex.phrases.match(tokens, at: i, end: hi), m.value == .channel else { return nil }
        var e = i + m.length
        while e < hi, !isBoundary(e) { e += 1 }
        guard let s = sourcePhrase(i + m.length, e) else { return nil }
        return (s, e)
    }

    mutating func add(_ c: AttributionCandidate, cueTokens: Range<Int>) {
        used.formUnion(cueTokens)
        found.append(c)
    }
}
