import DossierCore
import DossierText

/// Calendar dates: numeric ("20/01/2025", "2024-11-12"), written ("le 20 janvier 2025",
/// "January 20, 2025", "mardi 3 juin"), months, years, seasons, parts ("fin octobre")
/// and days named relative to publication ("hier", "last week", "mardi dernier").
extension TimeScanner {
    /// The longest date phrase starting at `i`: (spec, index after it). Every rule that
    /// looks for a date (ranges, open bounds, anchors, the candidate itself) asks at the
    /// same tokens, so each answer is kept for the scan.
    func date(_ i: Int, allowBareYear: Bool) -> (DateSpec, Int)? {
        let key = i &* 2 &+ (allowBareYear ? 1 : 0)
        if let known = memo.dates[key] { return known }
        let found = readDate(i, allowBareYear: allowBareYear)
        memo.dates.updateValue(found, forKey: key)
        return found
    }

    private func readDate(_ i: Int, allowBareYear: Bool) -> (DateSpec, Int)? {
        var best: (DateSpec, Int)?
        func consider(_ c: (DateSpec, Int)?) {
            if let c, c.1 > (best?.1 ?? i) { best = c }
        }
        consider(numericDate(i))
        consider(writtenDate(i))
        consider(partOf(i))
        consider(relativeDay(i))
        consider(seasonDate(i))
        consider(decadeOrCentury(i))
        consider(holiday(i))
        consider(nthWeek(i))
        consider(letterQuarter(i))
        consider(nthWeekdayOf(i))
        consider(namedYearOrWeek(i))
        consider(spacedOrCompactDate(i))
        if allowBareYear, let y = year(i), unit(i + 1) == nil, y >= 1900 || !countsNoun(i + 1) { consider((.year(y), i + 1)) }
        if allowBareYear, let (y, end) = spelledYear(i), unit(end) == nil, !countsNoun(end) { consider((.year(y), end)) }
        // "le 13 novembre dernier", "le 12 mai prochain": the occurrence before or after
        // publication, whatever the verb's tense.
        if let (spec, end) = best, let post = match(.shiftPost, end), post.entry.value != 0 {
            switch spec {
            case .dayMonth, .weekdayDate: best = (.shifted(spec, post.entry.value), post.end)
            default: break
            }
        }
        // "next 5/12", "last 11/13": a numeric day and month after a shift word.
        if let s = match(.shiftPre, i), s.entry.value != 0, let (spec, end) = numericDate(s.end), case .dayMonth = spec {
            consider((.shifted(spec, s.entry.value), end))
        }
        if let b = best, let w = weekThenWeekday(b) { best = w }
        consider(holidayWeekend(i))
        return best
    }

    /// "the year 2019", "l'année 2019", "year of 2008": a year named with its unit;
    /// "week 31", "semaine 12 de 2024": an ISO 8601 week number.
    func namedYearOrWeek(_ i: Int) -> (DateSpec, Int)? {
        let j = skip(.filler, i)
        guard let u = unit(j), isSingular(j) else { return nil }
        let k = skip(.of, u.end)
        if u.code == "Y", let y = year(k) { return (.year(y), k + 1) }
        // "the week of June 12", "la semaine du 12 juin", "the week beginning February 4".
        let since = u.code == "W" && k == u.end ? match(.openBound, u.end).flatMap { $0.entry.tag == "since" ? $0.end : nil } : nil
        if u.code == "W", k > u.end || since != nil, let (d, end) = date(skip(.filler, since ?? k), allowBareYear: false) {
            switch d {
            case .full, .dayMonth, .dayOnly, .weekdayDay: return (.weekOf(d), end)
            default: break
            }
        }
        guard u.code == "W", k == u.end, let n = integer(k), digitCount(k) <= 2, (1...53).contains(n) else { return nil }
        let (y, end) = trailingYear(k + 1)
        return (.isoWeek(n, year: y), y == nil ? k + 1 : end)
    }

    // MARK: numeric dates

    /// "20/01/2025", "2024-11-12", "15.05.99", "29/2", "2015-3", "Sep-23-2020", "23/Sep/2020".
    /// Parts must be glued with one repeated separator, so "3-5" and "1.5" need a month
    /// name or three parts to count.
    func numericDate(_ i: Int) -> (DateSpec, Int)? {
        var parts: [(value: Int, digits: Int, isMonthWord: Bool)] = []
        var j = i
        var sep: String?
        func addPart(_ k: Int) -> Bool {
            if let n = integer(k) { parts.append((n, digitCount(k), false)); return true }
            if let m = match(.month, k), m.end == k + 1 || (m.end == k + 2 && isPunct(k + 1, ".")) {
                parts.append((m.entry.value, 0, true)); return true
            }
            // "15.05" is one decimal-looking token: split it.
            if k < tokens.count, tokens[k].kind == .number {
                let pieces = tokens[k].text.split(separator: ".")
                if pieces.count == 2, let a = Int(pieces[0]), let b = Int(pieces[1]), pieces[1].count == 2 {
                    parts.append((a, pieces[0].count, false)); parts.append((b, 2, false))
                    sep = sep ?? "."
                    return true
                }
            }
            return false
        }
        guard addPart(j) else { return nil }
        j += 1
        while parts.count < 3, j + 1 < tokens.count, glued(j), glued(j + 1) {
            let s = tokens[j].text
            guard s == "/" || s == "-" || s == "." else { break }
            if let sep, sep != s { break }
            sep = s
            guard addPart(j + 1) else { break }
            j += 2
        }
        guard parts.count >= 2, let sep else { return nil }
        // Not followed by more glued digits ("10/1-11/2/2017" is a range, "1.2.3" a version).
        if j < tokens.count, glued(j), tokens[j].kind == .number { return nil }
        let hasMonthWord = parts.contains { $0.isMonthWord }
        if parts.count == 2 {
            let a = parts[0], b = parts[1]
            // "Dec-2018", "2018/Dec": a month and its year.
            if a.isMonthWord, b.digits == 4, (1000...2199).contains(b.value) { return (.month(year: b.value, month: a.value), j) }
            if b.isMonthWord, a.digits == 4, (1000...2199).contains(a.value) { return (.month(year: a.value, month: b.value), j) }
            if a.isMonthWord, (1...31).contains(b.value) { return (.dayMonth(month: a.value, day: b.value), j) }
            if b.isMonthWord, (1...31).contains(a.value) { return (.dayMonth(month: b.value, day: a.value), j) }
            if a.digits == 4, b.digits <= 2, (1...12).contains(b.value), sep == "-" || sep == "/" {
                return (.month(year: a.value, month: b.value), j)
            }
            guard sep == "/" || (sep == "." && !lexicon.monthFirst && a.digits <= 2 && b.digits == 2) else { return nil }
            // "24/7", "page 12/14": a bare pair needs two-digit parts or a determiner before it.
            // A range word licenses it too: "from 10/1 to 11/7", "du 10/1 au 11/7".
            guard (a.digits == 2 && b.digits == 2) || (i > 0 && (has(.filler, i - 1) || has(.weekday, i - 1) || has(.shiftPre, i - 1)
                                                                 || (has(.rangeOpen, i - 1) && has(.rangeSep, j))
                                                                 || (i > 1 && has(.rangeSep, i - 1) && tokens[i - 2].kind == .number)))
                    // A pair alone on its line is a dateline or a heading: "29/2".
                    || (startsLine(i) && (j == tokens.count || startsLine(j)))
                    // "10/1-11/2/2017": the first end of a range of numeric dates.
                    || (j + 2 < tokens.count && isPunct(j, "-") && glued(j) && glued(j + 1) && tokens[j + 1].kind == .number
                        && isPunct(j + 2, "/") && glued(j + 2))
            else { return nil }
            guard let (m, d) = dayMonthOrder(a.value, b.value) else { return nil }
            return Day.isValid(year: 2000, month: m, day: d) ? (.dayMonth(month: m, day: d), j) : nil
        }
        // Three parts.
        var y = 0, m = 0, d = 0
        if let mw = parts.firstIndex(where: { $0.isMonthWord }) {
            m = parts[mw].value
            let others = parts.enumerated().filter { $0.offset != mw }.map(\.element)
            if others[0].digits == 4 { y = others[0].value; d = others[1].value } else if others[1].digits == 4 {
                y = others[1].value; d = others[0].value
            } else { d = others[0].value; y = expandYear(others[1].value) }
        } else if parts[0].digits == 4 {
            (y, m, d) = (parts[0].value, parts[1].value, parts[2].value)
        } else {
            guard parts[2].digits == 4 || parts[2].digits == 2 else { return nil }
            y = parts[2].digits == 4 ? parts[2].value : expandYear(parts[2].value)
            guard let (mm, dd) = dayMonthOrder(parts[0].value, parts[1].value) else { return nil }
            (m, d) = (mm, dd)
        }
        _ = hasMonthWord
        guard Day.isValid(year: y, month: m, day: d) else { return nil }
        return (.full(Day(year: y, month: m, day: d)), j)
    }

    /// "2016 10 16", "18 8 1978": three bare numbers, one a four-digit year at either end;
    /// "20200701": eight digits that make a valid day. A longer run of numbers is a list
    /// or a phone number, not a date.
    func spacedOrCompactDate(_ i: Int) -> (DateSpec, Int)? {
        guard i < tokens.count, tokens[i].kind == .number else { return nil }
        if digitCount(i) == 8, i + 1 >= tokens.count || tokens[i + 1].kind != .number {
            let v = tokens[i].text.unicodeScalars.map { Int($0.value) - 48 }
            guard v.allSatisfy({ (0...9).contains($0) }) else { return nil }
            let y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5], d = v[6] * 10 + v[7]
            guard (1900...2100).contains(y), Day.isValid(year: y, month: m, day: d) else { return nil }
            return (.full(Day(year: y, month: m, day: d)), i + 1)
        }
        guard i + 2 < tokens.count, !(i > 0 && tokens[i - 1].kind == .number),
              !(i + 3 < tokens.count && (tokens[i + 3].kind == .number || isPunct(i + 3, "%"))),
              let a = integer(i), let b = integer(i + 1), let c = integer(i + 2), !glued(i + 1), !glued(i + 2) else { return nil }
        if digitCount(i) == 4, (1900...2100).contains(a), digitCount(i + 1) <= 2, digitCount(i + 2) <= 2,
           Day.isValid(year: a, month: b, day: c) {
            return (.full(Day(year: a, month: b, day: c)), i + 3)
        }
        guard digitCount(i + 2) == 4, (1900...2100).contains(c), digitCount(i) <= 2, digitCount(i + 1) <= 2,
              let (m, d) = dayMonthOrder(a, b), Day.isValid(year: c, month: m, day: d) else { return nil }
        return (.full(Day(year: c, month: m, day: d)), i + 3)
    }

    /// Day-month order of two numbers, from the language data (`numeric-order`): month
    /// first ("11/05/2024" is 5 November in English) unless impossible, or day first.
    func dayMonthOrder(_ a: Int, _ b: Int) -> (month: Int, day: Int)? {
        let monthFirst = lexicon.monthFirst
        if monthFirst, (1...12).contains(a), (1...31).contains(b) { return (a, b) }
        if (1...12).contains(b), (1...31).contains(a) { return (b, a) }
        if (1...12).contains(a), (1...31).contains(b) { return (a, b) }
        return nil
    }

    /// Two-digit years: the latest reading no more than ten years after publication
    /// ("18" → 2018, "40" → 1940 in a 2016 article, "99" → 1999).
    func expandYear(_ y: Int) -> Int { y >= 100 ? y : (2000 + y <= pivotYear ? 2000 + y : 1900 + y) }

    // MARK: written dates

    /// "[mardi] [le] 20 [de] janvier [2025]", "January 20[th][,] [2025]", "mars 2023",
    /// "juillet 98", "mardi [dernier]", "last Tuesday", "mars dernier", "this September".
    func writtenDate(_ i: Int) -> (DateSpec, Int)? {
        var j = i
        var weekday: Int?
        var weekdayEnd = i
        var shift: Int?
        if let s = match(.shiftPre, j) {
            shift = s.entry.value
            j = s.end
        }
        if let w = match(.weekday, j) {
            let next = skipComma(w.end)
            if !w.entry.ambiguous || dayNumber(next) != nil || dayNumber(skip(.filler, next)) != nil {
                weekday = w.entry.value
                weekdayEnd = w.end
                j = skipComma(w.end)
            }
        }
        let afterWeekday = j
        if let weekday, let n = numericDate(j) ?? (j == weekdayEnd ? dottedPair(j) : nil) {
            return (Self.withWeekday(weekday, n.0), n.1)
        }
        // "this Friday (Jun-15)": the date in brackets after its weekday.
        if let weekday, isPunct(j, "("), let n = numericDate(j + 1) ?? writtenDate(j + 1), isPunct(n.1, ")") {
            return (Self.withWeekday(weekday, n.0), n.1 + 1)
        }
        j = skip(.filler, j)
        if j > afterWeekday, let n = numericDate(j) { return n }
        // Day then month: "20 janvier", "the 09th of May" — not an amount ("$12 December 27").
        if let d = dayNumber(j), !(j > 0 && glued(j) && tokens[j - 1].kind == .symbol) {
            var k = j + 1
            // "the 15th day of June", "le premier jour du mois": a rank, a day unit, "of".
            if tokens[j].kind != .number, let u = unit(k), u.code == "D", isSingular(k), has(.of, u.end) { k = u.end }
            k = skip(.of, k)
            if let m = match(.month, k) {
                var end = m.end
                if abbreviationDot(end) { end += 1 }
                let (y, afterYear) = trailingYear(end)
                if let y { return Day.isValid(year: y, month: m.entry.value, day: d)
                    ? (.full(Day(year: y, month: m.entry.value, day: d)), afterYear) : nil }
                return (Self.withWeekday(weekday, .dayMonth(month: m.entry.value, day: d)), m.end)
            }
            // "the 3rd of next month", "le 15 du mois dernier".
            if k > j + 1, let (month, end) = monthAfterOf(skip(.filler, k)) { return (.dayOf(d, month), end) }
            // "le 23", "the 18th": a day of the current month, after a determiner; in
            // digits only ("the first nine months" is not a date).
            if weekday != nil || (j > afterWeekday && j > i), shift == nil, tokens[j].kind != .word,
               unit(j + 1) == nil, !isPunct(j + 1, "%"), match(.month, j + 1) == nil,
               year(j + 1) == nil, !(j + 1 < tokens.count && tokens[j + 1].kind == .number),
               weekday != nil || !countsNoun(j + 1) {
                if let weekday { return (.weekdayDay(weekday: weekday, day: d), j + 1) }
                return (.dayOnly(d), j + 1)
            }
        }
        if let spelled = spelledDayMonth(j, afterDeterminer: j > afterWeekday) { return spelled }
        // Month first: "janvier 2025", "January 20, 2025", "mars dernier".
        if let m = match(.month, afterWeekday) {
            var k = m.end
            // "may", "march" in lowercase are the modal and the verb unless a day or year follows.
            let plainWord = m.entry.lowercaseIsWord && !tokens[afterWeekday].isCapitalized
            if abbreviationDot(k) { k += 1 }
            // "August the 12th": a determiner before an ordinal day.
            if k < tokens.count, has(.filler, k), tokens[k + 1 < tokens.count ? k + 1 : k].kind != .number,
               let d = dayNumber(k + 1), year(k + 1) == nil {
                let (y, afterYear) = trailingYear(skip(.of, skipComma(k + 2)))
                if let y { return Day.isValid(year: y, month: m.entry.value, day: d)
                    ? (.full(Day(year: y, month: m.entry.value, day: d)), afterYear) : nil }
                return (Self.withWeekday(weekday, .dayMonth(month: m.entry.value, day: d)), k + 2)
            }
            if let d = dayNumber(k), year(k) == nil {
                let (y, afterYear) = trailingYear(skip(.of, skipComma(k + 1)))
                if let y { return Day.isValid(year: y, month: m.entry.value, day: d)
                    ? (.full(Day(year: y, month: m.entry.value, day: d)), afterYear) : nil }
                return (Self.withWeekday(weekday, .dayMonth(month: m.entry.value, day: d)), k + 1)
            }
            // "February twenty second": an ordinal in several words.
            if k < tokens.count, tokens[k].kind == .word, let r = readNumber(k), r.isOrdinal, r.end > k + 1,
               r.value == r.value.rounded(), (1...31).contains(Int(r.value)) {
                return (.dayMonth(month: m.entry.value, day: Int(r.value)), r.end)
            }
            let (y, afterYear) = trailingYear(k)
            if let y { return (.month(year: y, month: m.entry.value), afterYear) }
            if let n = integer(k), digitCount(k) == 2, n > 31 {
                return (.month(year: 1900 + n, month: m.entry.value), k + 1)
            }
            if plainWord { return nil }
            if let s = match(.shiftPost, k) {
                return (.monthShift(month: m.entry.value, shift: s.entry.value), s.end)
            }
            if let shift { return (.monthShift(month: m.entry.value, shift: shift), k) }
            if m.entry.ambiguous && !monthContext(i) { return nil }
            return (.month(year: nil, month: m.entry.value), k)
        }
        if let weekday {
            // English "next Friday", "last Wednesday": that weekday of the next or previous
            // week (a per-language convention, from the weekday-shift role).
            if shift != nil, let ws = match(.weekdayShift, i) {
                return (.weekOfDay(weekday: weekday, weekShift: ws.entry.value), weekdayEnd)
            }
            // "mardi de la semaine dernière", "Tuesday of last week", "Tuesday next week",
            // "mardi la semaine prochaine" (not "Tuesday next week's vote").
            let k = skip(.of, weekdayEnd)
            if let (week, end) = relativeDay(skip(.filler, k)), case .unitShift("W", let shift) = week,
               !(end < tokens.count && glued(end) && tokens[end].kind == .elision || lower(end) == "'s") {
                return (.weekOfDay(weekday: weekday, weekShift: shift), end)
            }
            if let s = match(.shiftPost, weekdayEnd) {
                return (.weekday(weekday, shift: s.entry.value), s.end)
            }
            return (.weekday(weekday, shift: shift), weekdayEnd)
        }
        return nil
    }

    /// "le quinze août", "fifteen August 1993": a day of the month in cardinal words before
    /// a month name. Written-out days are rare and "two May elections" or "trois mai" in a
    /// list of counts are not dates, so it needs a determiner before it ("le", "the") and no
    /// noun after the month, or a year after the month; a lone "un"/"one" never is a day.
    func spelledDayMonth(_ j: Int, afterDeterminer: Bool) -> (DateSpec, Int)? {
        guard j < tokens.count, tokens[j].kind == .word, let r = readNumber(j), !r.isOrdinal, r.suffix == nil,
              !r.isVague, !r.isApproximate, r.value == r.value.rounded(), (2...31).contains(Int(r.value)) else { return nil }
        let k = skip(.of, r.end)
        guard let m = match(.month, k), !(m.entry.lowercaseIsWord && !tokens[k].isCapitalized) else { return nil }
        let day = Int(r.value)
        let (y, afterYear) = trailingYear(m.end)
        if let y { return Day.isValid(year: y, month: m.entry.value, day: day) ? (.full(Day(year: y, month: m.entry.value, day: day)), afterYear) : nil }
        // "the three March rallies": a noun after the month makes the number a count.
        guard afterDeterminer, !countsNoun(m.end), Day.isValid(year: 2000, month: m.entry.value, day: day) else { return nil }
        return (.dayMonth(month: m.entry.value, day: day), m.end)
    }

    /// The dot of an abbreviated month ("Jan. 5", "sept. 2023", "janv. dernier"), not a
    /// full stop ending the sentence after a short month name ("depuis août.").
    func abbreviationDot(_ k: Int) -> Bool {
        guard isPunct(k, "."), tokens[k - 1].text.count <= 4, k + 1 < tokens.count else { return false }
        let next = tokens[k + 1]
        return next.kind == .number || next.kind == .alphanumeric || (next.kind == .word && !next.isCapitalized)
    }

    /// Whether the token after a number reads as the thing counted ("1500 homes", "the 3rd
    /// man"): a lowercase word that is not a grammar word of the time lexicon.
    func countsNoun(_ k: Int) -> Bool {
        guard k < tokens.count, tokens[k].kind == .word, !tokens[k].isCapitalized else { return false }
        return lists[k] == nil
    }

    /// A year right after a month or day ("2025", ", 2025", "de 1987").
    func trailingYear(_ k: Int) -> (Int?, Int) {
        var j = skipComma(k)
        j = skip(.of, j)
        if let y = year(j), unit(j + 1) == nil { return (y, j + 1) }
        if let (y, end) = spelledYear(j), unit(end) == nil, !countsNoun(end) { return (y, end) }
        return (nil, k)
    }

    /// Whether a bare ambiguous month name ("mars", "May") is used as a month: after a
    /// temporal preposition, a part word or a determiner of time.
    func monthContext(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        if matchEnding(.yearCue, before: i) != nil { return true }
        if matchEnding(.part, before: i) != nil { return true }
        if matchEnding(.rangeOpen, before: i) != nil || matchEnding(.rangeSep, before: i) != nil {
            return true
        }
        if matchEnding(.of, before: i) != nil,
           i >= 2, matchEnding(.part, before: i - 1) != nil { return true }
        // "the 3rd week of Jan", "la première semaine de mars": a unit of time and "of".
        if let o = matchEnding(.of, before: i), o.start >= 1, unit(o.start - 1) != nil { return true }
        return false
    }

    // MARK: relative days and periods

    /// "hier", "yesterday", "la semaine dernière", "last week", "ce mois-ci", "l'an dernier".
    func relativeDay(_ i: Int) -> (DateSpec, Int)? {
        if let d = match(.day, i) { return (.dayOffset(d.entry.value), d.end) }
        func shifted(_ code: String, _ shift: Int) -> DateSpec {
            code == "WE" ? .weekend(shift: shift) : .unitShift(unit: code, shift: shift)
        }
        if let s = match(.shiftPre, i), let u = unit(s.end), isSingular(s.end) {
            if let post = match(.shiftPost, u.end) { return (shifted(u.code, post.entry.value), post.end) }
            return (shifted(u.code, s.entry.value), u.end)
        }
        let j = skip(.filler, i)
        if let u = unit(j), let post = match(.shiftPost, u.end) {
            return (shifted(u.code, post.entry.value), post.end)
        }
        // "le week-end", "the weekend": the one the tense points to.
        if j > i, let u = unit(j), u.code == "WE", isSingular(j), !has(.of, u.end) { return (.weekend(shift: nil), u.end) }
        return nil
    }

    /// "au printemps 2022", "l'été dernier", "this summer", "cet hiver", "summer 2023".
    func seasonDate(_ i: Int) -> (DateSpec, Int)? {
        var j = i
        var shift: Int?
        if let s = match(.shiftPre, j) { shift = s.entry.value; j = s.end }
        let afterShift = j
        j = skip(.filler, j)
        guard let s = match(.season, j) else { return nil }
        if s.entry.ambiguous && shift == nil && j == afterShift && matchEnding(.yearCue, before: j) == nil {
            return nil
        }
        if let y = year(s.end) { return (.season(code: s.entry.tag, year: y, shift: nil), s.end + 1) }
        if let post = match(.shiftPost, s.end) {
            return (.season(code: s.entry.tag, year: nil, shift: post.entry.value), post.end)
        }
        return (.season(code: s.entry.tag, year: nil, shift: shift), s.end)
    }

    /// "début novembre", "mi-décembre", "fin 2023", "early November", "the end of March",
    /// "la fin de l'année", "earlier this month".
    func partOf(_ i: Int) -> (DateSpec, Int)? {
        var which: String
        var j: Int
        if let p = match(.part, i) {
            which = p.entry.tag
            j = p.end
            if isPunct(j, "-"), glued(j) { j += 1 }
        } else if i < tokens.count, let dash = tokens[i].lower.utf8.firstIndex(of: 0x2D) {
            // "mi-décembre": a part glued to its month by a hyphen, one token.
            let head = String(tokens[i].lower[..<dash])
            guard let e = lexicon.phrases[head]?.first(where: { $0.entry.role == .part && $0.tokens.count == 1 }),
                  let m = lexicon.phrases[String(tokens[i].lower[dash...].dropFirst())]?.first(where: { $0.entry.role == .month })
            else { return nil }
            let (y, after) = trailingYear(i + 1)
            return (.part(e.entry.tag, .month(year: y, month: m.entry.value)), y == nil ? i + 1 : after)
        } else {
            return nil
        }
        j = skip(.of, j)
        if let y = year(j), unit(j + 1) == nil { return (.part(which, .year(y)), j + 1) }
        if let m = match(.month, j) {
            let (y, after) = trailingYear(m.end)
            return (.part(which, .month(year: y, month: m.entry.value)), y == nil ? m.end : after)
        }
        if let s = seasonDate(j) { return (.part(which, s.0), s.1) }
        // "later today", "tôt demain": the day itself, not a part of it.
        if let r = relativeDay(j) {
            if case .dayOffset = r.0 { return nil }
            return (.part(which, r.0), r.1)
        }
        // "la fin de l'année", "the end of the month": the current one.
        let k = skip(.filler, j)
        if k > j || j > i + 1, let u = unit(k), isSingular(k) {
            // "earlier in the day", "plus tard dans la journée": that day itself, which
            // has no part before or after it at day precision.
            if u.code == "D" || u.code == "N", which == "before" || which == "after" {
                return (.dayOffset(0), u.end)
            }
            if let post = match(.shiftPost, u.end) {
                return (.part(which, .unitShift(unit: u.code, shift: post.entry.value)), post.end)
            }
            return (.part(which, .unitShift(unit: u.code, shift: 0)), u.end)
        }
        return nil
    }

    /// "the first week of 2019", "3rd week of Jan", "la dernière semaine de juillet",
    /// "the first quarter of 2013", "le troisième trimestre 2024", "the 9th month of next
    /// year": an ordinal (or a "last" word) before a singular week, quarter or month, then
    /// "of" and a period. A quarter may also take its year directly or none at all ("au
    /// premier trimestre": the current year), since business news names quarters so.
    func nthWeek(_ i: Int) -> (DateSpec, Int)? {
        var j = skip(.filler, i)
        let n: Int
        if let d = dayNumber(j), tokens[j].kind != .number { n = d; j += 1 } else if let l = match(.shiftPre, j) ?? match(.shiftPost, j),
            l.entry.value == -1 { n = -1; j = l.end } else { return nil }
        guard let u = unit(j, afterOrdinal: true), ["W", "Q", "M", "HY"].contains(u.code),
              isSingular(j) || unitNumber(j) == "after-ordinal" else { return nil }
        if u.code == "Q", n > 4 { return nil }
        if u.code == "HY", n > 2 { return nil }
        if u.code == "M", n > 12 { return nil }
        let k = skip(.filler, skip(.of, u.end))
        if k > u.end, let (inner, end) = date(k, allowBareYear: true) {
            let fits: Bool
            switch inner {
            case .year, .unitShift("Y", _): fits = true
            case .month, .monthShift, .unitShift("M", _): fits = u.code == "W"
            default: fits = false
            }
            if fits { return (.nthUnit(u.code, n, inner), end) }
        }
        // "the first quarter of the year": the current one.
        if k > u.end, let y = unit(k), y.code == "Y", isSingular(k) {
            return (.nthUnit(u.code, n, .unitShift(unit: "Y", shift: 0)), y.end)
        }
        guard u.code == "Q" || u.code == "HY", n > 0, unitNumber(j) != "after-ordinal" else { return nil }
        if let y = year(u.end) { return (.nthUnit(u.code, n, .year(y)), u.end + 1) }
        return (.nthUnit(u.code, n, .unitShift(unit: "Y", shift: 0)), u.end)
    }

    /// "Q3 2024", "2019 Q1", "Q1-2019", "in Q3": a quarter written with its letter
    /// (`quarter-prefix` in time-relative.tsv). Without a year it needs a year cue before
    /// it and means the current year.
    func letterQuarter(_ i: Int) -> (DateSpec, Int)? {
        func quarter(_ k: Int) -> (unit: String, n: Int)? {
            k < tokens.count ? lexicon.quarter(tokens[k].lower) : nil
        }
        if let y = year(i), let q = quarter(i + 1), glued(i + 1) == false { return (.nthUnit(q.unit, q.n, .year(y)), i + 2) }
        guard let q = quarter(i) else { return nil }
        var k = i + 1
        if isPunct(k, "-") || isPunct(k, "/"), glued(k), glued(k + 1) { k += 1 }
        if let y = year(k) { return (.nthUnit(q.unit, q.n, .year(y)), k + 1) }
        if let n = integer(k), k > i + 1, digitCount(k) == 2 { return (.nthUnit(q.unit, q.n, .year(expandYear(n))), k + 1) }
        guard matchEnding(.yearCue, before: i) != nil else { return nil }
        return (.nthUnit(q.unit, q.n, .unitShift(unit: "Y", shift: 0)), i + 1)
    }

    /// "Noël", "la Toussaint 2023", "Easter Monday": named days from time-holidays.tsv.
    func holiday(_ i: Int) -> (DateSpec, Int)? {
        // "next Easter", "last Christmas", "Noël dernier": the occurrence after or before.
        if let s = match(.shiftPre, i), s.entry.value != 0, let (inner, end) = holiday(s.end) {
            return (.shifted(inner, s.entry.value), end)
        }
        guard let h = match(.holiday, i) else { return nil }
        if let (inner, end) = holiday(at: h), let s = match(.shiftPost, end), s.entry.value != 0 {
            return (.shifted(inner, s.entry.value), s.end)
        }
        return holiday(at: h)
    }

    func holiday(at h: (entry: TimeEntry, end: Int)) -> (DateSpec, Int)? {
        // "Noël Mamère", "Christmas Island": part of a longer name.
        if h.end < tokens.count, tokens[h.end].kind == .word, tokens[h.end].isCapitalized,
           tokens[h.end].spaceBefore, match(.month, h.end) == nil { return nil }
        let (y, afterYear) = trailingYear(h.end)
        let end = y == nil ? h.end : afterYear
        let tag = h.entry.tag
        if tag.hasPrefix("easter") {
            let offset = Int(tag.dropFirst(6).replacingOccurrences(of: "+", with: "")) ?? 0
            return (.easter(offset: offset, year: y), end)
        }
        // "11:4:4": the fourth Thursday (ISO weekday 4) of November; "05:1:-1": the last Monday of May.
        let nth = tag.split(separator: ":").compactMap { Int($0) }
        if nth.count == 3, (1...12).contains(nth[0]), (1...7).contains(nth[1]), nth[2] != 0, abs(nth[2]) <= 5 {
            return (.nthWeekday(month: nth[0], weekday: nth[1], n: nth[2], year: y), end)
        }
        let parts = tag.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        if let y { return Day.isValid(year: y, month: parts[0], day: parts[1]) ? (.full(Day(year: y, month: parts[0], day: parts[1])), end) : nil }
        return (.dayMonth(month: parts[0], day: parts[1]), end)
    }

    /// "les années 90", "the 1990s", "1990s", "15th century", "XXe siècle".
    func decadeOrCentury(_ i: Int) -> (DateSpec, Int)? {
        // "the nineties", "nineties": a decade named by a word.
        if let d = match(.decadeName, skip(.decade, i)) { return (.decade(d.entry.value), d.end) }
        // "les années quatre-vingt-dix", "les années deux mille".
        if let d = match(.decade, i), d.end < tokens.count, tokens[d.end].kind == .word,
           let r = readNumber(d.end), !r.isOrdinal, r.value == r.value.rounded() {
            let n = Int(r.value)
            if (10...90).contains(n), n % 10 == 0 { return (.decade(1900 + n), r.end) }
            if (1900...2090).contains(n), n % 10 == 0 { return (.decade(n), r.end) }
        }
        if let d = match(.decade, i), let n = integer(d.end), n % 10 == 0 {
            if digitCount(d.end) == 4 { return (.decade(n), d.end + 1) }
            if digitCount(d.end) == 2 { return (.decade(1900 + n), d.end + 1) }
        }
        guard i < tokens.count else { return nil }
        let t = tokens[i]
        if t.kind == .alphanumeric, let (n, suffix) = splitOrdinal(t.lower) {
            if isDecadeSuffix(suffix), n % 10 == 0, n >= 1000 { return (.decade(n), i + 1) }
            if isOrdinalSuffix(suffix), (1...21).contains(n), unit(i + 1)?.code == "CEN" { return (.century(n), i + 2) }
        }
        if t.kind == .word, unit(i + 1)?.code == "CEN", let n = roman(t.text) { return (.century(n), i + 2) }
        return nil
    }

    /// Roman century ordinals with an ordinal suffix of the language: "XXe", "XIXème".
    func roman(_ s: String) -> Int? {
        var rest = Substring(s)
        while let last = rest.last, !"IVX".contains(last) { rest = rest.dropLast() }
        guard rest.count < s.count, isOrdinalSuffix(String(s.dropFirst(rest.count))) else { return nil }
        var total = 0, prev = 0, seen = 0
        for c in rest.reversed() {
            let v: Int
            switch c {
            case "I": v = 1
            case "V": v = 5
            case "X": v = 10
            default: return nil
            }
            total += v < prev ? -v : v
            prev = max(prev, v)
            seen += 1
        }
        return seen > 0 && (1...21).contains(total) ? total : nil
    }
}
