import DossierCore

/// Tells French from English (and says "und" otherwise) by counting frequent function
/// words, which is reliable on anything longer than a headline and costs one pass.
public struct LanguageIdentifier: Sendable {
    /// Below this many function-word hits the text is too short to tell.
    public var minimumHits = 2
    /// Function words are so frequent that the first few hundred words settle the
    /// question; reading further only costs time.
    public var sampleSize = 400

    public init() {}

    public func identify(_ tokens: [Token]) -> Language {
        let table = Self.table
        var scores = [Int](repeating: 0, count: table.languages.count)
        var seen = 0
        for token in tokens where token.kind == .word || token.kind == .elision {
            // One lookup per word for every language at once.
            if let mask = table.words[token.lower] { Self.count(mask, into: &scores) }
            seen += 1
            if seen >= sampleSize { break }
        }
        return decide(scores, table.languages)
    }

    /// `identify(tokens)`, looking each distinct word up once (`forms`: the tokens' word
    /// ids, see `WordForms`): a text repeats its function words, which are what is counted.
    public func identify(_ tokens: [Token], forms: WordForms) -> Language {
        let table = Self.table
        var scores = [Int](repeating: 0, count: table.languages.count)
        var seen = 0
        // Per form: its language mask + 1, or 0 while not looked up.
        var masks = [UInt64](repeating: 0, count: forms.forms.count)
        for i in tokens.indices where tokens[i].kind == .word || tokens[i].kind == .elision {
            let form = Int(forms.ids[i])
            if masks[form] == 0 { masks[form] = (table.words[forms.forms[form]] ?? 0) &+ 1 }
            let mask = masks[form] &- 1
            if mask != 0 { Self.count(mask, into: &scores) }
            seen += 1
            if seen >= sampleSize { break }
        }
        return decide(scores, table.languages)
    }

    @inline(__always) private static func count(_ languages: UInt64, into scores: inout [Int]) {
        var mask = languages
        while mask != 0 {
            scores[mask.trailingZeroBitCount] += 1
            mask &= mask - 1
        }
    }

    private func decide(_ scores: [Int], _ languages: [Language]) -> Language {
        var best = Language.undetermined
        var bestScore = 0
        var second = 0
        for (n, language) in languages.enumerated() {
            let score = scores[n]
            if score > bestScore {
                second = bestScore
                bestScore = score
                best = language
            } else if score > second {
                second = score
            }
        }
        // A tie, or too little evidence, is not an answer.
        if bestScore < minimumHits || bestScore == second { return .undetermined }
        return best
    }

    /// Every language's function words in one table: word → bit set of the languages
    /// (in `LanguageCatalog.available` order) that list it.
    private static let table: (languages: [Language], words: [String: UInt64]) = {
        var languages: [Language] = []
        var words: [String: UInt64] = [:]
        for language in LanguageCatalog.available where languages.count < 64 {
            guard let resources = TextResources.byLanguage[language] else { continue }
            let bit = UInt64(1) << UInt64(languages.count)
            languages.append(language)
            for word in resources.stopwords { words[word, default: 0] |= bit }
        }
        return (languages, words)
    }()

    public func identify(_ text: String) -> Language {
        identify(Tokenizer().tokenize(NormalizedText(text)))
    }
}
