import Foundation
import DossierCore
import DossierText

/// Phrases of one or more words, tokenised exactly like the text, looked up forward (from
/// their first word) or backward (from their last word); the longest match wins, so
/// "selon toute vraisemblance" is found before "selon". Every lexicon of the extractors
/// (qualifiers, currencies, units, reporting phrases, hedges) is one of these.
struct PhraseTable<Value: Sendable>: Sendable {
    /// One phrase: its words, its value, and whether its words must be glued (see `glued`).
    private struct Entry: Sendable {
        let words: [String]
        let value: Value
        var glued: Bool
    }
    private var byFirst: [String: [Entry]] = [:]
    private var byLast: [String: [Entry]] = [:]
    /// Phrases written without spaces ("a$", "km/h") match only glued tokens, so that the
    /// article in "a $61bn" is not the Australian "A$". Kept per entry too, so a match
    /// does not join and hash the words again.
    private var glued: Set<String> = []
    /// The first and the last words, as a bit filter (`WordFilter`): most tokens start
    /// and end no phrase, and the filter says so without hashing the token's String.
    private var firstFilter = WordFilter(), lastFilter = WordFilter()

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
        let joined = w.joined(separator: " ")
        if t.count > 1, t.dropFirst().allSatisfy({ !$0.spaceBefore }), !glued.contains(joined) {
            glued.insert(joined)
            // Entries with the same words, added before, now need glued tokens too (they
            // share the first and the last word, so they are in these two lists).
            for k in byFirst[first, default: []].indices where byFirst[first]![k].words == w { byFirst[first]![k].glued = true }
            for k in byLast[last, default: []].indices where byLast[last]![k].words == w { byLast[last]![k].glued = true }
        }
        let entry = Entry(words: w, value: value, glued: w.count > 1 && glued.contains(joined))
        firstFilter.insert(first)
        lastFilter.insert(last)
        byFirst[first, default: []].append(entry)
        byLast[last, default: []].append(entry)
        byFirst[first]?.sort { $0.words.count > $1.words.count }
        byLast[last]?.sort { $0.words.count > $1.words.count }
    }

    /// The longest phrase whose words are `words[0...]`: its value and length.
    func match(_ words: [String]) -> (Value, Int)? {
        guard let first = words.first, firstFilter.mayContain(first), let list = byFirst[first] else { return nil }
        for e in list where e.words.count <= words.count {
            if zip(e.words, words).allSatisfy({ $0 == $1 }) { return (e.value, e.words.count) }
        }
        return nil
    }

    /// The longest phrase starting at token `index`: its value and length.
    func match(_ tokens: [Token], at index: Int) -> (Value, Int)? {
        match(tokens, at: index, end: tokens.count).map { ($0.value, $0.length) }
    }

    /// The longest phrase starting at token `i` and ending at or before token `end`.
    func match(_ tokens: [Token], at i: Int, end: Int) -> (length: Int, value: Value)? {
        guard i < end, i < tokens.count, firstFilter.mayContain(tokens[i].lower),
              let candidates = byFirst[tokens[i].lower] else { return nil }
        outer: for e in candidates {
            let words = e.words
            guard i + words.count <= min(end, tokens.count) else { continue }
            for k in 1..<max(1, words.count) where tokens[i + k].lower != words[k] { continue outer }
            if gluedOK(e, tokens, i) { return (words.count, e.value) }
        }
        return nil
    }

    /// The length of the longest phrase at token `i`, if any.
    func contains(_ tokens: [Token], at i: Int, end: Int) -> Int? { match(tokens, at: i, end: end)?.length }

    /// The longest phrase ending just before token `end`: its value and first token.
    func match(_ tokens: [Token], endingBefore end: Int) -> (Value, Int)? {
        guard end > 0, end <= tokens.count, lastFilter.mayContain(tokens[end - 1].lower),
              let list = byLast[tokens[end - 1].lower] else { return nil }
        for e in list where e.words.count <= end {
            let parts = e.words
            let start = end - parts.count
            if (0..<parts.count).allSatisfy({ tokens[start + $0].lower == parts[$0] }),
               gluedOK(e, tokens, start) { return (e.value, start) }
        }
        return nil
    }

    /// The words a phrase can start with.
    var firstWords: Set<String> { Set(byFirst.keys) }

    private func gluedOK(_ e: Entry, _ tokens: [Token], _ start: Int) -> Bool {
        guard e.glued else { return true }
        return (1..<e.words.count).allSatisfy { !tokens[start + $0].spaceBefore }
    }
}

/// A 1 024-bit filter over ASCII words, by their UTF-8 length, first and last bytes: no
/// false negatives, few false positives for the tens to hundreds of words a phrase table
/// starts or ends with. Testing it reads the String's bytes once; a dictionary lookup
/// hashes them (SipHash) and then probes.
///
/// Only ASCII words are filtered: a word with other bytes always passes, since String
/// equality (the dictionary's) is canonical equivalence and "é" may be spelled in two
/// ways. An ASCII word equals only ASCII words, and the few non-ASCII scalars that are
/// canonically ASCII (U+212A KELVIN SIGN is "K", U+037E is ";") are inserted by their
/// composed form (NFC), which is then the ASCII spelling.
struct WordFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 16)

    mutating func insert(_ word: String) {
        set(Self.slot(word))
        if word.utf8.contains(where: { $0 >= 0x80 }) { set(Self.slot(word.precomposedStringWithCanonicalMapping)) }
    }

    private mutating func set(_ s: Int) { bits[s >> 6] |= 1 << UInt64(s & 63) }

    @inline(__always)
    func mayContain(_ word: String) -> Bool {
        let u = word.utf8
        for b in u where b >= 0x80 { return true }
        let s = Self.slot(word)
        return bits[s >> 6] & (1 << UInt64(s & 63)) != 0
    }

    @inline(__always)
    static func slot(_ word: String) -> Int {
        let u = word.utf8
        guard let first = u.first, let last = u.last else { return 0 }
        return ((Int(first) &* 31 &+ Int(last)) &* 37 &+ u.count) & 1023
    }
}
