import DossierCore
import DossierText

/// Nationality words the demonym list cannot know — invented ones in fixtures, rare ones
/// in real news ("Sahrawi fighters", "soldats norvakiens") — guessed from their shape
/// AND their position, never from shape alone: a word ending like a nationality
/// ("-ian", "-iens", "-ais") is NORP only when it stands where nationalities stand,
/// next to a word for people or a body ("Norvakian troops", "soldats norvakiens") or as
/// a capitalised plural after a determiner ("les Norvakiens").
///
/// The country is unknown, so the mention's canonical name and `country` are the stem
/// left once the ending is dropped ("Norvak"): the same key for "Norvakian" and
/// "norvakiens", which lets the cross-article analysis match English and French reports.
/// The lists are `Resources/<lang>/entity-demonym-guess.tsv`.
struct DemonymGuessLexicon: Sendable {
    /// Endings, longest first.
    let suffixes: [String]
    /// Per suffix: is it ASCII (then compared as bytes)?
    let asciiSuffix: [Bool]
    let allASCII: Bool
    /// By byte value: does some suffix end with that byte?
    let lastBytes: [Bool]
    let plurals: [String]
    let headsAfter: Set<String>
    let headsBefore: Set<String>
    let determiners: Set<String>
    let exceptions: Set<String>

    static let shared: [Language: DemonymGuessLexicon] = {
        var all: [Language: DemonymGuessLexicon] = [:]
        for language in Language.supported { all[language] = DemonymGuessLexicon([language]) }
        return all
    }()

    static let merged = DemonymGuessLexicon(Language.supported)

    static func lexicon(for language: Language) -> DemonymGuessLexicon { shared[language] ?? merged }

    init(_ languages: [Language]) {
        var suffixes: [String] = [], plurals: [String] = []
        var after = Set<String>(), before = Set<String>(), determiners = Set<String>(), exceptions = Set<String>()
        for language in languages {
            for row in LanguageData.file("entity-demonym-guess.tsv", language).rows where row.count >= 2 {
                let value = EntityFolding.fold(row[1].lowercased())
                switch row[0] {
                case "suffix": suffixes.append(value)
                case "plural": plurals.append(value)
                case "head-after": after.insert(value)
                case "head-before": before.insert(value)
                case "determiner": determiners.insert(value)
                case "except": exceptions.insert(value)
                default: fatalError("\(language)/entity-demonym-guess.tsv: unknown kind \(row[0])")
                }
            }
        }
        self.suffixes = suffixes.sorted { $0.count > $1.count }
        self.asciiSuffix = self.suffixes.map { $0.utf8.allSatisfy { $0 < 0x80 } }
        self.allASCII = asciiSuffix.allSatisfy { $0 } && !self.suffixes.contains(where: \.isEmpty)
        var lastBytes = [Bool](repeating: false, count: 256)
        for s in self.suffixes { if let b = s.utf8.last { lastBytes[Int(b)] = true } }
        self.lastBytes = lastBytes
        self.plurals = plurals
        self.headsAfter = after
        self.headsBefore = before
        self.determiners = determiners
        self.exceptions = exceptions
    }

    /// The stem left when a nationality ending is dropped, if the word has one and the
    /// stem is long enough to name something (three letters).
    func stem(_ folded: String) -> String? {
        // This runs for every word no mention covers, so the cheap tests come first: the
        // word's last byte against the suffixes' last bytes, then the suffix on bytes
        // (`hasSuffix` compares Characters; for an ASCII suffix both agree); the exception
        // set is only hashed for the rare word that has a suffix.
        if allASCII, let last = folded.utf8.last, !lastBytes[Int(last)] { return nil }
        for (n, s) in suffixes.enumerated()
        where (asciiSuffix[n] ? WordShape.endsWith(folded, s) : folded.hasSuffix(s)) && folded.count >= s.count + 3 {
            return exceptions.contains(folded) ? nil : String(folded.dropLast(s.count))
        }
        return nil
    }

    func isPlural(_ folded: String) -> Bool { plurals.contains { folded.hasSuffix($0) } }
}

extension EntityPass {
    /// Adds NORP mentions for unknown nationality words in nationality positions. Runs
    /// before the tagger's names are added, so a guessed nationality is not then read
    /// as an organisation or a place; tokens already named are left alone.
    mutating func guessNationalities() {
        let guess = DemonymGuessLexicon.lexicon(for: text.language)
        guard !guess.suffixes.isEmpty else { return }
        var covered = Array(repeating: false, count: tokens.count)
        for m in found {
            for k in text.tokenRange(in: m.span) { covered[k] = true }
        }
        // Whether a word has a nationality ending, asked once per distinct word of the
        // document (0: not yet asked, 1: no, 2: yes); most words have none.
        let formIDs = text.words.ids
        var hasEnding = [UInt8](repeating: 0, count: text.words.forms.count)
        for i in tokens.indices where !covered[i] && tokens[i].kind == .word {
            guard nationalityOf(i) == nil else { continue }
            let form = Int(formIDs[i])
            if hasEnding[form] == 0 { hasEnding[form] = guess.stem(folded[i]) == nil ? 1 : 2 }
            guard hasEnding[form] == 2, let stem = guess.stem(folded[i]) else { continue }
            guard tokens[i].text.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { continue }
            let t = tokens[i]
            let next = i + 1 < tokens.count ? folded[i + 1] : ""
            let previous = i > 0 ? folded[i - 1] : ""
            let sentence = text.sentenceIndex(containing: t.start)
            func sameSentence(_ k: Int) -> Bool { text.sentenceIndex(containing: tokens[k].start) == sentence }
            var isNationality = false
            if t.isCapitalized, !t.isAllCaps {
                // "Norvakian troops"; "the Norvakians" (a plural noun, not "the Parisian").
                if guess.headsAfter.contains(next), i + 1 < tokens.count, sameSentence(i + 1) { isNationality = true }
                if i > 0, guess.determiners.contains(previous), guess.isPlural(folded[i]), sameSentence(i - 1) {
                    isNationality = true
                }
            } else if !t.isCapitalized {
                // "soldats norvakiens", "l'armée norvakienne".
                if i > 0, guess.headsBefore.contains(previous), sameSentence(i - 1) { isNationality = true }
            }
            guard isNationality else { continue }
            let country = Self.countryKey(stem)
            found.append(EntityMention(span: span(i..<(i + 1)), text: written(i..<(i + 1)), type: .nationality,
                                       canonical: country, country: country, origin: "rule"))
            covered[i] = true
        }
    }

    /// "norvak" → "Norvak": the display form of a guessed country key.
    static func countryKey(_ stem: String) -> String {
        guard let first = stem.unicodeScalars.first else { return stem }
        return String(first).uppercased() + String(String.UnicodeScalarView(stem.unicodeScalars.dropFirst()))
    }
}
