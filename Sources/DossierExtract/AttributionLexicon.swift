import DossierCore
import DossierText

/// What a pronoun says about the source it stands for.
struct PronounInfo: Sendable {
    var gender: String
    var plural: Bool
    var person: Int
}

/// An unnamed-source head noun ("sources", "responsable", "official").
struct AnonymousHead: Sendable {
    var plural: Bool
    var sector: String
    var canonical: String
}

enum PhraseRole: String, Sendable {
    case source, channel, not, citing
    /// A source phrase that needs a named person after it, at the clause start
    /// ("Pour l'économiste Jean Tirole, C" but not "Pour les Ukrainiens, C").
    case namedSource = "named-source"
    /// A source phrase whose last word is the source's head noun ("de source
    /// policière": the source is "source policière", the cue "de").
    case sourceHead = "source-head"
}

/// A reporting cue of several words around one inflected verb ("a fait savoir que",
/// "a laissé entendre que", "se dit convaincu que"): the verb's form, and the fixed
/// words that must follow it.
struct CompoundCue: Sendable {
    var tail: [String]
    var form: VerbForm
}

/// Everything the attribution patterns know about one language, compiled once from
/// `attribution-verbs.tsv`, `attribution-grammar.tsv`, `attribution-phrases.tsv` and
/// `attribution-sources.tsv`. Adding a language means adding these four files.
struct AttributionLexicon: Sendable {
    var verbForms: [String: [VerbForm]] = [:]
    var objectVerbs: Set<String> = []
    var aux: Set<String> = []
    var passive: Set<String> = []
    var complementizers: Set<String> = []
    var adverbs = PhraseTable<Bool>()
    var connectors = PhraseTable<Bool>()
    var addressees = PhraseTable<Bool>()
    var determiners: Set<String> = []
    var prepositions: Set<String> = []
    var pronouns: [String: PronounInfo] = [:]
    var clitics: Set<String> = []
    var negations: Set<String> = []
    var relatives: Set<String> = []
    var asWords: Set<String> = []
    var articles: Set<String> = []
    var premodifiers: Set<String> = []
    var headFirst = true
    var phrases = PhraseTable<PhraseRole>()
    var anonymous: [String: AnonymousHead] = [:]
    var sectors: [String: (sector: String, prefix: String)] = [:]
    var outletNouns: Set<String> = []
    var organisationNouns: Set<String> = []
    var documentNouns: Set<String> = []
    var titles: Set<String> = []
    var personNouns: Set<String> = []
    var verbWords: Set<String> = []
    var innerPrepositions: Set<String> = []
    var coordinators: Set<String> = []
    var pluralSuffixes: [String] = []
    /// Endings of infinitives that can open a reported clause ("affirme avoir vu");
    /// languages without that construction list none.
    var infinitiveEndings: [String] = []
    /// Words after a verb that are its object, not a reported clause ("said nothing").
    var noClause: Set<String> = []
    var pluralDeterminers: Set<String> = []
    /// Verbs that report a clause without a complementizer ("said the war was over").
    var bareVerbs: Set<String> = []
    var particles: Set<String> = []
    /// Multi-word cues by the inflected form of their verb ("fait" → "faire savoir").
    var compounds: [String: [CompoundCue]] = [:]
    /// Agreement endings a compound's last word may take ("convaincu" → "convaincues").
    var agreementSuffixes: [String] = []
    /// Reflexive clitics and the auxiliary they take ("s'est félicité", "se dit").
    var reflexives: Set<String> = []
    var reflexiveAux: Set<String> = []
    /// Lemmas whose reflexive form reports ("se féliciter", "se dire"); others ("se
    /// trouver", "se rendre") never open a cue. Empty = every lemma may.
    var reflexiveVerbs: Set<String> = []
    /// Forms of "apprendre": "a-t-on appris auprès de X" makes X the source.
    var learnForms: Set<String> = []
    var sourceMarkers = PhraseTable<Bool>()
    /// Who a "tell" verb is addressed to without a name ("told reporters he would").
    var audience = PhraseTable<Bool>()
    /// What a verb's complement may be besides a clause: "to" (infinitive, "claimed
    /// to have"), "ing" ("denied targeting"), by lemma.
    var complementKinds: [String: Set<String>] = [:]
    /// Verbs that report an estimate as "verb [object] PREPOSITION figure": "estime à
    /// 12 000 le nombre de soldats", "put the death toll at 300", by lemma.
    var figureFrames: [String: Set<String>] = [:]
    /// Figure-frame verbs that report nothing else ("put", "place"): "put the plan that…"
    /// is no attribution.
    var frameOnlyVerbs: Set<String> = []
    var infinitiveMarkers: Set<String> = []
    var gerundEndings: [String] = []
    /// Endings of a finite past verb that ends an English subject ("The company
    /// rejected the report, saying …").
    var pastEndings: [String] = []
    /// "X's statement that C": possessive marks and the nouns that report.
    var possessives: Set<String> = []
    var statementNouns: Set<String> = []
    /// The preposition of a passive's agent ("claimed by Albania").
    var agents: Set<String> = []
    let language: Language

    /// Which generator inflects the verb files ("french", "english"), from the grammar file.
    var conjugation = "french"

    /// Forms of a verb row, by this language's generator.
    func forms(_ row: [String]) -> [VerbForm] {
        conjugation == "english" ? EnglishConjugator.forms(row) : FrenchConjugator.forms(row)
    }

    init(_ language: Language) {
        self.language = language
        for row in LanguageData.file("attribution-grammar.tsv", language).rows where row.count >= 2 {
            let word = row[1].lowercased()
            switch row[0] {
            case "aux": aux.insert(word)
            case "passive": passive.insert(word)
            case "complementizer": complementizers.insert(word)
            case "adverb": adverbs.add(word, true)
            case "connector": connectors.add(word, true)
            case "addressee": addressees.add(word, true)
            case "determiner": determiners.formUnion(PhraseTable<Bool>.words(word).prefix(1))
            case "preposition": prepositions.insert(word)
            case "pronoun":
                pronouns[word] = PronounInfo(gender: row.count > 2 ? row[2] : "-",
                                             plural: row.count > 3 && row[3] == "p",
                                             person: row.count > 4 ? Int(row[4]) ?? 3 : 3)
            case "clitic": clitics.insert(word)
            case "negation": negations.insert(word)
            case "relative": relatives.insert(word)
            case "as": asWords.insert(word)
            case "article": articles.insert(word)
            case "premodifier": premodifiers.insert(word)
            case "head-position": headFirst = word != "last"
            case "conjugation": conjugation = word
            case "particle": particles.insert(word)
            case "verb": verbWords.insert(word)
            case "inner-preposition": innerPrepositions.insert(word); prepositions.insert(word)
            case "coordinator": coordinators.insert(word)
            case "plural-suffix": pluralSuffixes.append(word)
            case "infinitive-ending": infinitiveEndings.append(word)
            case "no-clause": noClause.insert(word)
            case "determiner-plural": pluralDeterminers.insert(word)
            case "agreement-suffix": agreementSuffixes.append(word)
            case "reflexive": reflexives.insert(word)
            case "reflexive-aux": reflexiveAux.insert(word)
            case "reflexive-verb": reflexiveVerbs.insert(word)
            case "learn": learnForms.insert(word)
            case "source-marker": sourceMarkers.add(word, true)
            case "audience": audience.add(word, true)
            case "infinitive-marker": infinitiveMarkers.insert(word)
            case "gerund-ending": gerundEndings.append(word)
            case "past-ending": pastEndings.append(word)
            case "possessive": possessives.insert(word)
            case "statement-noun": statementNouns.insert(word)
            case "agent": agents.insert(word)
            case "figure-frame" where row.count >= 3:
                figureFrames[word, default: []].insert(row[2].lowercased())
                if row.count >= 4, row[3] == "only" { frameOnlyVerbs.insert(word) }
            default: break
            }
        }
        for row in LanguageData.file("attribution-verbs.tsv", language).rows {
            let words = row[0].lowercased().split(separator: " ").map(String.init)
            if words.count > 1 {
                // "faire savoir": the first word inflects, the others follow it as written.
                for form in forms([words[0]] + row.dropFirst()) {
                    var f = form
                    f.lemma = words.joined(separator: " ")
                    compounds[form.text, default: []].append(CompoundCue(tail: Array(words.dropFirst()), form: f))
                }
                continue
            }
            for form in forms(row) { verbForms[form.text, default: []].append(form) }
            if row.count >= 5, row[4] == "object" { objectVerbs.insert(row[0].lowercased()) }
            if row.count >= 6, row[5] == "bare" { bareVerbs.insert(row[0].lowercased()) }
            if row.count >= 7, !row[6].isEmpty {
                complementKinds[row[0].lowercased()] = Set(row[6].split(separator: "|").map(String.init))
            }
        }
        for row in LanguageData.file("attribution-phrases.tsv", language).rows where row.count >= 2 {
            if let role = PhraseRole(rawValue: row[1]) { phrases.add(row[0], role) }
        }
        cueStarts = aux.union(verbForms.keys).union(phrases.firstWords).union(asWords)
            .union(compounds.keys).union(reflexives).union(learnForms)
        for row in LanguageData.file("attribution-sources.tsv", language).rows where row.count >= 3 {
            let singular = row[1].lowercased(), plural = row[2].lowercased()
            switch row[0] {
            case "anonymous" where row.count >= 5:
                anonymous[singular] = AnonymousHead(plural: false, sector: row[3], canonical: row[4])
                if plural != "-" { anonymous[plural] = AnonymousHead(plural: true, sector: row[3], canonical: row[4]) }
            case "sector" where row.count >= 5:
                sectors[singular] = (row[3], row[4])
                if plural != "-" { sectors[plural] = (row[3], row[4]) }
            case "outlet":
                outletNouns.insert(singular)
                if plural != "-" { outletNouns.insert(plural) }
            case "organisation":
                organisationNouns.insert(singular)
                if plural != "-" { organisationNouns.insert(plural) }
            case "title":
                titles.insert(singular)
                if plural != "-" { titles.insert(plural) }
                personNouns.insert(singular)
            case "person":
                personNouns.insert(singular)
            case "document":
                documentNouns.insert(singular)
                if plural != "-" { documentNouns.insert(plural) }
            default: break
            }
        }
    }

    /// Words at which a cue can start (verb forms, auxiliaries, phrase starts): a token
    /// not in it is skipped by the cue passes after one lookup.
    var cueStarts: Set<String> = []

    /// Loaded once per language for the life of the process.
    static let byLanguage: [Language: AttributionLexicon] = {
        var table: [Language: AttributionLexicon] = [:]
        for language in Language.supported {
            var lexicon = AttributionLexicon(language)
            lexicon.compileWordClasses()
            table[language] = lexicon
        }
        return table
    }()

    /// A lexicon behind a reference, for values made per sentence (`SentencePatterns`).
    final class Shared: Sendable {
        let value: AttributionLexicon
        init(_ value: AttributionLexicon) { self.value = value }
    }

    /// `byLanguage`, each behind one shared reference.
    static let shared: [Language: Shared] = byLanguage.mapValues(Shared.init)

    /// The word sets the patterns test token by token, numbered for `wordClasses`.
    enum WordClass: UInt32, CaseIterable {
        case agents, articles, asWords, aux, clitics, complementizers, coordinators, determiners
        case innerPrepositions, learnForms, negations, outletNouns, particles, passive, possessives
        case premodifiers, prepositions, reflexiveAux, reflexives, relatives, statementNouns, titles
        case verbWords, cueStarts
    }

    /// Word → bit set of the `WordClass` sets holding it. Why: the patterns ask "is this
    /// token a determiner / a preposition / an auxiliary…" dozens of times per sentence;
    /// hashing the token's String (and comparing accented Strings, a slow path) for each
    /// question cost more than the patterns themselves. Now each token is hashed once per
    /// document (`classes(of:)`) and every question is a bit test.
    private(set) var wordClasses: [String: UInt32] = [:]

    mutating func compileWordClasses() {
        var table: [String: UInt32] = [:]
        for c in WordClass.allCases {
            for word in words(c) { table[word, default: 0] |= 1 << c.rawValue }
        }
        wordClasses = table
        let words = Array(table.keys)
        classValues = words.map { table[$0]! }
        classIndex = ASCIIKeyIndex(Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, Int32($0)) }))
        lettersFirst = table.keys.allSatisfy { key in
            key.unicodeScalars.first.map { CharClass.isLetter($0) || CharClass.isDigit($0) } ?? false
        }
    }

    private(set) var lettersFirst = false
    /// `wordClasses` for ASCII words without String hashing: word → index in `classValues`.
    private var classIndex = ASCIIKeyIndex([:])
    private var classValues: [UInt32] = []

    /// `wordClasses[word] ?? 0`.
    @inline(__always) private func wordClass(_ word: String) -> UInt32 {
        if let n = classIndex.lookup(word) { return n < 0 ? 0 : classValues[Int(n)] }
        return wordClasses[word] ?? 0
    }

    private func words(_ c: WordClass) -> Set<String> {
        switch c {
        case .agents: return agents
        case .articles: return articles
        case .asWords: return asWords
        case .aux: return aux
        case .clitics: return clitics
        case .complementizers: return complementizers
        case .coordinators: return coordinators
        case .determiners: return determiners
        case .innerPrepositions: return innerPrepositions
        case .learnForms: return learnForms
        case .negations: return negations
        case .outletNouns: return outletNouns
        case .particles: return particles
        case .passive: return passive
        case .possessives: return possessives
        case .premodifiers: return premodifiers
        case .prepositions: return prepositions
        case .reflexiveAux: return reflexiveAux
        case .reflexives: return reflexives
        case .relatives: return relatives
        case .statementNouns: return statementNouns
        case .titles: return titles
        case .verbWords: return verbWords
        case .cueStarts: return cueStarts
        }
    }

    /// Per token of a document, the bit set of the classes its lowercase form is in.
    /// Punctuation and symbols are not hashed when every word starts with a letter or a
    /// digit (their first scalar is neither, so they are in no set).
    func classes(of tokens: [Token]) -> [UInt32] {
        var out = [UInt32](repeating: 0, count: tokens.count)
        for i in tokens.indices {
            if lettersFirst, tokens[i].kind == .punctuation || tokens[i].kind == .symbol { continue }
            out[i] = wordClasses[tokens[i].lower] ?? 0
        }
        return out
    }

    /// `classes(of: text.tokens)`, hashing each distinct word of the document once (see
    /// `WordForms`) rather than every token.
    func classes(of text: AnalyzedText) -> [UInt32] {
        let perForm = text.words.forms.map(wordClass)
        let tokens = text.tokens, ids = text.words.ids
        var out = [UInt32](repeating: 0, count: tokens.count)
        for i in tokens.indices {
            if lettersFirst, tokens[i].kind == .punctuation || tokens[i].kind == .symbol { continue }
            out[i] = perForm[Int(ids[i])]
        }
        return out
    }

    /// Is a noun phrase with this determiner and head plural ("les habitants")?
    func isPlural(determiner: String?, head: String?) -> Bool {
        if let d = determiner, pluralDeterminers.contains(d) { return true }
        guard let h = head, h.unicodeScalars.count > 3 else { return false }
        return pluralSuffixes.contains { WordShape.endsWith(h, $0) && !WordShape.endsWith(h, $0 + $0) }
    }

    /// Pronouns that may follow an inverted verb ("dit-il", "a-t-elle").
    func invertedPronoun(_ word: String) -> PronounInfo? {
        guard let p = pronouns[word], p.person == 3 || p.person == 0 else { return nil }
        return p
    }
}
