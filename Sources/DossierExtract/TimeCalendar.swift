import DossierCore

/// Calendar arithmetic beyond DossierCore's day counts: months, ISO weeks, periods.
extension Day {
    /// Adds calendar months, clamping the day ("31 January + 1 month" → 28/29 February),
    /// which is how "in a month" is read.
    func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))
    }

    /// The Monday starting this day's ISO week.
    var weekStart: Day { adding(days: 1 - weekday) }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= Day.daysIn(month: month, year: year)
    }
}

/// How finely a resolved time expression is known; decides how its value is written.
enum TimePrecision: Sendable {
    case day, week, month, season, year, decade, century, stretch
}

/// A resolved stretch of calendar days, end exclusive, with the precision the text gave.
struct TimePeriod: Sendable, Equatable {
    var start: Day
    var end: Day
    var precision: TimePrecision

    static func day(_ d: Day) -> TimePeriod { TimePeriod(start: d, end: d.adding(days: 1), precision: .day) }

    static func month(_ y: Int, _ m: Int) -> TimePeriod {
        let s = Day(year: y, month: m, day: 1)
        return TimePeriod(start: s, end: s.adding(months: 1), precision: .month)
    }

    static func year(_ y: Int) -> TimePeriod {
        TimePeriod(start: Day(year: y, month: 1, day: 1), end: Day(year: y + 1, month: 1, day: 1), precision: .year)
    }

    static func week(containing d: Day) -> TimePeriod {
        let s = d.weekStart
        return TimePeriod(start: s, end: s.adding(days: 7), precision: .week)
    }

    /// Meteorological seasons (whole months), so that a season is a clean range:
    /// spring March–May, summer June–August, autumn September–November, winter
    /// December to February of the next year.
    static func season(_ code: String, year y: Int) -> TimePeriod? {
        let first: Int
        switch code {
        case "SP": first = 3
        case "SU": first = 6
        case "FA": first = 9
        case "WI": first = 12
        default: return nil
        }
        let s = Day(year: y, month: first, day: 1)
        return TimePeriod(start: s, end: s.adding(months: 3), precision: .season)
    }

    /// The first, middle or last third of the period ("début mars" = 1–10 March,
    /// "fin 2023" = September–December 2023): what a reader would accept as its part.
    func part(_ which: String) -> TimePeriod {
        let stretch: TimePrecision = .stretch
        switch precision {
        case .month:
            let y = start.year, m = start.month
            switch which {
            case "start": return TimePeriod(start: start, end: Day(year: y, month: m, day: 11), precision: stretch)
            case "mid": return TimePeriod(start: Day(year: y, month: m, day: 11), end: Day(year: y, month: m, day: 21), precision: stretch)
            default: return TimePeriod(start: Day(year: y, month: m, day: 21), end: end, precision: stretch)
            }
        case .year:
            switch which {
            case "start": return TimePeriod(start: start, end: start.adding(months: 4), precision: stretch)
            case "mid": return TimePeriod(start: start.adding(months: 4), end: start.adding(months: 8), precision: stretch)
            default: return TimePeriod(start: start.adding(months: 8), end: end, precision: stretch)
            }
        default:
            let length = end.dayNumber - start.dayNumber
            let third = max(1, length / 3)
            switch which {
            case "start": return TimePeriod(start: start, end: start.adding(days: third), precision: stretch)
            case "mid": return TimePeriod(start: start.adding(days: third), end: start.adding(days: 2 * third), precision: stretch)
            default: return TimePeriod(start: start.adding(days: 2 * third), end: end, precision: stretch)
            }
        }
    }

    /// The value in Dossier's contract: an ISO date for a day; for a month or a year a
    /// period, which is both the date at its precision ("2023-08") and the interval it
    /// covers, because a reader wants the first and an interval comparison the second;
    /// a range (end exclusive) for anything else (weeks, seasons, parts, decades), whose
    /// ISO 8601 forms ("2023-W32", "2023-SU") few consumers read.
    var value: TimeValue {
        switch precision {
        case .day: return .date(start.iso)
        case .month: return .period(String(start.iso.prefix(7)), start: start.iso, end: end.iso)
        case .year: return .period(String(start.iso.prefix(4)), start: start.iso, end: end.iso)
        default: return .range(start: start.iso, end: end.iso)
        }
    }
}
