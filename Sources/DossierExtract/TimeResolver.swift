import DossierCore

/// Which way to place a date the text leaves incomplete.
enum TimeLean: String, Sendable {
    case past, future, nearest
}

/// Places date specs on the calendar relative to the publication date.
///
/// Rules (documented in docs/language-data/times.md):
/// - a day-month or month without a year, a bare weekday or season goes to the last
///   occurrence on or before publication when the lean is past, the first on or after it
///   when the lean is future, and otherwise to the nearest occurrence (ties go to the past);
/// - "dernier/last" and "prochain/next" on a weekday, month or season are strict: the
///   previous or next one, never the publication day's own.
struct TimeResolver: Sendable {
    let published: Day

    func resolve(_ spec: DateSpec, lean: TimeLean) -> TimePeriod? {
        let p = published
        switch spec {
        case .full(let d): return .day(d)
        case .year(let y): return .year(y)
        case .decade(let y): return TimePeriod(start: Day(year: y, month: 1, day: 1), end: Day(year: y + 10, month: 1, day: 1), precision: .decade)
        case .century(let c):
            return TimePeriod(start: Day(year: (c - 1) * 100, month: 1, day: 1), end: Day(year: c * 100, month: 1, day: 1), precision: .century)
        case .month(let y?, let m): return .month(y, m)
        case .month(nil, let m):
            return pick((p.year - 1...p.year + 1).map { TimePeriod.month($0, m) }, lean: lean)
        case .dayMonth(let m, let d):
            // 29 February: the leap years around publication.
            let years = m == 2 && d == 29 ? p.year - 4...p.year + 4 : p.year - 1...p.year + 1
            let options = years.compactMap {
                Day.isValid(year: $0, month: m, day: d) ? TimePeriod.day(Day(year: $0, month: m, day: d)) : nil
            }
            return pick(options, lean: lean)
        case .dayOnly(let d):
            let options = (-1...1).compactMap { delta -> TimePeriod? in
                let first = Day(year: p.year, month: p.month, day: 1).adding(months: delta)
                return Day.isValid(year: first.year, month: first.month, day: d)
                    ? .day(Day(year: first.year, month: first.month, day: d)) : nil
            }
            return pick(options, lean: lean)
        case .easter(let offset, let y):
            if let y { return .day(Self.easter(y).adding(days: offset)) }
            return pick((p.year - 1...p.year + 1).map { .day(Self.easter($0).adding(days: offset)) }, lean: lean)
        case .weekdayDate(let w, let m, let d):
            // The weekday picks the year among occurrences within half a year of
            // publication; a weekday that fits none is ignored (a typo, or a far date).
            let near = (p.year - 1...p.year + 1).compactMap { y -> TimePeriod? in
                guard Day.isValid(year: y, month: m, day: d) else { return nil }
                let day = Day(year: y, month: m, day: d)
                return day.weekday == w && abs(day.dayNumber - p.dayNumber) <= 183 ? .day(day) : nil
            }
            return pick(near, lean: .nearest) ?? resolve(.dayMonth(month: m, day: d), lean: lean)
        case .nthWeekday(let m, let w, let n, let y):
            if let y { return Self.nthWeekday(year: y, month: m, weekday: w, n: n).map(TimePeriod.day) }
            return pick((p.year - 1...p.year + 1).compactMap { Self.nthWeekday(year: $0, month: m, weekday: w, n: n).map(TimePeriod.day) },
                        lean: lean)
        case .dayOf(let d, let inner):
            guard let month = resolve(inner, lean: lean)?.start,
                  Day.isValid(year: month.year, month: month.month, day: d) else { return nil }
            return .day(Day(year: month.year, month: month.month, day: d))
        case .nthWeekdayOf(let w, let n, let inner):
            guard let month = resolve(inner, lean: lean)?.start else { return nil }
            return Self.nthWeekday(year: month.year, month: month.month, weekday: w, n: n).map(TimePeriod.day)
        case .holidayWeekend(let inner):
            guard let day = resolve(inner, lean: lean)?.start else { return nil }
            // A long weekend: Saturday to a Monday or Tuesday holiday, a Thursday or Friday
            // one to Sunday; a Wednesday holiday is not part of a weekend, the next one is meant.
            let w = day.weekday
            let saturday = w <= 2 ? day.adding(days: -(w + 1)) : day.adding(days: 6 - w)
            let start = w == 3 ? saturday : min(day, saturday), last = max(day, saturday.adding(days: 1))
            return TimePeriod(start: start, end: last.adding(days: 1), precision: .stretch)
        case .weekOfDay(let w, let shift):
            return .day(p.weekStart.adding(days: 7 * shift + w - 1))
        case .weekdayDay(let w, let d):
            let first = Day(year: p.year, month: p.month, day: 1)
            let options = (-12...12).compactMap { delta -> TimePeriod? in
                let m = first.adding(months: delta)
                guard Day.isValid(year: m.year, month: m.month, day: d) else { return nil }
                let day = Day(year: m.year, month: m.month, day: d)
                return day.weekday == w ? .day(day) : nil
            }
            return pick(options, lean: lean)
        case .weekday(let w, let shift):
            let back = (p.weekday - w + 7) % 7
            let forward = (w - p.weekday + 7) % 7
            switch shift {
            case .some(-1): return .day(p.adding(days: -(back == 0 ? 7 : back)))
            case 1?: return .day(p.adding(days: forward == 0 ? 7 : forward))
            case 0?: return .day(p.weekStart.adding(days: w - 1))
            default:
                return pick([.day(p.adding(days: -back)), .day(p.adding(days: forward))], lean: lean)
            }
        case .dayOffset(let n): return .day(p.adding(days: n))
        case .weekOf(let inner):
            guard let d = resolve(inner, lean: lean) else { return nil }
            // "The week beginning 4 February" names a calendar week by a day in it, as
            // Recognizers-Text reads it: the Monday-to-Sunday week holding that day.
            return .week(containing: d.start)
        case .shifted(let inner, let shift): return resolve(inner, lean: shift < 0 ? .past : .future)
        case .isoWeek(let n, let y):
            // Week 1 is the week holding 4 January.
            let monday = Day(year: y ?? p.year, month: 1, day: 4).weekStart.adding(days: 7 * (n - 1))
            return .week(containing: monday)
        case .weekend(let shift):
            func weekend(_ weeks: Int) -> TimePeriod {
                let saturday = p.weekStart.adding(days: 7 * weeks + 5)
                return TimePeriod(start: saturday, end: saturday.adding(days: 2), precision: .stretch)
            }
            if let shift {
                // "last weekend" on a Sunday is the one before; on a Monday the one just gone.
                if shift < 0 { return weekend(-1).end <= p ? (weekend(0).end <= p ? weekend(0) : weekend(-1)) : weekend(-2) }
                return weekend(shift)
            }
            return pick([weekend(-1), weekend(0), weekend(1)], lean: lean)
        case .monthShift(let m, let shift):
            let options = (p.year - 1...p.year + 1).map { TimePeriod.month($0, m) }
            switch shift {
            case -1: return options.last { $0.end <= p } ?? options.last { $0.start < p }
            case 1: return options.first { $0.start > p }
            default: return .month(p.year, m)
            }
        case .unitShift(let unit, let shift):
            return shifted(unit: unit, shift: shift)
        case .season(let code, let y?, _): return .season(code, year: y)
        case .season(let code, nil, let shift):
            let options = (p.year - 2...p.year + 1).compactMap { TimePeriod.season(code, year: $0) }
            switch shift {
            case .some(-1): return options.last { $0.end <= p }
            case 1?: return options.first { $0.start > p }
            case 0?: return options.first { $0.start <= p && p < $0.end } ?? TimePeriod.season(code, year: p.year)
            default: return pick(options, lean: lean)
            }
        case .nthUnit(let unit, let n, let inner):
            guard let whole = resolve(inner, lean: lean) else { return nil }
            guard unit == "W" else {
                // Quarters and months count from the period's first day.
                let months = unit == "Q" ? 3 : unit == "HY" ? 6 : 1
                let first = n < 0 ? whole.end.adding(months: -months) : whole.start.adding(months: months * (n - 1))
                let period = TimePeriod(start: first, end: first.adding(months: months), precision: unit == "M" ? .month : .stretch)
                return period.end <= whole.end && period.start >= whole.start ? period : nil
            }
            // A week belongs to the period holding its Thursday (the ISO 8601 rule), so
            // "the first week of 2019" starts on 31 December 2018.
            var monday = whole.start.weekStart
            if monday.adding(days: 3) < whole.start { monday = monday.adding(days: 7) }
            if n < 0 {
                monday = whole.end.adding(days: -1).weekStart
                if !(monday.adding(days: 3) < whole.end) { monday = monday.adding(days: -7) }
            } else {
                monday = monday.adding(days: 7 * (n - 1))
                guard monday.adding(days: 3) < whole.end else { return nil }
            }
            return .week(containing: monday)
        case .part(let which, let inner):
            guard let whole = resolve(inner, lean: lean) else { return nil }
            if which == "before" { return TimePeriod(start: whole.start, end: p, precision: .stretch) }
            if which == "after" { return TimePeriod(start: p.adding(days: 1), end: whole.end, precision: .stretch) }
            return whole.part(which)
        }
    }

    /// The nth (-1: last) ISO weekday of a month, nil when the month has no such day.
    static func nthWeekday(year: Int, month: Int, weekday: Int, n: Int) -> Day? {
        if n < 0 {
            let last = Day(year: year, month: month, day: 1).adding(months: 1).adding(days: -1)
            let d = last.adding(days: -((last.weekday - weekday + 7) % 7) + 7 * (n + 1))
            return d.month == month ? d : nil
        }
        let first = Day(year: year, month: month, day: 1)
        let d = first.adding(days: (weekday - first.weekday + 7) % 7 + 7 * (n - 1))
        return d.month == month ? d : nil
    }

    /// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
    static func easter(_ y: Int) -> Day {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let n = h + l - 7 * m + 114
        return Day(year: y, month: n / 31, day: n % 31 + 1)
    }

    /// The calendar unit containing publication, moved by `shift` units.
    func shifted(unit: String, shift: Int) -> TimePeriod? {
        let p = published
        switch unit {
        case "D", "N": return .day(p.adding(days: shift))
        case "W": return .week(containing: p.adding(days: 7 * shift))
        case "M": let d = p.adding(months: shift); return .month(d.year, d.month)
        case "Q":
            let first = Day(year: p.year, month: (p.month - 1) / 3 * 3 + 1, day: 1).adding(months: 3 * shift)
            return TimePeriod(start: first, end: first.adding(months: 3), precision: .stretch)
        case "Y": return .year(p.year + shift)
        case "DEC":
            let y = (p.year / 10 + shift) * 10
            return TimePeriod(start: Day(year: y, month: 1, day: 1), end: Day(year: y + 10, month: 1, day: 1), precision: .decade)
        default: return nil
        }
    }

    /// Among candidate occurrences, the one the lean asks for.
    func pick(_ options: [TimePeriod], lean: TimeLean) -> TimePeriod? {
        let p = published
        switch lean {
        case .past: return options.last { $0.start <= p } ?? options.first
        case .future: return options.first { $0.end > p } ?? options.last
        case .nearest:
            func distance(_ t: TimePeriod) -> Int {
                if t.start <= p && p < t.end { return 0 }
                return t.start > p ? t.start.dayNumber - p.dayNumber : p.dayNumber - t.end.dayNumber + 1
            }
            // Ties go to the past: news reports more than it announces.
            return options.min { a, b in
                let da = distance(a), db = distance(b)
                return da != db ? da < db : a.start < b.start
            }
        }
    }

    /// A duration of `count` units added (direction +1) or subtracted (-1).
    func move(_ day: Day, unit: String, count: Double, direction: Int) -> Day? {
        guard count.isFinite, abs(count) < 100_000 else { return nil }
        let n = Int(count.rounded())
        guard Double(n) == count else {
            // Half units: "il y a un an et demi" style counts are kept to whole days.
            let days = Self.approximateDays(unit) * count
            return day.adding(days: direction * Int(days.rounded()))
        }
        switch unit {
        case "D", "N": return day.adding(days: direction * n)
        case "W", "WE": return day.adding(days: direction * 7 * n)
        case "FN": return day.adding(days: direction * 14 * n)
        case "M": return day.adding(months: direction * n)
        case "Q": return day.adding(months: direction * 3 * n)
        case "HY": return day.adding(months: direction * 6 * n)
        case "Y": return day.adding(months: direction * 12 * n)
        case "DEC": return day.adding(months: direction * 120 * n)
        case "CEN": return day.adding(months: direction * 1200 * n)
        default: return nil
        }
    }

    static func approximateDays(_ unit: String) -> Double {
        switch unit {
        case "W", "WE": return 7
        case "FN": return 14
        case "M": return 30.4375
        case "Q": return 91.3125
        case "HY": return 182.625
        case "Y": return 365.25
        case "DEC": return 3652.5
        case "CEN": return 36525
        default: return 1
        }
    }
}
