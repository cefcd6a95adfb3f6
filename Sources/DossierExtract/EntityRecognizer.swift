import DossierCore
import DossierText

/// Finds people, organisations, places and nationalities in French and English news.
///
/// Three sources, in order of trust: the knowledge base (`Resources/kb`, longest match
/// over tokens, case- and accent-aware), context rules for capitalised names the base does
/// not know (cues such as "le président X", "X Team", "la ville de X", held in
/// `Resources/<lang>/entity-cues.tsv`), and in-document resolution ("Leviev" after "Ruslan
/// Leviev"). Nationality words are looked up separately and always typed NORP. Places
/// and seats of power acting as governments get a `role` (see `EntityMetonymy`).
///
/// The statistical tagger (`NERTagger`, loaded lazily once per language) then proposes
/// names the rules left untyped; see `EntityTaggerMerge.swift` for how the two combine.
public struct EntityRecognizer: Sendable {
    public let sources: EntitySources
    /// Lowest tagger confidence kept (chosen on the dev corpora).
    public let threshold: Double

    public init() {
        self.init(sources: EntitySources.processDefault, threshold: EntitySources.processThreshold)
    }

    public init(sources: EntitySources, threshold: Double = EntitySources.processThreshold) {
        self.sources = sources
        self.threshold = threshold
    }

    /// Mentions with spans in the normalised coordinates of `text`, in text order.
    public func mentions(in text: AnalyzedText) -> [EntityMention] {
        var pass = EntityPass(text: text, kb: .shared, lexicon: .lexicon(for: text.language),
                              words: .table(for: text.language))
        let tagger = sources == .rules ? nil : NERTagger.shared(for: text.language)
        guard let tagger else { return pass.run(sources: sources) }
        if sources == .tagger { return pass.run(tagged: tagger.tag(text), sources: sources, threshold: threshold) }
        // Rules first; the tagger then reads only the sentences where it could still add a
        // name (see `sentencesLeftForTagger`): most sentences are settled by then, and the
        // tagger is the costliest stage.
        pass.runRules()
        let tagged = tagger.tag(text, sentences: pass.sentencesLeftForTagger())
        return pass.finish(tagged: tagged, threshold: threshold)
    }
}

/// One document's recognition state; a value made per call, so the recogniser stays
/// `Sendable` and stateless.
struct EntityPass {
    let text: AnalyzedText
    let kb: EntityKnowledgeBase
    let lexicon: EntityLexicon
    let tokens: [Token]
    /// Folded lowercase of every token, the gazetteer's keys.
    let folded: FoldedWords
    /// Every list's facts about the folded words (see `EntityWordTable`).
    let words: EntityWordTable
    /// Per token, its index in `words.facts`, or -1: the only hash of a token's form.
    let wordIDs: [Int32]
    /// Per token, `words.flags` of its word (empty when in no list).
    let tokenFlags: [EntityWordFlags]
    /// Per token, whether its folded form has a hyphen (a compound nationality may).
    let hyphenated: [Bool]
    /// Per token, whether it is first in its sentence (or outside every sentence).
    let sentenceFirst: [Bool]
    /// Ministry heads, links and portfolios of the text's language.
    let portfolios: EntityPortfolioLexicon
    var found: [EntityMention] = []
    /// Surnames and other short forms of people already named in full → their mention.
    var shortForms: [String: EntityMention] = [:]
    /// KB aliases already resolved in this document to an entry (by first token span key).
    var resolvedAliases: [String: Int] = [:]
    /// Unknown names already typed in this document, by folded key: a later mention
    /// without its cue ("Ruslan Leviev rappelle…") keeps the type.
    var fullNames: [String: EntityMention] = [:]
    /// Capitalised pieces left untyped, retried against the document's names at the end;
    /// `initial` says whether the piece starts a sentence.
    var pending: [(range: Range<Int>, initial: Bool)] = []
    /// Token indices right after a title phrase ("ministre de la Défense"): a name there
    /// is a person (see `EntityPortfolios.swift`).
    var titleEnds: Set<Int> = []
    /// The title phrases themselves: no name is taken from them, the tagger's included.
    var titlePhrases: [Range<Int>] = []

    init(text: AnalyzedText, kb: EntityKnowledgeBase, lexicon: EntityLexicon, words: EntityWordTable) {
        self.text = text
        self.kb = kb
        self.lexicon = lexicon
        self.words = words
        self.portfolios = .lexicon(for: text.language)
        let tokens = text.tokens
        self.tokens = tokens
        // Folded, looked up and tested once per distinct word of the document, then read
        // per token (see `WordForms`).
        let forms = text.words
        let foldedForms = forms.forms.map(EntityFolding.fold)
        self.folded = FoldedWords(forms: foldedForms, ids: forms.ids)
        let wordIDs = words.lookup(tokens, forms: forms, folded: foldedForms)
        self.wordIDs = wordIDs
        self.tokenFlags = wordIDs.map { $0 < 0 ? [] : words.flags[Int($0)] }
        self.hyphenated = forms.perToken(foldedForms.map { $0.utf8.contains(UInt8(ascii: "-")) })
        // The sentence of each token by one forward sweep (token starts only grow), as
        // `AnalyzedText.sentenceIndex` would find it by binary search.
        var first = [Bool](repeating: true, count: tokens.count)
        let sentences = text.sentences
        var s = 0
        for i in tokens.indices.dropFirst() {
            let start = tokens[i].start
            while s < sentences.count, sentences[s].end <= start { s += 1 }
            if s < sentences.count, sentences[s].start <= start, tokens[i - 1].start >= sentences[s].start {
                first[i] = false
            }
        }
        self.sentenceFirst = first
    }

    mutating func run(tagged: [TaggedSpan]? = nil, sources: EntitySources = .rules,
                      threshold: Double = 0) -> [EntityMention] {
        for sentence in text.sentences {
            let range = text.tokenRange(in: sentence)
            scan(range)
        }
        if sources == .tagger {
            // Measuring the tagger alone: its raw spans, plus the lexicon's nationality words.
            found.removeAll { $0.type != .nationality }
            found += (tagged ?? []).filter { $0.type != .miscellaneous }.map { $0.mention(in: text) }
            return found.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        }
        resolvePending()
        guessNationalities()
        if let tagged { addTagged(tagged, threshold: threshold) }
        retypeSportsTeams()
        unlinkForeignQualified()
        return found.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    /// The rules' part of `run` (knowledge base, cues, in-document resolution), leaving
    /// the tagger's names to `finish`.
    mutating func runRules() {
        for sentence in text.sentences { scan(text.tokenRange(in: sentence)) }
        resolvePending()
        guessNationalities()
    }

    /// Adds the tagger's names to the rules' and returns every mention in text order.
    mutating func finish(tagged: [TaggedSpan], threshold: Double) -> [EntityMention] {
        addTagged(tagged, threshold: threshold)
        retypeSportsTeams()
        unlinkForeignQualified()
        return found.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    func isNameToken(_ t: Token) -> Bool {
        (t.kind == .word || t.kind == .alphanumeric) && t.isCapitalized
    }

    /// `isNameToken(tokens[k])`, the token read in place: passed as an argument from a
    /// mutating method (`scan`), it was copied first (two String retains per token).
    func isNameToken(at k: Int) -> Bool {
        (tokens[k].kind == .word || tokens[k].kind == .alphanumeric) && tokens[k].isCapitalized
    }

    mutating func scan(_ range: Range<Int>) {
        var i = range.lowerBound
        while i < range.upperBound {
            // Fields read in place: copying the token would retain its Strings.
            let kind = tokens[i].kind
            // Ministries and titles named by a portfolio, before their capitalised
            // portfolio is read as a name ("ministère russe de la Défense").
            if let match = portfolioPhrase(at: i, limit: range.upperBound),
               (knownName(at: i, limit: range.upperBound)?.end ?? 0) < match.end {
                emitPortfolio(i, match)
                i = match.end
                continue
            }
            // A known name beats a nationality word inside it ("European Commission").
            if kind == .word, let (end, country) = nationality(at: i, limit: range.upperBound),
               !(isNameToken(at: i) && (knownName(at: i, limit: range.upperBound)?.end ?? 0) > end) {
                emitNationality(i..<end, country: country)
                i = end
                continue
            }
            // Capitals looked up by index: a slice's `contains` handed each token to the
            // closure as a copy (two String retains).
            if has(i, .lowercaseStart), !tokens[i].isCapitalized,
               let (end, entries) = kb.gazetteer.longestMatch(tokens, folded: folded, at: i, limit: range.upperBound,
                                                              start: node(i)),
               (i..<end).contains(where: { tokens[$0].isCapitalized }) {
                emitKB(i..<end, entries: entries)
                i = end
                continue
            }
            if isNameToken(at: i) || isNameElision(i) {
                let end = chunkEnd(from: i, limit: range.upperBound)
                i = processChunk(i..<end, sentenceEnd: range.upperBound)
                continue
            }
            i += 1
        }
    }

    /// A nationality word at token `i`, of up to three tokens ("North Korean").
    func nationality(at i: Int, limit: Int) -> (end: Int, country: String)? {
        var best: (Int, String)?
        if let c = nationalityOf(i) { best = (i + 1, c) }
        guard has(i, .nationalityPhraseStart) else { return best }
        var phrase = folded[i]
        var j = i + 1
        while j < limit, j < i + 3, tokens[j].kind == .word {
            phrase += " " + folded[j]
            if let c = lexicon.demonyms[phrase] { best = (j + 1, c) }
            j += 1
        }
        return best
    }

    /// A run of capitalised tokens, with connectors ("de", "of", "&") inside it when a
    /// capitalised token follows them. Nationality words end it: they are NORP on their own.
    func chunkEnd(from start: Int, limit: Int) -> Int {
        var end = start + 1
        while end < limit, end - start < 10 {
            // Tokens passed in place (`tokens[end]` to a borrowing parameter), not copied
            // into a local, which retained and released their Strings at each step.
            if isNameToken(tokens[end]), nationalityOf(end) == nil {
                end += 1
            } else if isNameElision(end), end + 1 < limit {
                end += 2
            } else if isConnector(tokens[end]), let next = nameAfterConnectors(end, limit: limit) {
                end = next + 1
            } else {
                break
            }
        }
        return end
    }

    /// The capitalised token after one or two connectors at `k` ("of", "for the"), if any.
    func nameAfterConnectors(_ k: Int, limit: Int) -> Int? {
        var j = k
        while j < limit, j < k + 2, isConnector(tokens[j]) { j += 1 }
        guard j < limit, j > k, isNameToken(tokens[j]), nationalityOf(j) == nil else { return nil }
        return j
    }

    /// A capital letter and an apostrophe glued to a capitalised word inside a sentence:
    /// part of a name ("Kévin N'Doram", "Ryan O'Brien", "à N'Djamena"), not an elision.
    /// In French an elided article or pronoun is written in lowercase there ("d'Ukraine",
    /// "n'est"); at a sentence start the capital says nothing, so it stays an elision.
    /// (Done here, not in the tokenizer: only names need it, and the tagger's features
    /// and every other extractor keep Dossier's one tokenisation.)
    func isNameElision(_ k: Int) -> Bool {
        guard tokens[k].kind == .elision, k + 1 < tokens.count, !isSentenceInitial(k) else { return false }
        let scalars = tokens[k].text.unicodeScalars
        guard scalars.count == 2, let first = scalars.first, first.properties.isUppercase else { return false }
        let next = tokens[k + 1]
        guard !next.spaceBefore, isNameToken(next), !next.isAllCaps else { return false }
        // A known name after it makes it an elision after all ("J'Algérie" in OCR for
        // "l'Algérie"), unless the name is known with it ("N'Djamena").
        return knownName(at: k + 1, limit: tokens.count) == nil || knownName(at: k, limit: tokens.count) != nil
    }

    func isConnector(_ t: Token) -> Bool {
        !t.isCapitalized && lexicon.connectors.contains(t.lower) || t.text == "&"
    }

    /// Is token `i` capitalised by position: first in its sentence, or after an opening
    /// quote, a colon, a dash or a bracket?
    func isSentenceInitial(_ i: Int) -> Bool {
        if sentenceFirst[i] { return true }
        let previous = tokens[i - 1]
        return previous.kind == .punctuation && EntityPass.openers.contains(previous.text)
    }

    static let openers: Set<String> = ["«", "\"", "(", "[", ":", "—", "–", "-", ".", "?", "!", ";", "…", "•", "*"]

    /// A one-word `before` cue of any type ("ONG", "groupe", "President").
    func isCueWord(_ i: Int) -> Bool {
        lexicon.beforeCues[tokens[i].lower]?.contains { $0.tokens.count == 1 } ?? false
    }

    func isTitle(_ i: Int) -> Bool {
        guard let cues = lexicon.beforeCues[tokens[i].lower] else { return false }
        return cues.contains { $0.type == .person && $0.tokens.count == 1 }
    }
}
