import DossierCore
import DossierText

/// What a source expression refers to.
struct ResolvedSource {
    var canonical: String?
    var kind: SourceKind = .unknown
    var sector: String?
    var plural: Bool?
}

/// Resolves source expressions to the people and bodies they refer to, reading the
/// attributions in text order as a reader does: a pronoun is the last person quoted, a
/// description ("l'analyste militaire") the person earlier introduced with it, an
/// unnamed source gets a sector and a generated canonical name.
struct SourceResolver {
    let text: AnalyzedText
    let lex: AttributionLexicon
    let entities: [EntityMention]
    /// Descriptions seen with a person's name: content words → canonical, in text order.
    private var descriptions: [(words: Set<String>, canonical: String)] = []
    private var personCounts: [String: Int] = [:]
    private var lastPerson: String?
    /// The last singular human source, named or not: "il" after "un responsable".
    private var lastSingular: ResolvedSource?
    private var lastPlural: ResolvedSource?
    private var lastBody: ResolvedSource?
    private var order = 0
    /// Where the last resolved source ended, and every reported content: a name inside
    /// reported material is not who speaks next.
    private var lastSourceEnd = 0
    private let contents: [Span]
    private var lastSeen: [String: Int] = [:]

    /// Per document token: its `AttributionLexicon.WordClass` bits.
    private let classes: [UInt32]
    private let tokens: [Token]

    init(_ text: AnalyzedText, _ lex: AttributionLexicon, entities: [EntityMention], contents: [Span] = [],
         classes: [UInt32]? = nil) {
        self.text = text
        self.tokens = text.tokens
        self.classes = classes ?? lex.classes(of: text)
        self.contents = contents
        self.lex = lex
        self.entities = entities.sorted { $0.start < $1.start }
        for m in self.entities where m.type == .person { registerAround(m) }
    }

    /// Is token `k`'s lowercase form in the lexicon's set `c`?
    @inline(__always) private func has(_ k: Int, _ c: AttributionLexicon.WordClass) -> Bool {
        classes[k] & (1 << c.rawValue) != 0
    }

    /// "l'analyste militaire Ruslan Leviev", "Ruslan Leviev, fondateur de CIT,": the
    /// words next to a name describe that person.
    private mutating func registerAround(_ m: EntityMention) {
        let canonical = m.canonical ?? m.text
        let first = text.tokenIndex(atOrAfter: m.start)
        var words: Set<String> = []
        var k = first - 1
        while k >= 0, first - k <= 5, tokens[k].kind == .word, !tokens[k].isCapitalized || has(k, .determiners) {
            if has(k, .determiners) || has(k, .prepositions) { break }
            words.insert(tokens[k].lower)
            k -= 1
        }
        var after = text.tokenIndex(atOrAfter: m.end)
        if after < tokens.count, tokens[after].text == "," {
            after += 1
            var n = 0
            while after < tokens.count, n < 10, tokens[after].text != ",", tokens[after].kind != .punctuation {
                if tokens[after].kind == .word, !tokens[after].isCapitalized { words.formUnion(contentWords([after])) }
                after += 1
                n += 1
            }
        }
        if !words.isEmpty { descriptions.append((words, canonical)) }
    }

    private func contentWords(_ indices: [Int]) -> Set<String> {
        Self.contentWords(indices, tokens: tokens, lex: lex)
    }

    /// `contentWords` with what it reads as arguments: called from the mutating methods
    /// (`remember`, `registerAround`), the method's closures copied the whole resolver.
    private static func contentWords(_ indices: [Int], tokens: [Token], lex: AttributionLexicon) -> Set<String> {
        var words = Set<String>()
        for k in indices {
            let w = tokens[k].lower
            if !lex.determiners.contains(w) && !lex.prepositions.contains(w) && !lex.premodifiers.contains(w)
                && !lex.articles.contains(w) && w.unicodeScalars.count > 2 {
                words.insert(w)
            }
        }
        return words
    }

    mutating func resolve(_ c: AttributionCandidate) -> ResolvedSource {
        guard let s = c.source else { return ResolvedSource() }
        var r = classify(s)
        defer { lastSourceEnd = max(lastSourceEnd, s.end) }
        // "Le patron de Renault, Luca de Meo, a expliqué": the name is in the apposition.
        if let a = c.apposition, !names(in: s).contains(where: { !$0.afterPreposition && $0.type != .organisation }),
           let n = (names(in: a).isEmpty ? capitalisedRuns(in: a) : names(in: a))
            .first(where: { !$0.afterPreposition && ($0.type == .person || ($0.type == nil && r.kind != .anonymous)) }) {
            r = ResolvedSource(canonical: n.canonical, kind: .person, plural: false)
        }
        remember(r, source: s, apposition: c.apposition)
        return r
    }

    func canonicalName(in span: Span) -> String? {
        names(in: span).first { !$0.afterPreposition }?.canonical
    }

    private struct Name {
        var canonical: String
        var type: EntityType?
        var media: Bool
        var afterPreposition: Bool
        var span: Span
    }

    /// The names inside a span: the recognizer's mentions, or capitalised runs when
    /// there are none (so resolution still works on its own).
    private func names(in span: Span) -> [Name] {
        // "le fondateur du groupe X": a name inside a complement is not the source.
        func afterPreposition(_ start: Int) -> Bool {
            let i = text.tokenIndex(atOrAfter: start)
            if i > 0, has(i - 1, .titles) { return false }
            return text.tokenRange(in: Span(span.start, max(span.start, start))).contains { has($0, .prepositions) }
        }
        if !entities.isEmpty {
            // A capitalised common noun the recogniser took for a name ("Officials said")
            // is not one.
            return entities(in: span).filter { ($0.type == .person || $0.type == .organisation)
                && !isCommonNoun($0.text.lowercased()) }.map {
                let (canonical, nameSpan) = completed($0, in: span)
                return Name(canonical: canonical, type: $0.type, media: $0.isMedia ?? false,
                            afterPreposition: afterPreposition($0.start) && !closesTitle($0, in: span), span: nameSpan)
            }
        }
        return capitalisedRuns(in: span)
    }

    /// The mentions inside a span, in the order of `entities` (sorted by start): a binary
    /// search to the first that may be inside, not a filter over the whole document,
    /// since every source is asked about several times.
    private func entities(in span: Span) -> [EntityMention] {
        var lo = 0, hi = entities.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entities[mid].start < span.start { lo = mid + 1 } else { hi = mid }
        }
        var out: [EntityMention] = []
        while lo < entities.count, entities[lo].start <= span.end {
            if span.contains(entities[lo].span) { out.append(entities[lo]) }
            lo += 1
        }
        return out
    }

    /// A person's name the recogniser cut short ("Bruno Le" in "Bruno Le Maire",
    /// "François Villeroy" before "de Galhau"): when it is not linked to the knowledge
    /// base, the capitalised words and particles that follow it inside the source
    /// complete it.
    private func completed(_ m: EntityMention, in span: Span) -> (String, Span) {
        let canonical = m.canonical ?? m.text
        guard m.type == .person, canonical == m.text else { return (canonical, m.span) }
        let range = text.tokenRange(in: span)
        var j = text.tokenIndex(atOrAfter: m.end)
        var end = j
        while j < range.upperBound {
            var p = j
            while p < range.upperBound, has(p, .particles), p - j < 3 { p += 1 }
            guard p < range.upperBound, isNameToken(p), tokens[p].start >= m.end else { break }
            j = p + 1
            end = j
        }
        guard end > text.tokenIndex(atOrAfter: m.end) else { return (canonical, m.span) }
        let full = Span(m.start, tokens[end - 1].end)
        return (WordShape.text(text.scalars, full), full)
    }

    /// "le secrétaire d'État Antony Blinken": a person's name that ends the source right
    /// after a noun (not after "de", as in "le porte-parole de Vladimir Poutine") names
    /// the head, whatever complements came before.
    private func closesTitle(_ m: EntityMention, in span: Span) -> Bool {
        guard m.type == .person, m.end == span.end else { return false }
        let i = text.tokenIndex(atOrAfter: m.start)
        guard i > 0 else { return false }
        let before = tokens[i - 1].lower
        return tokens[i - 1].kind == .word && !lex.prepositions.contains(before) && !lex.determiners.contains(before)
            && !lex.articles.contains(before)
    }

    private func isCommonNoun(_ w: String) -> Bool {
        lex.anonymous[w] != nil || lex.personNouns.contains(w) || lex.organisationNouns.contains(w)
            || lex.outletNouns.contains(w) || lex.documentNouns.contains(w)
    }

    /// "l'Insee": the name is all the source but its determiner.
    private func isWholeSource(_ n: Name, _ range: Range<Int>) -> Bool {
        range.allSatisfy { n.span.contains(tokens[$0].span) || has($0, .determiners) || has($0, .articles) }
    }

    /// Capitalised word runs of a span, titles stripped ("General Mark Milley" → Mark Milley).
    private func capitalisedRuns(in span: Span) -> [Name] {
        func afterPreposition(_ start: Int) -> Bool {
            let i = text.tokenIndex(atOrAfter: start)
            if i > 0, has(i - 1, .titles) { return false }
            return text.tokenRange(in: Span(span.start, max(span.start, start))).contains { has($0, .prepositions) }
        }
        var out: [Name] = []
        let range = text.tokenRange(in: span)
        var i = range.lowerBound
        while i < range.upperBound {
            guard isNameToken(i) else { i += 1; continue }
            var j = i + 1
            while j < range.upperBound {
                if isNameToken(j) { j += 1; continue }
                // "Bruno Le Maire", "Luca de Meo": a particle between two name words.
                var p = j
                while p < range.upperBound, has(p, .particles), p - j < 3 { p += 1 }
                if p > j, p < range.upperBound, isNameToken(p) { j = p + 1; continue }
                break
            }
            // "General Mark Milley", "Energy Minister Chris Bowen": titles are not the name.
            // "Israeli Prime Minister Benjamin Netanyahu": the name follows the last title.
            var first = i
            for k in i..<(j - 1) where has(k, .titles) { first = k + 1 }
            // "The Minister of Finance": a title alone names nobody.
            if j - i == 1, has(i, .titles) { i = j; continue }
            // "Secretary of State Antony Blinken": the end of a title phrase runs into the
            // name; the name starts at its given name.
            if j - first >= 3, !isGivenName(first), let g = (first + 1..<(j - 1)).first(where: isGivenName) { first = g }
            let nameSpan = Span(tokens[first].start, tokens[j - 1].end)
            // A name right after its title is the head ("Bank of France Governor X"), and
            // so is a name closing the source after a plain word ("le ministre des
            // Affaires étrangères Sergueï Lavrov").
            let closes = j == range.upperBound && j - first >= 2 && first > range.lowerBound
                && tokens[first - 1].kind == .word && !has(first - 1, .prepositions)
                && !has(first - 1, .determiners) && !has(first - 1, .articles)
            out.append(Name(canonical: WordShape.text(text.scalars, nameSpan), type: nil, media: false,
                            afterPreposition: first == i && !closes && afterPreposition(tokens[first].start), span: nameSpan))
            i = j
        }
        return out
    }

    private func isGivenName(_ k: Int) -> Bool {
        EntityKnowledgeBase.shared.givenNames.contains(EntityFolding.fold(tokens[k].lower))
    }

    private func quoteMark(_ k: Int) -> Bool { ["«", "»", "\""].contains(tokens[k].text) }

    /// Whether a name has several words: a byte test, where `contains(" ")` went through
    /// Foundation's `NSString.range(of:)` (a bridged search per candidate name).
    private static func hasSpace(_ s: String) -> Bool { s.utf8.contains(UInt8(ascii: " ")) }

    private func isNameToken(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .word, t.isCapitalized else { return false }
        let w = t.lower
        return !lex.determiners.contains(w) && !lex.prepositions.contains(w) && lex.pronouns[w] == nil
            && lex.connectors.contains(tokens, at: i, end: i + 1) == nil && !lex.articles.contains(w)
            && (lex.anonymous[w] == nil || (i > 0 && tokens[i - 1].kind == .word && tokens[i - 1].isCapitalized
                && !has(i - 1, .determiners)))
    }

    private func classify(_ s: Span) -> ResolvedSource {
        let range = text.tokenRange(in: s)
        let words = range.map { tokens[$0].lower }
        // A pronoun, alone or inside an inverted verb ("a-t-il").
        let whole = words.count <= 1 ? WordShape.text(text.scalars, s).lowercased() : ""
        if let p = lex.pronouns[whole] ?? (words.count == 1 ? lex.pronouns[words[0]] : nil) {
            return pronoun(p, at: s.start)
        }
        let names = self.names(in: s)
        // An outlet written in quotes ("le «New York Times»"): the quoted text is its name.
        if s.start > 0, s.end < text.scalars.count, text.scalars[s.start - 1] == "«" || text.scalars[s.start - 1] == "\"",
           text.scalars[s.end] == "»" || text.scalars[s.end] == "\"" {
            // The recogniser's name when it covers the quoted title, else the title itself
            // ("le «Canard enchaîné»" when only "Canard" was recognised).
            if let n = names.first, n.type != nil, n.span.start <= s.start, n.span.end >= s.end {
                return ResolvedSource(canonical: n.canonical, kind: n.type == .person ? .person : .outlet, plural: false)
            }
            return ResolvedSource(canonical: WordShape.text(text.scalars, s), kind: .outlet, plural: false)
        }
        let inQuotes = range.contains { quoteMark($0) } || (s.start > 0 && text.scalars[s.start - 1] == "«")
        // "a State Department official", "a senior Biden administration official": names
        // before an unnamed head only say whom the source works for.
        if !lex.headFirst, !names.isEmpty, let h = headIndex(range), lex.anonymous[tokens[h].lower] != nil,
           names.allSatisfy({ $0.span.end <= tokens[h].start }), let a = anonymousSource(range, names: []) {
            return a
        }
        // Several people named: the head's ("the Donald Trump impersonator John Di
        // Domenico" is Di Domenico; "le porte-parole de X" already excludes X).
        let people = names.filter { !$0.afterPreposition && $0.type == .person }
        if let n = lex.headFirst ? people.first : people.last {
            return ResolvedSource(canonical: n.canonical, kind: .person, plural: false)
        }
        let head = headIndex(range)
        let headWord = head.map { tokens[$0].lower }
        if let n = names.first(where: { !$0.afterPreposition && $0.type == .organisation }) {
            let outlet = n.media || inQuotes || headWord.map { lex.outletNouns.contains($0) } ?? false
            return ResolvedSource(canonical: n.canonical, kind: outlet ? .outlet : .organisation, plural: false)
        }
        if let h = headWord, lex.documentNouns.contains(h) { return ResolvedSource() }
        if let h = headWord, lex.outletNouns.contains(h) || lex.organisationNouns.contains(h) {
            // "le ministère de la Santé": without a recognised name, the phrase names the body.
            var from = range.lowerBound
            while from < range.upperBound - 1, has(from, .determiners) || has(from, .articles) { from += 1 }
            // The name is the body's when it follows the head ("le quotidien Haaretz") or
            // stands right before it ("the Haaretz newspaper"), not in "Hamas-run health ministry".
            let headToken = tokens[head!]
            let canonical = names.first(where: {
                !$0.afterPreposition && ($0.span.start > headToken.start
                    || text.tokenIndex(atOrAfter: $0.span.end) == head!)
            })?.canonical ?? WordShape.text(text.scalars, Span(tokens[from].start, tokens[range.upperBound - 1].end))
            return ResolvedSource(canonical: canonical, kind: lex.outletNouns.contains(h) ? .outlet : .organisation)
        }
        // "the analyst", "l'analyste": a definite description of someone named before.
        if let f = range.first, has(f, .articles), case .person(let person) = described(range, head: headWord) {
            return ResolvedSource(canonical: person, kind: .person, plural: false)
        }
        if let anonymous = anonymousSource(range, names: names) { return anonymous }
        // Without a recognised name inside, a capitalised run still names the source
        // ("said Jan Egeland" when the recogniser missed him).
        let capitalised = entities.isEmpty ? names : (names.isEmpty ? capitalisedRuns(in: s).filter {
            Self.hasSpace($0.canonical) || isWholeSource($0, range)
        } : [])
        if let n = capitalised.filter({ !$0.afterPreposition })
            .max(by: { $0.canonical.unicodeScalars.count < $1.canonical.unicodeScalars.count }) {
            let caps = n.canonical.unicodeScalars.allSatisfy { !$0.properties.isLowercase }
            let kind: SourceKind = inQuotes ? .outlet : caps ? .organisation : .person
            return ResolvedSource(canonical: n.canonical, kind: kind, plural: false)
        }
        // A description: the person introduced with it, or the most salient person quoted.
        let firstWord = range.first.map { tokens[$0].lower }
        let plural = lex.isPlural(determiner: firstWord, head: headWord)
        let isPerson = headWord.map { lex.personNouns.contains($0) } ?? false
        let definite = firstWord.map { lex.articles.contains($0) } ?? false
        // Only "the founder", never "a neighbour" or "the residents", can be someone
        // already quoted.
        guard isPerson, definite, !plural else {
            return ResolvedSource(kind: isPerson ? .person : .unknown, plural: plural)
        }
        switch described(range, head: headWord) {
        case .person(let person): return ResolvedSource(canonical: person, kind: .person, plural: false)
        case .conflict: return ResolvedSource(kind: .person, plural: false)
        case .none:
            if let salient = mostSalient() { return ResolvedSource(canonical: salient, kind: .person, plural: false) }
            return ResolvedSource(kind: .person, plural: false)
        }
    }

    private enum Described { case person(String), conflict, none }

    /// The person earlier described with these words ("l'analyste militaire" after
    /// "l'analyste militaire Ruslan Leviev"). A description whose head noun was used for
    /// someone else with other words ("le ministre des Affaires étrangères" after "le
    /// Premier ministre X") is a conflict: another person, not to be guessed.
    private func described(_ range: Range<Int>, head: String?) -> Described {
        guard let head else { return .none }
        let desc = contentWords(Array(range))
        var sawHead = false
        for d in descriptions.reversed() where d.words.contains(head) {
            sawHead = true
            if desc.isSubset(of: d.words) { return .person(d.canonical) }
        }
        return sawHead ? .conflict : .none
    }

    /// The head noun: the first word after determiners and pre-modifiers (French) or
    /// the last word before the first preposition (English).
    private func headIndex(_ range: Range<Int>) -> Int? {
        if lex.headFirst {
            return range.first { tokens[$0].kind == .word && !has($0, .determiners)
                && !has($0, .premodifiers) && !has($0, .articles) }
        }
        let stop = range.first { has($0, .prepositions) || tokens[$0].kind == .punctuation }
            ?? range.upperBound
        return (range.lowerBound..<stop).last { tokens[$0].kind == .word }
    }

    private func anonymousSource(_ range: Range<Int>, names: [Name]) -> ResolvedSource? {
        var found: AnonymousHead? = nil
        if lex.headFirst {
            if let h = headIndex(range) { found = lex.anonymous[tokens[h].lower] }
        } else {
            let stop = range.first { has($0, .prepositions) } ?? range.upperBound
            // A loop, not `lazy.compactMap { self… }`: the lazy sequence stores its closure,
            // which captured a copy of the whole resolver (lexicon, maps, arrays) per call.
            for k in (range.lowerBound..<stop).reversed() {
                if let head = lex.anonymous[tokens[k].lower] { found = head; break }
            }
        }
        guard let head = found else { return nil }
        // "Canadian Blood Services": a capitalised head inside a capitalised run is a name.
        if let h = headIndex(range), h > range.lowerBound, tokens[h].isCapitalized, tokens[h - 1].isCapitalized,
           tokens[h - 1].kind == .word, lex.anonymous[tokens[h].lower] != nil { return nil }
        // A name in the expression makes it a named source ("le responsable X").
        if names.contains(where: { $0.type == .person || ($0.type == nil && Self.hasSpace($0.canonical) && !$0.afterPreposition) }) {
            return nil
        }
        var sector = head.sector
        var prefix: String? = nil
        for k in range {
            if let s = lex.sectors[tokens[k].lower] { sector = s.sector; prefix = s.prefix; break }
        }
        let noun = prefix.map { head.canonical.hasPrefix($0) ? head.canonical : "\($0) \(head.canonical)" } ?? head.canonical
        return ResolvedSource(canonical: "unnamed \(noun)", kind: .anonymous, sector: sector, plural: head.plural)
    }

    private func pronoun(_ p: PronounInfo, at offset: Int) -> ResolvedSource {
        if p.person != 3 { return ResolvedSource() }
        if p.plural, let plural = lastPlural { return plural }
        if p.gender == "n" { return lastBody ?? ResolvedSource(plural: false) }
        if !p.plural {
            // A person named after the last source, outside anything reported, took the
            // floor since ("Le ministre, Gérald Darmanin, a salué … Il a annoncé").
            if let m = entities.last(where: { m in m.type == .person && m.end <= offset && m.start >= lastSourceEnd
                && !contents.contains(where: { $0.contains(m.span) }) }) {
                return ResolvedSource(canonical: m.canonical ?? m.text, kind: .person, plural: false)
            }
            if let singular = lastSingular { return singular }
            if let person = lastPerson { return ResolvedSource(canonical: person, kind: .person, plural: false) }
            if let m = entities.last(where: { $0.type == .person && $0.end <= offset }) {
                return ResolvedSource(canonical: m.canonical ?? m.text, kind: .person, plural: false)
            }
        }
        return ResolvedSource(plural: p.plural)
    }

    private func mostSalient() -> String? {
        personCounts.max { a, b in
            a.value != b.value ? a.value < b.value : (lastSeen[a.key] ?? 0) < (lastSeen[b.key] ?? 0)
        }?.key
    }

    private mutating func remember(_ r: ResolvedSource, source: Span, apposition: Span?) {
        order += 1
        guard let canonical = r.canonical else { return }
        switch r.kind {
        case .person:
            personCounts[canonical, default: 0] += 1
            lastSeen[canonical] = order
            lastPerson = canonical
            lastSingular = r
            // The tokens as a local: a closure reading `self.tokens` in a mutating method
            // captured a copy of the whole resolver (lexicon, maps, arrays) for each call.
            let tokens = self.tokens
            var words = Self.contentWords(Array(text.tokenRange(in: source)).filter { !tokens[$0].isCapitalized },
                                          tokens: tokens, lex: lex)
            if let a = apposition {
                words.formUnion(Self.contentWords(Array(text.tokenRange(in: a)), tokens: tokens, lex: lex))
            }
            if !words.isEmpty { descriptions.append((words, canonical)) }
        case .anonymous:
            if r.plural == true { lastPlural = r } else { lastSingular = r }
        case .organisation, .outlet:
            lastBody = r
        case .unknown:
            break
        }
    }
}
