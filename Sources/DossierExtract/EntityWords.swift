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
    /// A word that makes a sentence about a game ("match", "beat"; `EntitySports.swift`).
    var sportsContext = false
}

/// The yes/no facts of a word as bits (see `EntityWordTable.flags`).
struct EntityWordFlags: OptionSet, Sendable {
    let rawValue: UInt8
    static let country = EntityWordFlags(rawValue: 1)
    static let nationalityPhraseStart = EntityWordFlags(rawValue: 2)
    static let lowercaseStart = EntityWordFlags(rawValue: 4)
    static let givenName = EntityWordFlags(rawValue: 8)
    static let portfolioStart = EntityWordFlags(rawValue: 16)
    static let node = EntityWordFlags(rawValue: 32)
    static let sportsContext = EntityWordFlags(rawValue: 64)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ f: EntityWordFacts) {
        var bits: EntityWordFlags = []
        if f.country != nil { bits.insert(.country) }
        if f.nationalityPhraseStart { bits.insert(.nationalityPhraseStart) }
        if f.lowercaseStart { bits.insert(.lowercaseStart) }
        if f.givenName { bits.insert(.givenName) }
        if f.portfolioStart { bits.insert(.portfolioStart) }
        if f.node != nil { bits.insert(.node) }
        if f.sportsContext { bits.insert(.sportsContext) }
        self = bits
    }
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

    init(lexicon: EntityLexicon, kb: EntityKnowledgeBase, portfolios: EntityPortfolioLexicon,
         sports: EntitySportsLexicon) {
        for (word, country) in lexicon.demonyms { update(word) { $0.country = country } }
        for word in portfolios.heads { update(word) { $0.portfolioStart = true } }
        for (word, cues) in lexicon.beforeCues where cues.contains(where: { $0.type == .person && $0.tokens.count == 1 }) {
            update(EntityFolding.fold(word)) { $0.portfolioStart = true }
        }
        for word in lexicon.phraseStarts { update(word) { $0.nationalityPhraseStart = true } }
        for word in kb.gazetteer.lowercaseStarts { update(word) { $0.lowercaseStart = true } }
        for word in kb.givenNames { update(word) { $0.givenName = true } }
        for (key, node) in kb.gazetteer.nodes { update(key) { $0.node = node } }
        for word in sports.context { update(word) { $0.sportsContext = true } }
        lettersFirst = index.keys.allSatisfy { key in
            key.unicodeScalars.first.map { CharClass.isLetter($0) || CharClass.isDigit($0) } ?? false
        }
        flags = facts.map(EntityWordFlags.init)
        fast = ASCIIKeyIndex(index)
    }

    /// Per facts index, its yes/no answers as bits: read per token without copying the
    /// facts (whose String and node a copy would retain).
    private(set) var flags: [EntityWordFlags] = []
    /// `index` for ASCII words, without String hashing (see `ASCIIKeyIndex`).
    private var fast = ASCIIKeyIndex([:])

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
    @inline(__always) func lookup(_ folded: String) -> Int32 { fast.lookup(folded) ?? index[folded] ?? -1 }

    static let shared: [Language: EntityWordTable] = {
        var all: [Language: EntityWordTable] = [:]
        for language in Language.supported {
            all[language] = EntityWordTable(lexicon: .lexicon(for: language), kb: .shared,
                                            portfolios: .lexicon(for: language), sports: .lexicon(for: language))
        }
        return all
    }()

    static let merged = EntityWordTable(lexicon: .merged, kb: .shared, portfolios: .merged, sports: .merged)

    /// The table matching `EntityLexicon.lexicon(for:)`.
    static func table(for language: Language) -> EntityWordTable { shared[language] ?? merged }
}

extension EntityPass {
    /// The facts of token `i`, if any list holds its folded form.
    @inline(__always) func facts(_ i: Int) -> EntityWordFacts? {
        let w = wordIDs[i]
        return w < 0 ? nil : words.facts[Int(w)]
    }

    /// Whether token `i`'s word has every fact of `flag`: one byte read, no copy.
    @inline(__always) func has(_ i: Int, _ flag: EntityWordFlags) -> Bool {
        tokenFlags[i].contains(flag)
    }

    /// The gazetteer node of token `i`'s one-word key, if any (`facts(i)?.node`).
    @inline(__always) func node(_ i: Int) -> Gazetteer.Node? {
        has(i, .node) ? words.facts[Int(wordIDs[i])].node : nil
    }

    /// `lexicon.nationality(folded[i])`, from the table: a compound form
    /// ("russo-ukrainien") still goes through the lexicon, only when hyphenated.
    func nationalityOf(_ i: Int) -> String? {
        if has(i, .country) { return words.facts[Int(wordIDs[i])].country }
        guard hyphenated[i] else { return nil }
        return lexicon.nationality(folded[i])
    }

    /// `kb.givenNames.contains(folded[i])`.
    @inline(__always) func isGivenName(_ i: Int) -> Bool { has(i, .givenName) }
}

/// The folded text of each token, read by index.
protocol FoldedTokenText {
    subscript(_ i: Int) -> String { get }
}

extension Array: FoldedTokenText where Element == String {}

/// The folded form of every token of a document, stored once per distinct word and read
/// through the token's form id (`WordForms`): the recogniser used to copy it into one
/// String per token (an array of retained Strings built and freed per document).
struct FoldedWords: FoldedTokenText, Sendable {
    /// The folded text of each of `WordForms.forms`.
    let forms: [String]
    /// `WordForms.ids`: per token, its form.
    let ids: [Int32]

    @inline(__always) subscript(_ i: Int) -> String { forms[Int(ids[i])] }

    /// The folded texts of a run of tokens.
    subscript(_ r: Range<Int>) -> [String] { r.map { forms[Int(ids[$0])] } }
}
