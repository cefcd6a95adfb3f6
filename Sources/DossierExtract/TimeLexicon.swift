import DossierCore
import DossierText

/// What a word or phrase does in the date grammar. The roles are described in
/// `docs/language-data/times.md`; the words come from `Resources/<lang>/time-*.tsv`.
enum TimeRole: String, Sendable, CaseIterable {
    case month, weekday, unit, season, part
    case day, shiftPre = "shift-pre", shiftPost = "shift-post"
    case windowPre = "window-pre", windowPost = "window-post"
    case agoPre = "ago-pre", agoPost = "ago-post", inPre = "in-pre", laterPost = "later-post"
    case qualifier, vague, count, whole
    case yearCue = "year-cue", rangeOpen = "range-open", rangeSep = "range-sep"
    case filler, of, blocker, decade, thisSuffix = "this-suffix", since, ordinal, anchor, conj
    case durationCue = "duration-cue", holiday, half, clock, meridiem, agePre = "age-pre", agePost = "age-post"
    case pairOpen = "pair-open", weekdayShift = "weekday-shift", numericOrder = "numeric-order"
    case decadeSuffix = "decade-suffix"
    case pastCue, futureCue, auxiliary
    case openBound = "open"
    case quarterPrefix = "quarter-prefix", toDate = "to-date", now, decadeName = "decade-name"
    case weekdayLink = "weekday-link"

    /// One bit per role, so that a token's roles are a mask checked before any phrase
    /// is compared.
    var bit: UInt64 {
        switch self {
        case .month: return 1 << 0
        case .weekday: return 1 << 1
        case .unit: return 1 << 2
        case .season: return 1 << 3
        case .part: return 1 << 4
        case .day: return 1 << 5
        case .shiftPre: return 1 << 6
        case .shiftPost: return 1 << 7
        case .windowPre: return 1 << 8
        case .windowPost: return 1 << 9
        case .agoPre: return 1 << 10
        case .agoPost: return 1 << 11
        case .inPre: return 1 << 12
        case .laterPost: return 1 << 13
        case .qualifier: return 1 << 14
        case .vague: return 1 << 15
        case .count: return 1 << 16
        case .whole: return 1 << 17
        case .yearCue: return 1 << 18
        case .rangeOpen: return 1 << 19
        case .rangeSep: return 1 << 20
        case .filler: return 1 << 21
        case .of: return 1 << 22
        case .blocker: return 1 << 23
        case .decade: return 1 << 24
        case .thisSuffix: return 1 << 25
        case .since: return 1 << 26
        case .ordinal: return 1 << 27
        case .anchor: return 1 << 28
        case .conj: return 1 << 29
        case .durationCue: return 1 << 30
        case .holiday: return 1 << 31
        case .half: return 1 << 32
        case .clock: return 1 << 33
        case .meridiem: return 1 << 34
        case .agePre: return 1 << 35
        case .agePost: return 1 << 36
        case .pairOpen: return 1 << 37
        case .weekdayShift: return 1 << 38
        case .numericOrder: return 1 << 39
        case .decadeSuffix: return 1 << 40
        case .pastCue: return 1 << 41
        case .futureCue: return 1 << 42
        case .auxiliary: return 1 << 43
        case .openBound: return 1 << 44
        case .quarterPrefix: return 1 << 45
        case .toDate: return 1 << 46
        case .now: return 1 << 47
        case .decadeName: return 1 << 48
        case .weekdayLink: return 1 << 49
        }
    }
}

/// One lexicon entry: its role, an integer value (month number, offset…) and a tag
/// (unit code, qualifier, part name, "ambiguous").
struct TimeEntry: Sendable {
    var role: TimeRole
    var value: Int
    var tag: String
    var ambiguous: Bool
    /// In lowercase the form is an ordinary word ("may", "march"): a month only with a
    /// day number or a year next to it.
    var lowercaseIsWord = false
    /// For units: "singular", "plural" or "both" ("mois").
    var number = "singular"
}

/// What the lexicon knows about one word.
struct TimeWord: Sendable {
    var phrases: [TimePhrase]?
    var isTrigger: Bool
    /// Whether some phrase that can open an expression starts with it.
    var canStart: Bool
    /// The roles of the phrases starting with it.
    var mask: UInt64 = 0
}

/// A phrase as the token texts (lowercased) it must match, with its entry.
struct TimePhrase: Sendable {
    var tokens: [String]
    var entry: TimeEntry
}

/// A language's time vocabulary compiled once into a map from first token to phrases
/// (longest first), so that matching at a token is one dictionary lookup. Phrases are
/// tokenised with the same tokenizer as the text, so "aujourd'hui", "il y a" and
/// "mi-" forms match exactly as the text layer splits them.
struct TimeLexicon: Sendable {
    let phrases: [String: [TimePhrase]]
    /// Tense cue suffixes (past / future), checked on lowercase words.
    let pastSuffixes: [String]
    let futureSuffixes: [String]
    let thisSuffixes: [String]
    /// Past participle endings, read after an auxiliary ("est arrivée").
    let participleSuffixes: [String]
    /// Last words of phrases that anchor an expression (months, weekdays, units, named
    /// days, seasons, relative days): the scanner's cheap filter.
    let triggerWords: Set<String>
    /// Per word: its phrases and whether it is a trigger, so that the scanner hashes each
    /// token of the text once.
    let words: [String: TimeWord]
    /// Fingerprints of `words` (see WordKey): most tokens are ruled out without hashing.
    let wordKeys: Set<UInt64>
    /// Every word of every phrase (not only first words), with fingerprints: a word outside
    /// this set, that is no number word, cannot be inside a time expression.
    let phraseWords: Set<String>
    let phraseWordKeys: Set<UInt64>

    /// One lexicon per supported language, built once; an undetermined or unsupported
    /// language gets an empty lexicon, so only language-neutral forms (numeric dates,
    /// digits) are read rather than guessed.
    static let byLanguage: [String: TimeLexicon] = Dictionary(
        uniqueKeysWithValues: Language.supported.map { ($0.rawValue, TimeLexicon($0)) })
    static let neutral = TimeLexicon(.undetermined)

    static func forLanguage(_ language: Language) -> TimeLexicon {
        byLanguage[language.rawValue] ?? neutral
    }

    /// Whether numeric dates put the month first ("11/05/2024" = 5 November), from the
    /// `numeric-order` row of time-relative.tsv.
    var monthFirst: Bool { words["month-first"]?.phrases?.contains { $0.entry.role == .numericOrder } ?? false }

    init(_ language: Language) {
        var map: [String: [TimePhrase]] = [:]
        var past: [String] = [], future: [String] = [], thisSuffixes: [String] = [], participles: [String] = []
        let tokenizer = Tokenizer()
        func add(_ form: String, _ entry: TimeEntry) {
            // A form ending in an elision ("plus d'", "l'") is tokenised with a letter after
            // it, as in running text, so that the apostrophe stays with its word.
            let elided = form.hasSuffix("'")
            var toks = tokenizer.tokenize(Array((form.lowercased() + (elided ? "a" : "")).unicodeScalars)).map(\.lower)
            if elided { toks.removeLast() }
            guard let first = toks.first else { return }
            map[first, default: []].append(TimePhrase(tokens: toks, entry: entry))
        }
        let simple: [(String, TimeRole)] = [
            ("time-months.tsv", .month), ("time-weekdays.tsv", .weekday), ("time-units.tsv", .unit),
            ("time-seasons.tsv", .season), ("time-parts.tsv", .part), ("time-holidays.tsv", .holiday),
        ]
        for (file, role) in simple {
            for row in LanguageData.file(file, language).rows where row.count >= 2 {
                let flag = row.count >= 3 ? row[2] : ""
                add(row[0], TimeEntry(role: role, value: Int(row[1]) ?? 0, tag: row[1],
                                      ambiguous: flag == "ambiguous" || flag == "lowercase-word",
                                      lowercaseIsWord: flag == "lowercase-word",
                                      number: role == .unit && !flag.isEmpty ? flag : "singular"))
            }
        }
        for row in LanguageData.file("time-relative.tsv", language).rows where row.count >= 3 {
            guard let role = TimeRole(rawValue: row[1]) else { continue }
            if role == .thisSuffix { thisSuffixes.append(row[0].lowercased()); continue }
            add(row[0], TimeEntry(role: role, value: Int(row[2]) ?? 0, tag: row[2], ambiguous: false))
        }
        for row in LanguageData.file("time-tense.tsv", language).rows where row.count >= 3 {
            let role: TimeRole = row[1] == "future" ? .futureCue : .pastCue
            if row[2] == "participle" {
                participles.append(row[0].lowercased())
            } else if row[2] == "auxiliary" {
                add(row[0], TimeEntry(role: .auxiliary, value: 0, tag: row[1], ambiguous: false))
            } else if row[2] == "suffix" {
                if role == .futureCue { future.append(row[0].lowercased()) } else { past.append(row[0].lowercased()) }
            } else {
                add(row[0], TimeEntry(role: role, value: 0, tag: row[1], ambiguous: false))
            }
        }
        for key in map.keys { map[key]!.sort { $0.tokens.count > $1.tokens.count } }
        let triggerRoles: Set<TimeRole> = [.month, .weekday, .unit, .season, .holiday, .day, .toDate, .decadeName]
        var triggers: Set<String> = []
        for list in map.values {
            for p in list where triggerRoles.contains(p.entry.role) {
                if let last = p.tokens.last { triggers.insert(last) }
            }
        }
        for s in thisSuffixes {
            for list in map.values {
                for p in list where p.entry.role == .unit && p.tokens.count == 1 { triggers.insert(p.tokens[0] + s) }
            }
        }
        triggerWords = triggers
        var index: [String: TimeWord] = [:]
        let starterRoles: Set<TimeRole> = [.month, .weekday, .unit, .season, .part, .holiday, .day, .shiftPre, .windowPre,
                                           .agoPre, .inPre, .qualifier, .vague, .count, .whole, .rangeOpen, .filler, .decade,
                                           .openBound, .toDate, .decadeName]
        for (key, list) in map {
            index[key] = TimeWord(phrases: list, isTrigger: triggers.contains(key),
                                  canStart: list.contains { starterRoles.contains($0.entry.role) },
                                  mask: list.reduce(0) { $0 | $1.entry.role.bit })
        }
        for t in triggers where index[t] == nil { index[t] = TimeWord(phrases: nil, isTrigger: true, canStart: false) }
        words = index
        wordKeys = Set(index.keys.map(WordKey.of))
        var all = Set(index.keys)
        for list in map.values { for p in list { all.formUnion(p.tokens) } }
        phraseWords = all
        phraseWordKeys = Set(all.map(WordKey.of))
        phrases = map
        pastSuffixes = past
        futureSuffixes = future
        self.thisSuffixes = thisSuffixes
        participleSuffixes = participles
    }

    /// The longest phrase of `role` starting at token `i`, with the index after it.
    func match(_ role: TimeRole, _ tokens: [Token], _ i: Int) -> (entry: TimeEntry, end: Int)? {
        guard i < tokens.count, let list = phrases[tokens[i].lower] else { return nil }
        for p in list where p.entry.role == role {
            if Self.matches(p.tokens, tokens, i) { return (p.entry, i + p.tokens.count) }
        }
        return nil
    }

    /// A phrase of `role` ending just before token `end` (for words read backwards, such
    /// as a qualifier before a duration).
    func matchEnding(_ role: TimeRole, _ tokens: [Token], before end: Int) -> (entry: TimeEntry, start: Int)? {
        var best: (TimeEntry, Int)?
        for length in 1...4 where end - length >= 0 {
            let start = end - length
            guard let list = phrases[tokens[start].lower] else { continue }
            for p in list where p.entry.role == role && p.tokens.count == length && Self.matches(p.tokens, tokens, start) {
                best = (p.entry, start)
            }
        }
        return best
    }

    func has(_ role: TimeRole, _ tokens: [Token], _ i: Int) -> Bool { match(role, tokens, i) != nil }

    /// "mi-décembre": a hyphenated word whose second half is a month or season.
    func isHyphenTrigger(_ lower: String) -> Bool {
        // Asked of every word the lexicon does not know: a byte scan, no Character work.
        let utf8 = lower.utf8
        guard let dash = utf8.firstIndex(of: 0x2D) else { return false }
        return triggerWords.contains(String(lower[utf8.index(after: dash)...]))
    }

    /// Whether `s` ends with `suffix`, byte for byte (both are lowercased lexicon or token
    /// text): String.hasSuffix compares Characters, which is slow in per-token loops.
    static func endsWith(_ s: String, _ suffix: String) -> Bool {
        let a = s.utf8, b = suffix.utf8
        guard a.count >= b.count else { return false }
        return a.reversed().starts(with: b.reversed())
    }

    /// "q3" → (Q, 3), "h1" → (HY, 1): a quarter or half-year letter (`quarter-prefix`,
    /// value = months in the period) glued to its rank, or nil.
    func quarter(_ lower: String) -> (unit: String, n: Int)? {
        let s = lower.unicodeScalars
        guard s.count == 2, let d = s.last, ("1"..."4").contains(d),
              let e = phrases[String(s.first!)]?.first(where: { $0.entry.role == .quarterPrefix })?.entry else { return nil }
        let n = Int(d.value - 48)
        if e.value == 6 { return n <= 2 ? ("HY", n) : nil }
        return ("Q", n)
    }

    /// Whether any phrase starts with this token: the scanner's cheap first filter.
    func starts(_ lower: String) -> Bool { phrases[lower] != nil }

    static func matches(_ words: [String], _ tokens: [Token], _ i: Int) -> Bool {
        guard i + words.count <= tokens.count else { return false }
        for k in 0..<words.count where tokens[i + k].lower != words[k] { return false }
        // A multi-token phrase must not straddle a line break or a sentence gap.
        return true
    }
}
