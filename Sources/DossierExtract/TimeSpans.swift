import DossierCore
import DossierText

/// Durations, windows ("ces dernières semaines", "the last 3 months"), offsets ("il y a
/// trois jours", "in two weeks") and ranges ("du 3 au 5 mars", "between 2014 and 2018").
extension TimeScanner {
    /// The longest time expression of any kind starting at token `i`.
    func candidate(_ i: Int) -> TimeCandidate? {
        var best: TimeCandidate?
        func consider(_ c: TimeCandidate?) {
            if let c, c.end > (best?.end ?? i) { best = c }
        }
        consider(clock(i))
        consider(range(i))
        consider(window(i))
        consider(offset(i))
        consider(duration(i))
        // A bare year needs a cue before it ("en 2023", "since 2014"), not in the span.
        let cued = matchEnding(.yearCue, before: i) != nil
            || (i >= 2 && has(.conj, i - 1) && year(i - 2) != nil)
            || standaloneYear(i)
        if let d = date(i, allowBareYear: cued) { consider(TimeCandidate(start: i, end: d.1, content: .date(d.0))) }
        // "to date", "à ce jour"; "year to date", "l'année à ce jour".
        if let t = match(.toDate, i) { consider(TimeCandidate(start: i, end: t.end, content: .toDate(nil))) }
        let u0 = skip(.filler, i)
        if let u = unit(u0), isSingular(u0), let t = match(.toDate, u.end) {
            consider(TimeCandidate(start: i, end: t.end, content: .toDate(.unitShift(unit: u.code, shift: 0))))
        }
        // "since August", "avant 2010", "after mid May": a date that bounds an open range.
        if let o = match(.openBound, i), let d = date(skip(.filler, o.end), allowBareYear: true) {
            consider(TimeCandidate(start: i, end: d.1, content: .open(d.0, bound: o.entry.tag)))
        }
        return best
    }

    /// A modern four-digit year standing alone, closed by punctuation, the end of the text
    /// or a conjunction ("dates back to 1865,", "sales of 2007 and 2009", "but not 1998"):
    /// with nothing counted after it a bare figure in that range is a year, as the quantity
    /// extractor reads it too. A symbol or number before it ("$ 2015", "No 2015") is left.
    func standaloneYear(_ i: Int) -> Bool {
        guard let y = year(i), (1800...2100).contains(y), i > 0, tokens[i].spaceBefore,
              tokens[i - 1].kind == .word || tokens[i - 1].kind == .elision else { return false }
        let k = i + 1
        if k == tokens.count { return true }
        let t = tokens[k]
        if t.kind == .punctuation, [",", ".", ";", ")", ":", "?", "!"].contains(t.text) { return true }
        return has(.conj, k) && year(k + 1) != nil
    }

    /// Times of day: "15h30", "16h", "15:30", "à 15 heures", "at 3 pm", "3pm". Kept as
    /// kind time (not resolved) so that "à 15 heures" is not read as a 15-hour duration.
    func clock(_ i: Int) -> TimeCandidate? {
        guard i < tokens.count else { return nil }
        let t = tokens[i]
        func ok(_ h: Int, _ m: Int) -> Bool { (0...24).contains(h) && (0...59).contains(m) }
        if t.kind == .alphanumeric, let (h, rest) = splitOrdinal(t.lower) {
            // "15h30", "16h": digits, the hour letter, optional minutes.
            if let e = lists[i] == nil ? lexicon.phrases[String(rest.prefix(1))]?.first(where: { $0.entry.role == .clock }) : nil,
               e.tokens.count == 1 {
                let minutes = rest.dropFirst()
                if minutes.isEmpty || (minutes.count == 2 && Int(minutes) != nil), ok(h, Int(minutes) ?? 0) {
                    return TimeCandidate(start: i, end: i + 1, content: .clock)
                }
            }
            if match(.meridiem, i) == nil, lexicon.phrases[rest]?.contains(where: { $0.entry.role == .meridiem }) == true,
               (1...12).contains(h) {
                return TimeCandidate(start: i, end: i + 1, content: .clock)
            }
        }
        guard let h = integer(i), digitCount(i) <= 2 else { return nil }
        if isPunct(i + 1, ":"), glued(i + 1), glued(i + 2), let m = integer(i + 2), digitCount(i + 2) == 2, ok(h, m) {
            var end = i + 3
            if let mer = match(.meridiem, end) { end = mer.end }
            return TimeCandidate(start: i, end: end, content: .clock)
        }
        if let mer = match(.meridiem, i + 1), (1...12).contains(h) {
            return TimeCandidate(start: i, end: mer.end, content: .clock)
        }
        if ok(h, 0), i > 0, matchEnding(.clock, before: i) != nil, let u = unit(i + 1), u.code == "H" {
            return TimeCandidate(start: i, end: u.end, content: .clock)
        }
        return nil
    }

    /// "[plus de] 48 heures", "trois semaines", "quelques jours", "toute la journée",
    /// "3heures", "3.5ans".
    /// `articleNeedsContext`: whether "un mois"/"a month" needs a duration cue before it;
    /// callers that already have one after it ("a month ago") pass false.
    func duration(_ i: Int, articleNeedsContext: Bool = true) -> TimeCandidate? {
        if let w = match(.whole, i), let u = unit(w.end) {
            return TimeCandidate(start: i, end: u.end, content: .duration(unit: u.code, count: 1))
        }
        var j = i
        var qualifier: String?
        // A qualifier that is also a vague count ("some days") stays a count.
        if let q = match(.qualifier, j), count(q.end) != nil { qualifier = q.entry.tag; j = q.end }
        // Digits glued to the unit: "3heures", "3.5ans", "3Y".
        if j < tokens.count, tokens[j].kind == .alphanumeric, let (v, u) = gluedUnit(tokens[j].lower) {
            return TimeCandidate(start: i, end: j + 1, content: .duration(unit: u, count: v), qualifier: qualifier)
        }
        guard let (n, afterCount) = count(j), let u = unit(afterCount) else { return nil }
        // "il a 45 ans", "âgé de 71 ans", "20 years old": an age, not a time expression.
        if u.code == "Y", qualifier == nil, matchEnding(.agePre, before: i) != nil || has(.agePost, u.end) { return nil }
        // "un jour" alone is "one day, someday"; an article counts only after a qualifier
        // or a preposition of duration, which the caller's context gives.
        let isArticle = match(.count, j) != nil && match(.vague, j) == nil
        if isArticle, qualifier == nil, articleNeedsContext, !durationContext(i), match(.half, u.end) == nil { return nil }
        if n > 10_000 { return nil }
        // "the 1988 quarter": a year-sized count before a singular-only unit is a year.
        if n >= 1000, unitNumber(afterCount) == "singular" { return nil }
        // "un an et demi", "two hours and a half".
        if let h = match(.half, u.end) {
            return TimeCandidate(start: i, end: h.end, content: .duration(unit: u.code, count: n + Double(h.entry.value) / 100),
                                 qualifier: qualifier)
        }
        return TimeCandidate(start: i, end: u.end, content: .duration(unit: u.code, count: n), qualifier: qualifier)
    }

    /// "3.5ans" → (3.5, "Y"): a number glued to a unit word of the lexicon.
    func gluedUnit(_ s: String) -> (Double, String)? {
        var numberPart = "", rest = ""
        for c in s.unicodeScalars {
            if rest.isEmpty, CharClass.isDigit(c) || c == "." || c == "," {
                numberPart.unicodeScalars.append(c == "," ? "." : c)
            } else { rest.unicodeScalars.append(c) }
        }
        guard let v = Double(numberPart), !rest.isEmpty,
              let e = lexicon.phrases[rest]?.first(where: { $0.entry.role == .unit && $0.tokens.count == 1 })
        else { return nil }
        // "3h" and "15h30" are times of day, not durations, in news text.
        if e.entry.tag == "H", rest.count == 1 { return nil }
        return (v, e.entry.tag)
    }

    /// Words before an article-counted duration that make it one ("pendant un mois",
    /// "for a week", "depuis un an", "in a year").
    func durationContext(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        return matchEnding(.since, before: i) != nil
            || matchEnding(.agoPre, before: i) != nil
            || matchEnding(.inPre, before: i) != nil
            || matchEnding(.durationCue, before: i) != nil
    }

    /// "ces dernières semaines", "in recent weeks", "les trois derniers mois",
    /// "the last 3 months", "the next five days", "3 prochaines semaines".
    func window(_ i: Int) -> TimeCandidate? {
        if let w = match(.windowPre, i) {
            // A bare "last"/"next" before a count may be a verb ("it will last two hours"):
            // it needs a preposition or nothing before it.
            if w.end == i + 1, w.entry.value < 0, i > 0, tokens[i - 1].kind == .word,
               matchEnding(.durationCue, before: i) == nil,
               matchEnding(.yearCue, before: i) == nil, count(w.end) != nil {
                return nil
            }
            var j = w.end
            var n: Double?
            // Value 3 ("within", "dans un délai de") counts from publication, an article too:
            // "within a week".
            let within = w.entry.value == Self.withinWindow
            if let (v, after) = count(j), tokens[j].kind == .number || match(.count, j) == nil || within {
                n = v; j = after
            }
            if let u = unit(j) {
                // "the last four months of 2021", "the first ten days of last year".
                if let n, !within, let (period, end) = periodAfter(u.end) {
                    return TimeCandidate(start: i, end: end, content: .sub(unit: u.code, count: n, fromEnd: w.entry.value < 0, period: period))
                }
                if w.entry.value == 2 { return nil }
                // "the last week of July" is a week of July (`nthWeek`), not a window.
                if has(.of, u.end), date(skip(.filler, skip(.of, u.end)), allowBareYear: true) != nil { return nil }
                if n == nil && !isPlural(j) {
                    // "last week" is a calendar week; "over the past week" the last seven days.
                    guard w.end - i >= 2 else { return nil }
                    n = 1
                }
                // A unit the same in both numbers ("mois") after a calendar shift word is a
                // calendar period, not a window.
                if n == nil && isSingular(j) && match(.shiftPre, i) != nil { return nil }
                return TimeCandidate(start: i, end: u.end, content: .window(unit: u.code, count: n, direction: w.entry.value))
            }
            return nil
        }
        // Count, then "derniers/prochains/upcoming", then unit.
        let j = has(.pairOpen, i) ? i + 1 : i
        guard let (n, after) = count(j), let w = match(.windowPost, after), let u = unit(w.end),
              isPlural(w.end) || n == 1 else {
            return nil
        }
        // "les six premiers mois de l'année", "les trois derniers mois de 2023".
        if let (period, end) = periodAfter(u.end) {
            return TimeCandidate(start: i, end: end, content: .sub(unit: u.code, count: n, fromEnd: w.entry.value < 0, period: period))
        }
        if w.entry.value > 1 { return nil }
        return TimeCandidate(start: i, end: u.end, content: .window(unit: u.code, count: n, direction: w.entry.value))
    }

    /// "of 2021", "de l'année", "of last year": the period a first/last stretch belongs to.
    func periodAfter(_ k: Int) -> (DateSpec, Int)? {
        guard has(.of, k) else { return nil }
        let d = skip(.filler, skip(.of, k))
        if let (spec, end) = date(d, allowBareYear: true) {
            switch spec {
            case .year, .month, .monthShift, .unitShift("Y", _), .unitShift("M", _), .season, .decade: return (spec, end)
            default: return nil
            }
        }
        if d > k + 1, let u = unit(d), isSingular(d), u.code == "Y" || u.code == "M" {
            return (.unitShift(unit: u.code, shift: 0), u.end)
        }
        return nil
    }

    /// "il y a trois jours", "two days ago", "dans deux semaines", "in 2 weeks".
    func offset(_ i: Int) -> TimeCandidate? {
        if let a = match(.agoPre, i) ?? match(.inPre, i) {
            var j = a.end
            var qualifier: String?
            if let q = match(.qualifier, j) { qualifier = q.entry.tag; j = q.end }
            guard let (n, after) = count(j), let u = unit(after), Self.isCalendarUnit(u.code) else { return nil }
            let direction = a.entry.role == .agoPre ? -1 : 1
            let half = match(.half, u.end)
            return TimeCandidate(start: i, end: half?.end ?? u.end,
                                 content: .offset(unit: u.code, count: n + Double(half?.entry.value ?? 0) / 100, direction: direction),
                                 qualifier: qualifier)
        }
        guard let d = duration(i, articleNeedsContext: false), case .duration(let u, let n) = d.content else { return nil }
        if let a = match(.anchor, d.end), Self.isCalendarUnit(u),
           let (spec, end) = date(skip(.filler, a.end), allowBareYear: true) {
            // "for three days from Monday": after a duration cue, the stretch itself.
            if a.entry.value > 0, d.qualifier == nil, let cue = matchEnding(.durationCue, before: i) {
                return TimeCandidate(start: cue.start, end: end, content: .stretchFrom(unit: u, count: n, anchor: spec))
            }
            return TimeCandidate(start: i, end: end, content: .anchored(unit: u, count: n, direction: a.entry.value, anchor: spec),
                                 qualifier: d.qualifier)
        }
        guard let post = match(.agoPost, d.end), Self.isCalendarUnit(u) else { return nil }
        // "two days ago" (-1), "two weeks from now" (+1).
        return TimeCandidate(start: i, end: post.end, content: .offset(unit: u, count: n, direction: post.entry.value < 0 ? -1 : 1),
                             qualifier: d.qualifier)
    }

    /// The `window-pre` value of "within"-words: a stretch that starts at publication
    /// (not the day after, as "the next 5 days") and, in a past-tense sentence, only a
    /// length of time ("the town fell within 48 hours").
    static let withinWindow = 3

    static func isCalendarUnit(_ u: String) -> Bool { !(u == "H" || u == "MIN" || u == "S") }

    /// "du 3 au 5 mars", "entre 2014 et 2018", "from August to October", "2014-2018",
    /// "between March 3 and 5", "January 12, 2016 - 01/22/2016".
    func range(_ i: Int) -> TimeCandidate? {
        if let r = hyphenMonths(i) { return r }
        if let o = match(.rangeOpen, i), let r = hyphenMonths(o.end) { return TimeCandidate(start: i, end: r.end, content: r.content) }
        let open = match(.rangeOpen, i) ?? pairOpen(i)
        let j = open?.end ?? i
        // The first end: a full date phrase, or a bare day/year that borrows from the second.
        let first: (DateSpec, Int)?
        if let d = date(j, allowBareYear: true) {
            first = d
        } else if let d = dayNumber(j) {
            first = (.dayOnly(d), j + 1)
        } else if open != nil, let now = match(.now, j) {
            first = (.dayOffset(0), now.end)  // "between now and November 15th"
        } else {
            first = nil
        }
        guard let (a, afterA) = first else { return nil }
        // "from March to date", "depuis 2019 jusqu'à présent".
        if let t = match(.toDate, afterA), open != nil || Self.isComplete(a) {
            return TimeCandidate(start: i, end: t.end, content: .toDate(a))
        }
        guard let sepMatch = match(.rangeSep, afterA) else { return nil }
        let sep = (start: afterA, end: sepMatch.end)
        if open == nil {
            // Without "du/entre/from" only tight forms ("2014-2018", "3-5 mars") and
            // separators marked 2 in the data ("2014 to 2018") count.
            guard tokens[sep.end - 1].kind == .punctuation || tokens[sep.end - 1].kind == .symbol
                    || sepMatch.entry.value == 2 else { return nil }
        }
        let k = skip(.filler, sep.end)
        var second: (DateSpec, Int)?
        if let d = date(k, allowBareYear: true) { second = d } else if let d = dayNumber(k) { second = (.dayOnly(d), k + 1) }
        // "between Jan 2019 and now".
        if second == nil, let now = match(.now, k), open != nil { return TimeCandidate(start: i, end: now.end, content: .toDate(a)) }
        guard let (b, secondEnd) = second else { return nil }
        guard var (sa, sb) = Self.completeRange(a, b) else { return nil }
        // "from 5/1-5/7, 2020", "du 3 au 5 mars, 2020": a year after the second end
        // belongs to both when neither names one.
        var afterB = secondEnd
        if case .dayMonth(let m2, let d2) = sb, case .dayMonth(let m1, let d1) = sa {
            let (y, end) = trailingYear(afterB)
            if let y, Day.isValid(year: m1 > m2 ? y - 1 : y, month: m1, day: d1), Day.isValid(year: y, month: m2, day: d2) {
                sa = .full(Day(year: m1 > m2 ? y - 1 : y, month: m1, day: d1))
                sb = .full(Day(year: y, month: m2, day: d2))
                afterB = end
            }
        }
        // "138-2010-2015" is a phone number, not a range of years.
        if open == nil, (i > 0 && !tokens[i].spaceBefore && tokens[i - 1].kind != .word)
            || (afterB < tokens.count && glued(afterB) && (tokens[afterB].text == "-" || tokens[afterB].kind == .number)) {
            return nil
        }
        if open == nil {
            switch sa {
            case .year, .full, .dayMonth: break
            case .month: guard tokens[sep.start].kind == .punctuation else { return nil }
            default: return nil
            }
        }
        return TimeCandidate(start: i, end: afterB, content: .range(sa, sb))
    }

    /// "June-August 1992", "Nov-Feb": two months joined by a hyphen in one token, with an
    /// optional year that both borrow.
    func hyphenMonths(_ i: Int) -> TimeCandidate? {
        guard i < tokens.count, tokens[i].kind == .word, let dash = tokens[i].lower.utf8.firstIndex(of: 0x2D) else { return nil }
        let head = String(tokens[i].lower[..<dash]), tail = String(tokens[i].lower[tokens[i].lower.index(after: dash)...])
        func month(_ w: String) -> TimeEntry? { lexicon.phrases[w]?.first { $0.entry.role == .month && $0.tokens.count == 1 }?.entry }
        guard let m1 = month(head), let m2 = month(tail) else { return nil }
        let (y, end) = trailingYear(i + 1)
        if let y {
            return TimeCandidate(start: i, end: end, content: .range(.month(year: m2.value >= m1.value ? y : y - 1, month: m1.value),
                                                                    .month(year: y, month: m2.value)))
        }
        return TimeCandidate(start: i, end: i + 1, content: .range(.month(year: nil, month: m1.value), .month(year: nil, month: m2.value)))
    }

    /// A date that names its year: it can open a range to the present on its own.
    static func isComplete(_ spec: DateSpec) -> Bool {
        switch spec {
        case .full, .year, .month(_?, _): return true
        default: return false
        }
    }

    /// "les 19 et 20 décembre": a determiner before two coordinated day numbers opens a
    /// range of days.
    func pairOpen(_ i: Int) -> (entry: TimeEntry, end: Int)? {
        guard let p = match(.pairOpen, i), dayNumber(p.end) != nil, has(.conj, p.end + 1) || has(.rangeSep, p.end + 1)
        else { return nil }
        return p
    }

    /// Lets each end of a range borrow what it lacks from the other: "du 3 au 5 mars" →
    /// 3 March; "between March 3 and 5" → 5 March; "de mars à mai 2023" → March 2023.
    static func completeRange(_ a: DateSpec, _ b: DateSpec) -> (DateSpec, DateSpec)? {
        switch (a, b) {
        case (.dayOnly(let d1), .dayMonth(let m, _)): return (.dayMonth(month: m, day: d1), b)
        case (.dayOnly(let d1), .full(let day)):
            guard Day.isValid(year: day.year, month: day.month, day: d1) else { return nil }
            return (.full(Day(year: day.year, month: day.month, day: d1)), b)
        case (.dayMonth(let m, _), .dayOnly(let d2)): return (a, .dayMonth(month: m, day: d2))
        case (.full(let day), .dayOnly(let d2)):
            guard Day.isValid(year: day.year, month: day.month, day: d2) else { return nil }
            return (a, .full(Day(year: day.year, month: day.month, day: d2)))
        case (.dayMonth(let m, let d), .full(let day)):
            guard Day.isValid(year: day.year, month: m, day: d) else { return nil }
            return (.full(Day(year: day.year, month: m, day: d)), b)
        case (.month(nil, let m), .month(let y?, _)): return (.month(year: y, month: m), b)
        case (.year(let y1), .year(let y2)): return y2 > y1 ? (a, b) : nil
        case (.month(nil, _), .year): return nil  // "Dec-2018" is a month
        case (.dayOnly, _), (_, .dayOnly): return nil
        default: return (a, b)
        }
    }
}
