import DossierCore
import DossierText

/// What the recogniser asks about one folded word, from every list at once.
struct EntityWordFacts: Sendable {
    /// The country of a one-word nationality form ("russe", "ukrainian").
    var country: String?
    /// First word of a nationality phrase of several words ("north" of "north korean").
    var nationalityPhraseStart = false
    /// First word of a knowledge-base alias written in lowercase ("bande" of "bande de Gaza").
    var lowercaseStart = false
    /// A given name ("ruslan", "kim").
    var givenName = false
    /// A ministry head or a one-word title ("ministere", "president"): a portfolio phrase
    /// may start here (`EntityPortfolios.swift`).
    var portfolioStart = false
    /// The gazetteer node of the one-word key: where every knowledge-base lookup starts.
    var node: Gazetteer.Node?
}

/// The lexicon's nationality words, the knowledge base's given names and gazetteer keys,
/// merged into one table keyed by folded word and built once per language.
///
/// Why: the recogniser used to hash each token's folded form into four or five separate
/// sets and dictionaries, several times per token (nationality test in the scan, in the
/// chunker, in the cue search; lowercase alias starts; given names; the gazetteer). Now a
/// token is hashed once per document (`EntityPass.init`) and every later question is an
/// array read. The answers are exactly those of the separate lists.
struct EntityWordTable: Sendable {
    private(set) var index: [String: Int32] = [:]
    private(set) var facts: [EntityWordFacts] = []

    init(lexicon: EntityLexicon, kb: EntityKnowledgeBase, portfolios: EntityPortfolioLexicon) {
        for (word, country) in lexicon.demonyms { update(word) { $0.country = country } }
        for word in portfolios.heads { update(word) { $0.portfolioStart = true } }
        for (word, cues) in lexicon.beforeCues where cues.contains(where: { $0.type == .person && $0.tokens.count == 1 }) {
            update(EntityFolding.fold(word)) { $0.portfolioStart = true }
        }
        for word in lexicon.phraseStarts { update(word) { $0.nationalityPhraseStart = true } }
        for word in kb.gazetteer.lowercaseStarts { update(word) { $0.lowercaseStart = true } }
        for word in kb.givenNames { update(word) { $0.givenName = true } }
        for (key, node) in kb.gazetteer.nodes { update(key) { $0.node = node } }
        lettersFirst = index.keys.allSatisfy { key in
            key.unicodeScalars.first.map { CharClass.isLetter($0) || CharClass.isDigit($0) } ?? false
        }
    }

    /// Every key starts with a letter or a digit, so a punctuation or symbol token (whose
    /// first scalar is neither) is in no list and need not be hashed.
    private(set) var lettersFirst = false

    /// The facts' index of every token (-1: in no list), hashing each distinct form of
    /// the document once (`folded`: the folded text of each of `forms.forms`).
    func lookup(_ tokens: [Token], forms: WordForms, folded: [String]) -> [Int32] {
        let perForm = folded.map(lookup)
        var ids = [Int32](repeating: -1, count: tokens.count)
        for i in tokens.indices {
            if lettersFirst, tokens[i].kind == .punctuation || tokens[i].kind == .symbol { continue }
            ids[i] = perForm[Int(forms.ids[i])]
        }
        return ids
    }

    private mutating func update(_ word: String, _ change: (inout EntityWordFacts) -> Void) {
        if let i = index[word] {
            change(&facts[Int(i)])
        } else {
            var f = EntityWordFacts()
            change(&f)
            index[word] = Int32(facts.count)
            facts.append(f)
        }
    }

    /// The facts' index of a folded word, or -1 when no list holds it.
    @inline(__always) func lookup(_ folded: String) -> Int32 { index[folded] ?? -1 }

    static let shared: [Language: EntityWordTable] = {
        var all: [Language: EntityWordTable] = [:]
        for language in Language.supported {
            all[language] = EntityWordTable(lexicon: .lexicon(for: language), kb: .shared,
                                            portfolios: .lexicon(for: language))
        }
        return all
    }()

    static let merged = EntityWordTable(lexicon: .merged, kb: .shared, portfolios: .merged)

    /// The table matching `EntityLexicon.lexicon(for:)`.
    static func table(for language: Language) -> EntityWordTable { shared[language] ?? merged }
}

extension EntityPass {
    /// The facts of token `i`, if any list holds its folded form.
    @inline(__always) func facts(_ i: Int) -> EntityWordFacts? {
        let w = wordIDs[i]
        return w < 0 ? nil : words.facts[Int(w)]
    }

    /// `lexicon.nationality(folded[i])`, from the table: a compound form
    /// ("russo-ukrainien") still goes through the lexicon, only when hyphenated.
    func nationalityOf(_ i: Int) -> String? {
        if let c = facts(i)?.country { return c }
        guard hyphenated[i] else { return nil }
        return lexicon.nationality(folded[i])
    }

    /// `kb.givenNames.contains(folded[i])`.
    @inline(__always) func isGivenName(_ i: Int) -> Bool { facts(i)?.givenName ?? false }
}
