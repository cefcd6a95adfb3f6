import DossierCore
import DossierText

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
    /// Words after a lone numeral "one" that make it a pronoun ("one of them").
    var pronounNext = PhraseTable<Bool>()
    /// Words before a lone numeral "one" that make it a pronoun ("no one", "the one").
    var pronounPrevious = PhraseTable<Bool>()
    /// Phrases that tie a bare figure to a counted noun elsewhere in its clause.
    var countFrames = PhraseTable<CountFrameRole>()

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
            if row[0] == "pronoun-next" { pronounNext.add(row[1], true) }
            if row[0] == "pronoun-previous" { pronounPrevious.add(row[1], true) }
        }
        for row in LanguageData.file("count-frames.tsv", language).rows where row.count >= 2 {
            guard let role = CountFrameRole(rawValue: row[1]) else { fatalError("count-frames.tsv: bad role \(row[1])") }
            countFrames.add(row[0], role)
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
