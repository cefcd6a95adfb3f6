import DossierCore
import DossierText

/// Phrases of one or more words, tokenised exactly like the text, looked up forward (from
/// their first word) or backward (from their last word); the longest match wins, so
/// "selon toute vraisemblance" is found before "selon". Every lexicon of the extractors
/// (qualifiers, currencies, units, reporting phrases, hedges) is one of these.
struct PhraseTable<Value: Sendable>: Sendable {
    private var byFirst: [String: [([String], Value)]] = [:]
    private var byLast: [String: [([String], Value)]] = [:]
    /// Phrases written without spaces ("a$", "km/h") match only glued tokens, so that the
    /// article in "a $61bn" is not the Australian "A$".
    private var glued: Set<String> = []

    /// Tokenises a phrase the way the text is tokenised, so that "jusqu'à" is
    /// ["jusqu'", "à"] and a phrase ending in an elision ("près d'", "qu'") ends with it.
    static func words(_ phrase: String) -> [String] { tokens(phrase).map(\.lower) }

    static func tokens(_ phrase: String) -> [Token] {
        let dangling = phrase.hasSuffix("'")
        let tokens = Tokenizer().tokenize(NormalizedText(dangling ? phrase + "x" : phrase))
        return dangling ? Array(tokens.dropLast()) : tokens
    }

    mutating func add(_ phrase: String, _ value: Value) {
        let t = Self.tokens(phrase)
        let w = t.map(\.lower)
        guard let first = w.first, let last = w.last else { return }
        if t.count > 1, t.dropFirst().allSatisfy({ !$0.spaceBefore }) { glued.insert(w.joined(separator: " ")) }
        byFirst[first, default: []].append((w, value))
        byLast[last, default: []].append((w, value))
        byFirst[first]?.sort { $0.0.count > $1.0.count }
        byLast[last]?.sort { $0.0.count > $1.0.count }
    }

    /// The longest phrase whose words are `words[0...]`: its value and length.
    func match(_ words: [String]) -> (Value, Int)? {
        guard let first = words.first, let list = byFirst[first] else { return nil }
        for (parts, value) in list where parts.count <= words.count {
            if zip(parts, words).allSatisfy({ $0 == $1 }) { return (value, parts.count) }
        }
        return nil
    }

    /// The longest phrase starting at token `index`: its value and length.
    func match(_ tokens: [Token], at index: Int) -> (Value, Int)? {
        match(tokens, at: index, end: tokens.count).map { ($0.value, $0.length) }
    }

    /// The longest phrase starting at token `i` and ending at or before token `end`.
    func match(_ tokens: [Token], at i: Int, end: Int) -> (length: Int, value: Value)? {
        guard i < end, i < tokens.count, let candidates = byFirst[tokens[i].lower] else { return nil }
        outer: for (words, value) in candidates {
            guard i + words.count <= min(end, tokens.count) else { continue }
            for k in 1..<max(1, words.count) where tokens[i + k].lower != words[k] { continue outer }
            if gluedOK(words, tokens, i) { return (words.count, value) }
        }
        return nil
    }

    /// The length of the longest phrase at token `i`, if any.
    func contains(_ tokens: [Token], at i: Int, end: Int) -> Int? { match(tokens, at: i, end: end)?.length }

    /// The longest phrase ending just before token `end`: its value and first token.
    func match(_ tokens: [Token], endingBefore end: Int) -> (Value, Int)? {
        guard end > 0, end <= tokens.count, let list = byLast[tokens[end - 1].lower] else { return nil }
        for (parts, value) in list where parts.count <= end {
            let start = end - parts.count
            if (0..<parts.count).allSatisfy({ tokens[start + $0].lower == parts[$0] }),
               gluedOK(parts, tokens, start) { return (value, start) }
        }
        return nil
    }

    /// The words a phrase can start with.
    var firstWords: Set<String> { Set(byFirst.keys) }

    private func gluedOK(_ parts: [String], _ tokens: [Token], _ start: Int) -> Bool {
        guard parts.count > 1, glued.contains(parts.joined(separator: " ")) else { return true }
        return (1..<parts.count).allSatisfy { !tokens[start + $0].spaceBefore }
    }
}
