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
            if var mask = table.words[token.lower] {
                while mask != 0 {
                    scores[mask.trailingZeroBitCount] += 1
                    mask &= mask - 1
                }
            }
            seen += 1
            if seen >= sampleSize { break }
        }
        var best = Language.undetermined
        var bestScore = 0
        var second = 0
        for (n, language) in table.languages.enumerated() {
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
