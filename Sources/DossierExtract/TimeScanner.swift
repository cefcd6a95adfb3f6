import DossierCore
import DossierText

/// What a date phrase says before it is placed on the calendar. Incomplete specs (no
/// year, a bare weekday) are resolved later with the publication date and a lean.
enum DateSpec: Sendable {
    case full(Day)
    case dayMonth(month: Int, day: Int)
    case dayOnly(Int)
    /// "Sunday 31", "Mon 13th": the month around publication where that day is that weekday.
    case weekdayDay(weekday: Int, day: Int)
    /// A weekday in a week named relative to publication ("mardi de la semaine dernière").
    case weekOfDay(weekday: Int, weekShift: Int)
    /// A weekday with a day and month ("Friday, June 15", "mardi 3 juin"): the occurrence
    /// near publication on which that day is that weekday, if one is.
    case weekdayDate(weekday: Int, month: Int, day: Int)
    /// A named day fixed as the nth (-1: last) weekday of a month, in `year` if given:
    /// "Thanksgiving" (fourth Thursday of November), "Labor Day".
    case nthWeekday(month: Int, weekday: Int, n: Int, year: Int?)
    /// A day of a month named relatively: "the 3rd of next month", "le 15 du mois dernier".
    indirect case dayOf(Int, DateSpec)
    /// The nth (-1: last) weekday of a month: "the first Monday of January", "le dernier
    /// vendredi du mois".
    indirect case nthWeekdayOf(weekday: Int, n: Int, DateSpec)
    /// The weekend around a named day, the day included: "Easter weekend", "le week-end
    /// de la Toussaint", "Labor Day weekend".
    indirect case holidayWeekend(DateSpec)
    case month(year: Int?, month: Int)
    case monthShift(month: Int, shift: Int)
    case year(Int)
    case weekday(Int, shift: Int?)
    case dayOffset(Int)
    case unitShift(unit: String, shift: Int)
    case season(code: String, year: Int?, shift: Int?)
    case decade(Int)
    /// A day moving with Easter: Easter Sunday plus `offset` days, in `year` if given.
    case easter(offset: Int, year: Int?)
    case century(Int)
    indirect case part(String, DateSpec)
    /// The nth (1-based; -1 the last) week, quarter or month (unit code) of a period:
    /// "the first week of 2019", "la dernière semaine de juillet", "Q3 2024".
    indirect case nthUnit(String, Int, DateSpec)
    /// A weekend (Saturday and Sunday): of the publication week moved by `shift` weeks,
    /// or, without a shift ("le week-end", "the weekend"), the one the tense leans to.
    case weekend(shift: Int?)
    /// The week (Monday to Sunday) holding a day: "the week of June 12", "la semaine du 12
    /// juin", "the week beginning February 4".
    indirect case weekOf(DateSpec)
    /// An ISO 8601 week number, in the publication year unless a year is given ("week 31").
    case isoWeek(Int, year: Int?)
    /// A named day said to be the next (+1) or the last (-1) one: "next Easter".
    indirect case shifted(DateSpec, Int)

    /// Whether resolving needs a publication date.
    var isRelative: Bool {
        switch self {
        case .full, .year, .decade, .century, .isoWeek(_, _?): return false
        case .month(let y, _), .easter(_, let y), .nthWeekday(_, _, _, let y): return y == nil
        case .season(_, let y, let s): return y == nil || s != nil
        case .part(let p, let inner): return p == "before" || p == "after" || inner.isRelative
        case .nthUnit(_, _, let inner), .shifted(let inner, _), .weekOf(let inner), .holidayWeekend(let inner),
             .dayOf(_, let inner), .nthWeekdayOf(_, _, let inner):
            return inner.isRelative
        default: return true
        }
    }
}

/// A matched time expression before it becomes a `TimeExpression`.
struct TimeCandidate: Sendable {
    enum Content: Sendable {
        case date(DateSpec)
        /// A range between two specs; the second end is inclusive in the text.
        case range(DateSpec, DateSpec)
        /// A stretch of `count` units ending (-1) or starting (+1) at publication; nil
        /// count is vague ("ces dernières semaines").
        case window(unit: String, count: Double?, direction: Int)
        /// A duration before (-1) or after (+1) the publication date ("il y a 3 jours").
        case offset(unit: String, count: Double, direction: Int)
        /// A duration before or after a stated date ("trois jours après le 7 octobre").
        case anchored(unit: String, count: Double, direction: Int, anchor: DateSpec)
        /// A stretch of time starting at a stated date: "for three days from Monday",
        /// "pendant une semaine à partir du 5 mars".
        case stretchFrom(unit: String, count: Double, anchor: DateSpec)
        case duration(unit: String, count: Double)
        /// A range with one open side, bounded by a date: "since August" (`since`: from its
        /// start), "after 2016" (`after`: from its end), "before 2010" (`before`: up to its
        /// start), "jusqu'au 5 mars" (`until`: up to its end).
        case open(DateSpec, bound: String)
        /// The first (or, `fromEnd`, the last) `count` units of a period: "the last four
        /// months of 2021", "les six premiers mois de l'année".
        case sub(unit: String, count: Double, fromEnd: Bool, period: DateSpec)
        /// Up to the publication date, from the start of a date if given: "to date", "year
        /// to date", "from March to date", "entre 2019 et maintenant".
        case toDate(DateSpec?)
        /// A time of day, found but not resolved.
        case clock
    }
    var start: Int  // first token
    var end: Int    // token after the last
    var content: Content
    var qualifier: String?
}

/// What one scan has already read, by start token: the grammar's rules ask again and
/// again at the same tokens. Local to one `times(in:)` call, never shared.
final class TimeMemo {
    var dates: [Int: (DateSpec, Int)?] = [:]
    var counts: [Int: (Double, Int)?] = [:]
    var numbers: [Int: NumberReading?] = [:]
}

/// Token-level reading helpers shared by the date grammar.
struct TimeScanner {
    let tokens: [Token]
    let lexicon: TimeLexicon
    let language: Language
    /// Numbers in words ("trois", "twenty-four"), shared with the quantity extractor.
    let numbers: NumberReader
    /// Each token's lexicon phrases, looked up once: the grammar asks about the same
    /// token many times and should not hash its text each time.
    let lists: [[TimePhrase]?]
    /// Whether each token anchors an expression (number, month, unit, named day…).
    let triggers: [Bool]
    /// Whether each token is a lexicon word that can open an expression.
    let starts: [Bool]
    /// The roles of each token's phrases, as a bit mask.
    let masks: [UInt64]
    /// Whether each token is a word no time expression can contain (not a lexicon word,
    /// not a number word): the scan never starts a candidate that would have to cross one.
    let opaque: [Bool]

    /// The latest year a two-digit year may stand for.
    let pivotYear: Int
    /// The normalised text, read only to tell where lines end (a dateline "29/2").
    let scalars: [Unicode.Scalar]
    /// Answers already computed in this scan (dates and counts by start token).
    let memo = TimeMemo()

    init(tokens: [Token], forms: WordForms? = nil, lexicon: TimeLexicon, language: Language, numbers: NumberReader,
         published: Day?, scalars: [Unicode.Scalar] = []) {
        self.tokens = tokens
        self.scalars = scalars
        pivotYear = (published?.year ?? 2040) + 10
        self.lexicon = lexicon
        self.language = language
        self.numbers = numbers
        // Everything below that depends only on a token's lowercase form is worked out
        // once per distinct word of the document (see `WordForms`), then read per token.
        let forms = forms ?? WordForms(tokens)
        let facts = forms.forms.map { FormFacts.of($0, lexicon, numbers) }
        let n = tokens.count
        var lists = [[TimePhrase]?](repeating: nil, count: n)
        var triggers = [Bool](repeating: false, count: n)
        var starts = [Bool](repeating: false, count: n)
        var masks = [UInt64](repeating: 0, count: n)
        var opaque = [Bool](repeating: false, count: n)
        // By index, reading single fields: a `for (i, t) in tokens.enumerated()` loop and
        // a copied `FormFacts` retained and released the token's Strings and the word's
        // phrase list for every token.
        var previousMask: UInt64 = 0
        for i in 0..<n {
            let f = Int(forms.ids[i])
            let kind = tokens[i].kind
            // A number word after a year cue may be a year in words ("in nineteen ninety-six").
            let spelledYear = kind == .word && previousMask & TimeRole.yearCue.bit != 0 && facts[f].mayStartNumber
            let trigger: Bool
            // Symbols too: "~" separates the ends of a range ("2014~2018").
            if (kind == .word || kind == .elision || kind == .punctuation || kind == .symbol) && facts[f].word != nil {
                lists[i] = facts[f].word!.phrases
                trigger = facts[f].word!.isTrigger || spelledYear
                starts[i] = facts[f].word!.canStart
                masks[i] = facts[f].word!.mask
            } else {
                trigger = kind == .number || kind == .alphanumeric || spelledYear
                    || (kind == .word && facts[f].wordTrigger)
            }
            triggers[i] = trigger
            previousMask = masks[i]
            opaque[i] = kind == .word && !trigger && facts[f].opaque
        }
        self.lists = lists
        self.triggers = triggers
        self.starts = starts
        self.masks = masks
        self.opaque = opaque
    }

    /// What the scanner's first pass needs to know about one lowercase form, the same for
    /// every token of that form.
    private struct FormFacts {
        /// Its lexicon entry.
        var word: TimeWord?
        /// `NumberReader.mayStartNumber`.
        var mayStartNumber: Bool
        /// A quarter ("q3") or a hyphenated trigger ("mi-décembre"), read as a word.
        var wordTrigger: Bool
        /// `isOpaque`, read as a word.
        var opaque: Bool

        /// A static function, not an initializer: an initializer takes its arguments
        /// owned, so each call (one per distinct word) copied the whole lexicon and number
        /// reader (a retain per field) and destroyed the copies; a function borrows them.
        static func of(_ lower: String, _ lexicon: TimeLexicon, _ numbers: NumberReader) -> FormFacts {
            let key = WordKey.of(lower)
            return FormFacts(word: lexicon.wordKeys.contains(key) ? lexicon.words[lower] : nil,
                             mayStartNumber: numbers.mayStartNumber(lower: lower),
                             wordTrigger: (lower.utf8.count == 2 && lexicon.quarter(lower) != nil)
                                 || lexicon.isHyphenTrigger(lower),
                             opaque: TimeScanner.isOpaque(lower, key, lexicon, numbers))
        }
    }

    /// A plain word that is in no time phrase and is no number word (hyphenated words are
    /// kept, as the grammar splits some of them).
    static func isOpaque(_ lower: String, _ key: UInt64, _ lexicon: TimeLexicon, _ numbers: NumberReader) -> Bool {
        if lexicon.phraseWordKeys.contains(key), lexicon.phraseWords.contains(lower) { return false }
        if numbers.lexicon.startKeys.contains(key), numbers.lexicon.startWords[lower] != nil { return false }
        return !lower.utf8.contains(0x2D)
    }

    /// The longest phrase of `role` starting at token `i`, with the index after it.
    func match(_ role: TimeRole, _ i: Int) -> (entry: TimeEntry, end: Int)? {
        guard i < tokens.count, masks[i] & role.bit != 0, let list = lists[i] else { return nil }
        for k in list.indices where list[k].entry.role == role && TimeLexicon.matches(list[k].tokens, tokens, i) {
            return (list[k].entry, i + list[k].tokens.count)
        }
        return nil
    }

    func has(_ role: TimeRole, _ i: Int) -> Bool { match(role, i) != nil }

    /// A phrase of `role` ending just before token `end`.
    func matchEnding(_ role: TimeRole, before end: Int) -> (entry: TimeEntry, start: Int)? {
        var best: (TimeEntry, Int)?
        for length in 1...4 where end - length >= 0 {
            let start = end - length
            guard masks[start] & role.bit != 0, let list = lists[start] else { continue }
            for p in list where p.entry.role == role && p.tokens.count == length && TimeLexicon.matches(p.tokens, tokens, start) {
                best = (p.entry, start)
            }
        }
        return best
    }

    func lower(_ i: Int) -> String { i < tokens.count ? tokens[i].lower : "" }

    func isPunct(_ i: Int, _ s: String) -> Bool {
        i < tokens.count && (tokens[i].kind == .punctuation || tokens[i].kind == .symbol) && tokens[i].text == s
    }

    /// Glued to the previous token (no space): "20/01/2025", "Sep-23".
    func glued(_ i: Int) -> Bool { i < tokens.count && !tokens[i].spaceBefore }

    /// A plain integer token (no grouping or decimal marks).
    func integer(_ i: Int) -> Int? {
        guard i < tokens.count, tokens[i].kind == .number else { return nil }
        var n = 0
        for s in tokens[i].text.unicodeScalars {
            guard CharClass.isDigit(s) else { return nil }
            n = n * 10 + Int(s.value - 48)
            if n > 100_000 { return nil }
        }
        return n
    }

    func digitCount(_ i: Int) -> Int { i < tokens.count ? tokens[i].text.unicodeScalars.count : 0 }

    /// A day of the month: "20", "1er", "3rd", "04th".
    func dayNumber(_ i: Int) -> Int? {
        guard i < tokens.count else { return nil }
        if let n = integer(i), digitCount(i) <= 2, (1...31).contains(n) { return n }
        if tokens[i].kind == .alphanumeric, let (n, suffix) = splitOrdinal(tokens[i].lower),
           (1...31).contains(n), isOrdinalSuffix(suffix) {
            return n
        }
        // Ordinals in words: "le premier mai", "the fourth of July".
        if tokens[i].kind == .word, let r = readNumber(i), r.isOrdinal, r.end == i + 1,
           r.value == r.value.rounded(), (1...31).contains(Int(r.value)) {
            return Int(r.value)
        }
        return nil
    }

    func isOrdinalSuffix(_ s: String) -> Bool {
        lexicon.phrases[s]?.contains { $0.entry.role == .ordinal && $0.tokens.count == 1 } ?? false
    }

    /// "15th" → (15, "th"); nil unless digits then letters.
    func splitOrdinal(_ s: String) -> (Int, String)? {
        var n = 0, digits = 0
        var rest = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if rest.isEmpty, CharClass.isDigit(c) {
                n = n * 10 + Int(c.value - 48)
                digits += 1
                if digits > 4 { return nil }
            } else {
                rest.append(c)
            }
        }
        return digits > 0 && !rest.isEmpty ? (n, String(rest)) : nil
    }

    /// A year in words: "two thousand and fifteen", "deux mille quinze", "nineteen
    /// hundred ninety three", or the spoken pair "nineteen ninety-six". Returns the year
    /// and the index after it.
    func spelledYear(_ i: Int) -> (Int, Int)? {
        guard i < tokens.count, tokens[i].kind == .word, let r = readNumber(i), !r.isOrdinal,
              r.suffix == nil, r.value == r.value.rounded(), r.value < 10_000 else { return nil }
        let v = Int(r.value)
        if (1000...2199).contains(v), r.wordCount >= 2 { return (v, r.end) }
        if r.end == i + 1, (10...21).contains(v), let r2 = readNumber(r.end), tokens[r.end].kind == .word,
           !r2.isOrdinal, r2.suffix == nil, r2.value == r2.value.rounded(), (10...99).contains(Int(r2.value)) {
            return (v * 100 + Int(r2.value), r2.end)
        }
        return nil
    }

    /// A four-digit year in a plausible news range.
    func year(_ i: Int) -> Int? {
        guard let n = integer(i), digitCount(i) == 4, (1000...2199).contains(n) else { return nil }
        return n
    }

    /// A number of units: digits ("48", "3,5", "1.5"), or a count word from the lexicon
    /// ("un", "a"). Returns the value and the index after it. Asked many times at the same
    /// token by the duration, window, offset and range rules, so answers are kept.
    func count(_ i: Int) -> (Double, Int)? {
        if let known = memo.counts[i] { return known }
        let found = readCount(i)
        memo.counts.updateValue(found, forKey: i)
        return found
    }

    /// `NumberReader.read` at token i, kept for the scan (the rules ask at the same words).
    func readNumber(_ i: Int) -> NumberReading? {
        if let known = memo.numbers[i] { return known }
        let found = numbers.read(tokens, at: i)
        memo.numbers.updateValue(found, forKey: i)
        return found
    }

    private func readCount(_ i: Int) -> (Double, Int)? {
        guard i < tokens.count else { return nil }
        let t = tokens[i]
        if t.kind == .number {
            var text = ""
            for s in t.text.unicodeScalars where s != " " && s != "'" {
                text.unicodeScalars.append(s == "," ? "." : s)
            }
            // "1.500"/"1,500" with three decimals is grouping, not a fraction of a unit.
            if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) == 4 {
                text.remove(at: dot)
            }
            if let v = Double(text) { return (v, i + 1) }
            return nil
        }
        // Words, and fraction signs the number lexicon lists ("½ hour", "¼ d'heure").
        var reading = t.kind == .word || isNumberSign(i) ? readNumber(i) : nil
        // "two quarters" reads as a fraction (2/4); before a unit of time it is a count.
        if let r = reading, r.end > i + 1, unit(r.end - 1) != nil {
            reading = numbers.read(Array(tokens[i..<(r.end - 1)]), at: 0).map { var n = $0; n.end += i; return n }
        }
        let number = reading.flatMap { !$0.isOrdinal && $0.suffix == nil && $0.value > 0 ? $0 : nil }
        // "une dizaine de jours", "dozens of days": a collective links to its unit by "de"/"of".
        if let number, number.isApproximate || number.isVague, has(.of, number.end), unit(number.end + 1) != nil {
            return (number.value, number.end + 1)
        }
        if let number, number.end > i + 1 { return (number.value, number.end) }  // "one and a half"
        if let m = match(.vague, i) { return (Double(m.entry.value), m.end) }
        if let m = match(.count, i) { return (Double(m.entry.value), m.end) }
        if let number { return (number.value, number.end) }
        return nil
    }

    /// A sign the number lexicon lists as a number ("½", "¼"): tokenised as a symbol or
    /// punctuation, it still counts units ("½ hour").
    func isNumberSign(_ i: Int) -> Bool {
        i < tokens.count && (tokens[i].kind == .symbol || tokens[i].kind == .punctuation)
            && numbers.lexicon.words[tokens[i].lower]?.kind == .cardinal
    }

    /// A unit of time at `i`, also when glued to a demonstrative suffix ("mois-ci").
    func unit(_ i: Int, afterOrdinal: Bool = false) -> (code: String, end: Int)? {
        if let m = match(.unit, i) {
            // "half" is a unit of time only after a rank ("the first half of 2023").
            if m.entry.number == "after-ordinal" && !afterOrdinal { return nil }
            return (m.entry.tag, m.end)
        }
        guard i < tokens.count else { return nil }
        for suffix in lexicon.thisSuffixes where TimeLexicon.endsWith(tokens[i].lower, suffix) {
            let head = String(tokens[i].lower.dropLast(suffix.count))
            if let e = lexicon.phrases[head]?.first(where: { $0.entry.role == .unit && $0.tokens.count == 1 }) {
                return (e.entry.tag, i + 1)
            }
        }
        return nil
    }

    /// Whether a unit word is plural, read from the text ("semaines", "weeks", "mois").
    func isPlural(_ i: Int) -> Bool { let n = unitNumber(i); return n == "plural" || n == "both" }
    func isSingular(_ i: Int) -> Bool { let n = unitNumber(i); return n == "singular" || n == "both" }

    /// A unit word's grammatical number from time-units.tsv ("semaines" plural, "mois"
    /// both), also through a demonstrative suffix ("mois-ci").
    func unitNumber(_ i: Int) -> String? {
        guard i < tokens.count else { return nil }
        var word = tokens[i].lower
        if lexicon.phrases[word] == nil {
            for suffix in lexicon.thisSuffixes where TimeLexicon.endsWith(word, suffix) { word = String(word.dropLast(suffix.count)) }
        }
        return lexicon.phrases[word]?.first { $0.entry.role == .unit && $0.tokens.count == 1 }.map { $0.entry.number }
    }

    func isDecadeSuffix(_ s: String) -> Bool {
        lexicon.phrases[s]?.contains { $0.entry.role == .decadeSuffix && $0.tokens.count == 1 } ?? false
    }

    /// Skips an optional lexicon phrase of `role`.
    func skip(_ role: TimeRole, _ i: Int) -> Int { match(role, i)?.end ?? i }

    /// Whether token i starts a line (or the text): nothing but spaces before it since the
    /// last line break.
    func startsLine(_ i: Int) -> Bool {
        guard i > 0 else { return true }
        guard !scalars.isEmpty else { return false }
        var p = tokens[i - 1].end
        while p < tokens[i].start {
            if scalars[p] == "\n" || scalars[p] == "\r" { return true }
            p += 1
        }
        return false
    }

    /// Skips an optional comma.
    func skipComma(_ i: Int) -> Int { isPunct(i, ",") ? i + 1 : i }
}
