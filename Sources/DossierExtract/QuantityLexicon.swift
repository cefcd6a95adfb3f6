import DossierCore
import DossierText

/// Phrases of one or more words, tokenised like the text, looked up forward (from their
/// first word) or backward (from their last word); the longest match wins.
struct PhraseTable<Value: Sendable>: Sendable {
    private var byFirst: [String: [([String], Value)]] = [:]
    private var byLast: [String: [([String], Value)]] = [:]
    /// Phrases written without spaces ("a$", "km/h") match only glued tokens, so that the
    /// article in "a $61bn" is not the Australian "A$".
    private var glued: Set<String> = []

    /// Tokenises a phrase the way the text is tokenised, so that "jusqu'à" is
    /// ["jusqu'", "à"] and "près d'" ends with the elision "d'".
    static func words(_ phrase: String) -> [String] { tokens(phrase).map(\.lower) }

    static func tokens(_ phrase: String) -> [Token] {
        let dangling = phrase.hasSuffix("'")
        let tokens = Tokenizer().tokenize(NormalizedText(dangling ? phrase + "x" : phrase))
        return dangling ? Array(tokens.dropLast()) : tokens
    }

    mutating func add(_ phrase: String, _ value: Value) {
        let t = Self.tokens(phrase)
        let w = t.map(\.lower)
        if t.count > 1, t.dropFirst().allSatisfy({ !$0.spaceBefore }) { glued.insert(w.joined(separator: " ")) }
        guard let first = w.first, let last = w.last else { return }
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

    /// The longest phrase starting at token `index`.
    func match(_ tokens: [Token], at index: Int) -> (Value, Int)? {
        guard index < tokens.count, let list = byFirst[tokens[index].lower] else { return nil }
        for (parts, value) in list where index + parts.count <= tokens.count {
            if (0..<parts.count).allSatisfy({ tokens[index + $0].lower == parts[$0] }),
               gluedOK(parts, tokens, index) { return (value, parts.count) }
        }
        return nil
    }

    private func gluedOK(_ parts: [String], _ tokens: [Token], _ start: Int) -> Bool {
        guard parts.count > 1, glued.contains(parts.joined(separator: " ")) else { return true }
        return (1..<parts.count).allSatisfy { !tokens[start + $0].spaceBefore }
    }

    /// The longest phrase ending just before token `end`: its value and first token.
    func match(_ tokens: [Token], endingBefore end: Int) -> (Value, Int)? {
        guard end > 0, let list = byLast[tokens[end - 1].lower] else { return nil }
        for (parts, value) in list where parts.count <= end {
            let start = end - parts.count
            if (0..<parts.count).allSatisfy({ tokens[start + $0].lower == parts[$0] }),
               gluedOK(parts, tokens, start) { return (value, start) }
        }
        return nil
    }
}

enum QualifierType: String, Sendable { case near, about, lower, upper, vague }

struct Qualifier: Sendable {
    var type: QualifierType
    var after: Bool
}

struct CurrencyEntry: Sendable {
    var code: String
    var multiplier: Double
    var ambiguous: Bool
    var subunit: Bool
}

struct UnitEntry: Sendable {
    var symbol: String
    var dimension: String
    var cased: String?
    var calibre = false
}

struct CountedNoun: Sendable {
    var lemma: String
    var category: String
    var unit: String?

    /// Function words ("-") and determiners ("det") are listed only to be ruled out.
    var isNoun: Bool { category != "-" && category != "det" }
}

struct RateEntry: Sendable {
    var period: String
    var onNoun: Bool
}

/// Everything QuantityExtractor knows about one language, built once from its files.
struct QuantityLexicon: Sendable {
    var qualifiers = PhraseTable<Qualifier>()
    var rangeOpeners: [String: Set<String>] = [:]  // opener → connectors
    var freeConnectors: Set<String> = []
    var currencies = PhraseTable<CurrencyEntry>()
    /// Only symbols and codes (kb) stand before a figure: a name there is another word
    /// ("the party won 3 seats").
    var prefixCurrencies = PhraseTable<CurrencyEntry>()
    var units = PhraseTable<UnitEntry>()
    var counted = PhraseTable<CountedNoun>()
    /// Plural endings of unlisted nouns, and whether the lemma drops them.
    var pluralEndings: [(ending: String, strip: Bool)] = []
    var rates = PhraseTable<RateEntry>()
    /// "ft" → ("in", 12): a smaller unit that may follow a measure and add to it.
    var unitCompounds: [String: [(String, Double)]] = [:]
    var nextExclusions = PhraseTable<Bool>()
    var previousExclusions = PhraseTable<Bool>()
    var barePreviousExclusions = PhraseTable<Bool>()

    init(_ language: Language) {
        for row in LanguageData.file("qualifiers.tsv", language).rows where row.count >= 2 {
            guard let type = QualifierType(rawValue: row[1]) else { fatalError("qualifiers.tsv: bad type \(row[1])") }
            qualifiers.add(row[0], Qualifier(type: type, after: row.count > 2 && row[2] == "after"))
        }
        for row in LanguageData.file("ranges.tsv", language).rows where row.count >= 2 {
            let connector = PhraseTable<Int>.words(row[1]).first ?? row[1]
            if row[0] == "*" { freeConnectors.insert(connector) } else {
                rangeOpeners[PhraseTable<Int>.words(row[0]).first ?? row[0], default: []].insert(connector)
            }
        }
        for (k, file) in [LanguageData.knowledgeBase("currencies.tsv"), LanguageData.file("currencies.tsv", language)].enumerated() {
            for row in file.rows where row.count >= 2 {
                let multiplier = row.count > 2 ? Double(row[2]) ?? 1 : 1
                let flag = row.count > 3 ? row[3] : ""
                let entry = CurrencyEntry(code: row[1], multiplier: multiplier,
                                          ambiguous: flag == "ambiguous", subunit: flag == "subunit")
                currencies.add(row[0], entry)
                if k == 0 { prefixCurrencies.add(row[0], entry) }
            }
        }
        for file in [LanguageData.knowledgeBase("units.tsv"), LanguageData.file("units.tsv", language)] {
            for row in file.rows where row.count >= 3 {
                let cased = row.count > 3 && row[3] == "cased" ? row[0] : nil
                units.add(row[0], UnitEntry(symbol: row[1], dimension: row[2], cased: cased,
                                            calibre: row.count > 3 && row[3] == "calibre"))
            }
        }
        for row in LanguageData.knowledgeBase("unit-compounds.tsv").rows where row.count >= 3 {
            if let factor = Double(row[2]) { unitCompounds[row[0], default: []].append((row[1], factor)) }
        }
        for row in LanguageData.file("counted-nouns.tsv", language).rows where row.count >= 3 {
            if row[2] == "plural-ending" {
                pluralEndings.append((row[0].lowercased(), row[1] == "-"))
                continue
            }
            counted.add(row[0], CountedNoun(lemma: row[1], category: row[2], unit: row.count > 3 ? row[3] : nil))
        }
        for row in LanguageData.file("rates.tsv", language).rows where row.count >= 2 {
            rates.add(row[0], RateEntry(period: row[1], onNoun: row.count > 2 && row[2] == "noun"))
        }
        for row in LanguageData.file("contexts.tsv", language).rows where row.count >= 2 {
            if row[0] == "next" { nextExclusions.add(row[1], true) }
            if row[0] == "previous" { previousExclusions.add(row[1], true) }
            if row[0] == "bare-previous" { barePreviousExclusions.add(row[1], true) }
        }
    }

    static let all: [Language: QuantityLexicon] = {
        var table: [Language: QuantityLexicon] = [:]
        for language in Language.supported { table[language] = QuantityLexicon(language) }
        return table
    }()

    /// Text of undetermined language still gets symbols and codes.
    static let neutral = QuantityLexicon(.undetermined)

    static func shared(_ language: Language) -> QuantityLexicon { all[language] ?? neutral }
}
