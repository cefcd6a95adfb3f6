import DossierCore
import DossierText

/// The role a word plays when a number is written out. The kinds are the second field of
/// `Resources/<lang>/numbers.tsv`; the grammar that combines them lives in NumberReader,
/// so a new language only needs a new file.
enum NumberWordKind: String, Sendable {
    case cardinal, hundred, hundredPlural = "hundred-plural", scale, scaleAbbr = "scale-abbr", scaleAbbrCased = "scale-abbr-cs", scaleAbbrMoney = "scale-abbr-money"
    case ordinal, ordinalSuffix = "ordinal-suffix", fraction, group, collective, article
    case and, point, over, minus, of, decimalMark = "decimal-mark"
}

/// One entry of numbers.tsv.
struct NumberWord: Sendable {
    var kind: NumberWordKind
    var value: Double
    /// The conventional value of a plural collective standing alone ("hundreds" → 100).
    var vague: Double?
    /// Also the indefinite article ("un", "une"): standing alone it is not a figure.
    var isAlsoArticle = false
    /// A vague collective that counts only before a scale word ("a couple thousand", "a
    /// couple of hundred"): "a couple" alone is a pair of people, not a figure.
    var onlyBeforeScale = false
}

/// A cheap fingerprint of a word (its UTF-8 length and first, second, third and last
/// bytes). A lexicon keeps the fingerprints of its words, so a token whose fingerprint is
/// missing is known absent without hashing its String: hashing a String (NFC checks for
/// accented words) was the largest cost of scanning every token.
enum WordKey {
    static func of(_ s: String) -> UInt64 {
        let u = s.utf8
        var key = UInt64(truncatingIfNeeded: u.count)
        var shift: UInt64 = 16
        for b in u.prefix(3) {
            key |= UInt64(b) << shift
            shift += 8
        }
        if let last = u.last { key |= UInt64(last) << 40 }
        return key
    }
}

/// A language's number words, loaded once per language and shared by every reader.
struct NumberLexicon: Sendable {
    /// Lowercased word (and its accent-free form) → entry.
    let words: [String: NumberWord]
    /// Case-sensitive abbreviations ("M" is a million after digits, "m" is a metre).
    let casedAbbreviations: [String: Double]
    /// Multi-word entries, keyed by their first word: the longest is tried first.
    let compounds: [String: [(parts: [String], word: NumberWord)]]
    /// The decimal mark used when "1,500" could be either reading.
    let decimalMark: Unicode.Scalar
    /// Whether a number may start at a word (a word that is not only a joiner or a suffix,
    /// or a compound's first word): one lookup for every word the extractors ask about.
    let startWords: [String: Bool]
    /// Fingerprints of `startWords` (see WordKey).
    let startKeys: Set<UInt64>

    init(_ file: ResourceFile) {
        var words: [String: NumberWord] = [:]
        var cased: [String: Double] = [:]
        var compounds: [String: [(parts: [String], word: NumberWord)]] = [:]
        var mark: Unicode.Scalar = "."
        for row in file.rows where row.count >= 2 {
            guard let kind = NumberWordKind(rawValue: row[1]) else {
                fatalError("\(file.name): unknown number word kind '\(row[1])'")
            }
            if kind == .decimalMark {
                mark = row[0].unicodeScalars.first ?? "."
                continue
            }
            let value = row.count > 2 ? Double(row[2]) ?? 0 : 0
            let vague = row.count > 3 ? Double(row[3]) : nil
            var entry = NumberWord(kind: kind, value: value, vague: vague)
            entry.isAlsoArticle = row.count > 3 && row[3] == "also-article"
            entry.onlyBeforeScale = row.count > 3 && row[3] == "before-scale"
            if kind == .scaleAbbrCased {
                cased[row[0]] = value
                continue
            }
            let key = row[0].lowercased()
            let parts = key.split(separator: " ").map(String.init)
            if parts.count > 1 {
                compounds[parts[0], default: []].append((parts, entry))
                let folded = parts.map(Self.fold)
                if folded != parts { compounds[folded[0], default: []].append((folded, entry)) }
                continue
            }
            words[key] = entry
            let folded = Self.fold(key)
            if folded != key, words[folded] == nil { words[folded] = entry }
        }
        for key in compounds.keys { compounds[key]?.sort { $0.parts.count > $1.parts.count } }
        self.words = words
        self.casedAbbreviations = cased
        self.compounds = compounds
        self.decimalMark = mark
        var starts: [String: Bool] = [:]
        for (key, w) in words {
            switch w.kind {
            case .and, .of, .point, .scaleAbbr, .scaleAbbrCased, .scaleAbbrMoney, .ordinalSuffix, .decimalMark:
                starts[key] = false
            default:
                starts[key] = true
            }
        }
        for key in compounds.keys where starts[key] == nil { starts[key] = true }
        self.startWords = starts
        self.startKeys = Set(starts.keys.map(WordKey.of))
    }

    /// Removes accents so that unaccented spellings ("cinquieme") still read.
    static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            switch c {
            case "à", "â", "ä": out.append("a")
            case "é", "è", "ê", "ë": out.append("e")
            case "î", "ï": out.append("i")
            case "ô", "ö": out.append("o")
            case "ù", "û", "ü": out.append("u")
            case "ç": out.append("c")
            default: out.append(c)
            }
        }
        return String(out)
    }

    /// Every supported language's lexicon, built on first use.
    static let all: [Language: NumberLexicon] = {
        var table: [Language: NumberLexicon] = [:]
        for language in Language.supported {
            table[language] = NumberLexicon(LanguageData.file("numbers.tsv", language))
        }
        return table
    }()

    /// An empty lexicon for undetermined text: digits still read, words do not.
    static let digitsOnly = NumberLexicon(ResourceFile(name: "none", contents: ""))

    static func shared(_ language: Language) -> NumberLexicon { all[language] ?? digitsOnly }
}
