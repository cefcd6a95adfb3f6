import DossierCore
import DossierText

/// Round 7's date forms built around weekdays, months named relatively and named days:
/// "Friday, June 15", "next week on Tuesday", "the 3rd of next month", "the first Monday
/// of December", "Thanksgiving weekend". Kept apart from TimeDates to keep files short.
extension TimeScanner {
    /// A month named relatively after "of"/"de": "next month", "le mois dernier", "this
    /// month", "the month" (the current one), "May", "mai 2024".
    func monthAfterOf(_ k: Int) -> (DateSpec, Int)? {
        if let (spec, end) = relativeDay(k), case .unitShift("M", _) = spec { return (spec, end) }
        if let u = unit(k), u.code == "M", isSingular(k), k > 0, has(.filler, k - 1) || has(.of, k - 1) {
            return (.unitShift(unit: "M", shift: 0), u.end)
        }
        if let (spec, end) = writtenDate(k) {
            switch spec {
            case .month, .monthShift: return (spec, end)
            default: return nil
            }
        }
        return nil
    }

    /// "the first Monday of January", "the last Friday of the month", "le deuxième dimanche
    /// de mai", "le dernier vendredi du mois prochain".
    func nthWeekdayOf(_ i: Int) -> (DateSpec, Int)? {
        var j = skip(.filler, i)
        guard j + 1 < tokens.count, tokens[j].kind != .number else { return nil }
        let n: Int
        if let d = dayNumber(j), tokens[j].kind != .number, d <= 5 { n = d; j += 1 } else if let l = match(.shiftPre, j) ?? match(.shiftPost, j),
            l.entry.value == -1 { n = -1; j = l.end } else { return nil }
        guard let w = match(.weekday, j) else { return nil }
        let k = skip(.of, w.end)
        guard k > w.end, let (month, end) = monthAfterOf(k) ?? monthAfterOf(skip(.filler, k)) else { return nil }
        return (.nthWeekdayOf(weekday: w.entry.value, n: n, month), end)
    }

    /// A weekday tells which year a day and month without one is ("Friday, June 15").
    static func withWeekday(_ weekday: Int?, _ spec: DateSpec) -> DateSpec {
        guard let weekday, case .dayMonth(let m, let d) = spec else { return spec }
        return .weekdayDate(weekday: weekday, month: m, day: d)
    }

    /// "Friday 7.6": right after a weekday, a dotted pair of one- or two-digit numbers is a
    /// day and month (alone it is a decimal number), unless a scale word, a unit, a currency
    /// or a counted noun makes it an amount ("Friday 7.5 million voters", "Sunday 7.5 %").
    func dottedPair(_ i: Int) -> (DateSpec, Int)? {
        guard i < tokens.count, tokens[i].kind == .number, !isPunct(i + 1, "%"), readNumber(i + 1) == nil,
              i + 1 >= tokens.count || numbers.lexicon.words[tokens[i + 1].lower] == nil else { return nil }
        if i + 1 < tokens.count {
            let q = QuantityLexicon.shared(language)
            if q.units.match(tokens, at: i + 1) != nil || q.currencies.match(tokens, at: i + 1) != nil
                || q.counted.match(tokens, at: i + 1).map({ !["-", "det", "time"].contains($0.0.category) }) == true { return nil }
        }
        var a = 0, b = 0, da = 0, db = 0, dots = 0
        for c in tokens[i].text.unicodeScalars {
            if c == "." { dots += 1; continue }
            guard CharClass.isDigit(c) else { return nil }
            if dots == 0 { a = a * 10 + Int(c.value - 48); da += 1 } else { b = b * 10 + Int(c.value - 48); db += 1 }
        }
        guard dots == 1, (1...2).contains(da), (1...2).contains(db), let (m, d) = dayMonthOrder(a, b),
              Day.isValid(year: 2000, month: m, day: d) else { return nil }
        return (.dayMonth(month: m, day: d), i + 1)
    }

    /// "next week on Tuesday", "previous week - Monday", "la semaine dernière, mardi": a
    /// weekday of a week named relative to publication, the week first.
    func weekThenWeekday(_ week: (DateSpec, Int)) -> (DateSpec, Int)? {
        guard case .unitShift("W", let shift) = week.0 else { return nil }
        let k = skip(.filler, skip(.weekdayLink, week.1))
        guard let w = match(.weekday, k), !w.entry.ambiguous || tokens[k].isCapitalized,
              dayNumber(skipComma(w.end)) == nil else { return nil }
        return (.weekOfDay(weekday: w.entry.value, weekShift: shift), w.end)
    }

    /// "the weekend of Halloween", "Easter weekend", "Labor Day 2021 weekend", "le week-end
    /// de Pâques": the Saturday and Sunday next to a named day, with the day itself.
    func holidayWeekend(_ i: Int) -> (DateSpec, Int)? {
        if let h = match(.holiday, i), let (day, end) = holiday(at: h) {
            // "Labor Day 2021 weekend": the year may come before the unit…
            var k = end, inner = day
            if let y = year(k), let dated = Self.withYear(day, y) { inner = dated; k += 1 }
            guard let u = unit(k), u.code == "WE", isSingular(k) else { return nil }
            // …or after it: "Halloween weekend 2021".
            if let y = year(u.end), let dated = Self.withYear(inner, y) { return (.holidayWeekend(dated), u.end + 1) }
            return (.holidayWeekend(inner), u.end)
        }
        // Asked at every start token: the bit-mask test keeps it free where no unit is.
        let j = skip(.filler, i)
        guard j < tokens.count, masks[j] & TimeRole.unit.bit != 0, let u = unit(j), u.code == "WE", isSingular(j) else { return nil }
        let k = skip(.of, u.end)
        // "le week-end de la Toussaint": the determiner may belong to the name (and to an
        // `of` phrase, "de la").
        guard k > u.end, let h = match(.holiday, k) ?? match(.holiday, skip(.filler, k))
                ?? (k - 1 > u.end ? match(.holiday, k - 1) : nil),
              let (day, end) = holiday(at: h) else { return nil }
        return (.holidayWeekend(day), end)
    }

    /// A named day without a year, given one.
    static func withYear(_ spec: DateSpec, _ y: Int) -> DateSpec? {
        switch spec {
        case .dayMonth(let m, let d): return Day.isValid(year: y, month: m, day: d) ? .full(Day(year: y, month: m, day: d)) : nil
        case .easter(let o, nil): return .easter(offset: o, year: y)
        case .nthWeekday(let m, let w, let n, nil): return .nthWeekday(month: m, weekday: w, n: n, year: y)
        default: return nil
        }
    }
}
