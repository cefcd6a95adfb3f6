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
        var best = Language.undetermined
        var bestScore = 0
        var second = 0
        for language in LanguageCatalog.available {
            guard let resources = TextResources.byLanguage[language] else { continue }
            var score = 0
            var seen = 0
            for token in tokens where token.kind == .word || token.kind == .elision {
                if resources.stopwords.contains(token.lower) { score += 1 }
                seen += 1
                if seen >= sampleSize { break }
            }
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

    public func identify(_ text: String) -> Language {
        identify(Tokenizer().tokenize(NormalizedText(text)))
    }
}
