import DossierCore

/// The analysis's view of calendar arithmetic (DossierCore's day numbers), so a window
/// of "7 days before" crosses month ends correctly.
enum DayMath {
    static func number(_ d: Day) -> Int { d.dayNumber }

    static func day(_ n: Int) -> Day { Day(dayNumber: n) }

    static func adding(_ days: Int, to d: Day) -> Day { d.adding(days: days) }

    /// The first and last day an ISO date at any precision covers ("2024-03" → March).
    static func interval(_ iso: String) -> (Day, Day)? {
        let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        switch parts.count {
        case 3:
            guard let d = Day(iso: String(iso.prefix(10))) else { return nil }
            return (d, d)
        case 2 where (1...12).contains(parts[1]):
            return (Day(year: parts[0], month: parts[1], day: 1),
                    Day(year: parts[0], month: parts[1], day: Day.daysIn(month: parts[1], year: parts[0])))
        case 1 where iso.count >= 4:
            return (Day(year: parts[0], month: 1, day: 1), Day(year: parts[0], month: 12, day: 31))
        default:
            return nil
        }
    }
}

/// Decides which stretch of time a report is about.
enum PeriodRule {
    /// How a period taken from the text starts its `basis`.
    static let fromText = "time expression"

    /// The first dated time expression of the claim wins; then a stretch of days named in
    /// the claim's sentence before it and outside every claim, which dates the report itself ("Last week,
    /// officials estimated 8,000", "officials said last week that…": the figure is last
    /// week's, not today's; a single day there, "said on Monday", is just when it was said);
    /// without either, the publication day and the window before it (what was true "now"
    /// when several outlets wrote).
    ///
    /// `figure` is the stretch of the claim that belongs to one figure (between its
    /// neighbouring figures): a time after it belongs to a later figure ("now 12,000, up
    /// from 10,000 in March" — March dates the 10,000, not the 12,000).
    static func period(of claim: Claim, in extraction: Extraction, published: Day?, window: Int,
                       figure: Span? = nil) -> Period? {
        for t in claim.times where extraction.times.indices.contains(t) {
            if let figure, extraction.times[t].start >= figure.end { continue }
            if let p = dated(extraction.times[t], published: published, basis: fromText) { return p }
        }
        if let sentence = extraction.sentences.first(where: { $0.start <= claim.start && claim.start < $0.end }) {
            // The frame comes before the content ("Last week, X estimated …", "X a déclaré
            // la semaine dernière que …"); a date after it belongs to what follows ("now
            // 12,000, up from 10,000 in March"). The nearest one before the claim wins.
            var found: Period?
            for time in extraction.times where sentence.start <= time.start && time.end <= claim.start {
                // A time inside a claim belongs to that claim's content, not to this report.
                if extraction.claims.contains(where: { $0.start <= time.start && time.end <= $0.end }) { continue }
                // A single day there ("said on Monday") is when the statement was made, i.e.
                // the report's "now"; a stretch ("last week", "in March") dates what it says.
                if let p = dated(time, published: published, basis: "\(fromText) of the report"), p.start < p.end { found = p }
            }
            if let found { return found }
        }
        guard let published else { return nil }
        return Period(start: DayMath.adding(-window, to: published), end: published,
                      basis: "published \(published.iso), \(window)-day window")
    }

    /// The stretch of days a date or range expression covers.
    private static func dated(_ time: TimeExpression, published: Day?, basis: String) -> Period? {
        guard time.kind == .date || time.kind == .range else { return nil }
        switch time.value {
        case .date(let iso), .period(let iso, _, _):
            if let (s, e) = DayMath.interval(iso) {
                return Period(start: s, end: e, basis: "\(basis) '\(time.text)'")
            }
        case .range(let start, let end):
            // End is exclusive; an open end is "until publication".
            let e = end.flatMap(DayMath.interval).map { DayMath.adding(-1, to: $0.0) } ?? published
            let s = start.flatMap(DayMath.interval)?.0 ?? e
            if let s, let e, s <= e {
                return Period(start: s, end: e, basis: "\(basis) '\(time.text)'")
            }
        default:
            break
        }
        return nil
    }

    /// Whether two reports describe the same moment. Reports dated by their publication
    /// share a window (outlets write the same news days apart); a report dated by the text
    /// is about that stretch only, so it meets an undated report only if it holds that
    /// report's "now", its publication day: last week's estimate is older news than
    /// today's figure, not a simultaneous one.
    static func simultaneous(_ a: Report, _ b: Report) -> Bool {
        guard let pa = a.period, let pb = b.period, pa.overlaps(pb) else { return false }
        let textA = pa.basis.hasPrefix(fromText), textB = pb.basis.hasPrefix(fromText)
        guard textA != textB else { return true }
        let (dated, undated) = textA ? (pa, b) : (pb, a)
        guard let now = undated.published else { return true }
        return dated.start <= now && now <= dated.end
    }
}

/// Turns a quantity's qualifiers into the interval of values it allows.
enum ValueRule {
    static func range(_ q: Quantity, _ o: AnalysisOptions) -> ValueRange {
        if let lo = q.min, let hi = q.max { return ValueRange(low: lo, high: hi) }
        let v = q.value
        if q.vague == true {
            // A conventional value for "dozens", "thousands": the right order of magnitude only.
            return ValueRange(low: v / 2, high: v * 10)
        }
        var low = v * (1 - o.exactTolerance), high: Double? = v * (1 + o.exactTolerance)
        switch q.approximate {
        case .about?: low = v * (1 - o.aboutTolerance); high = v * (1 + o.aboutTolerance)
        case .near?: low = v * (1 - o.nearTolerance); high = v * (1 + o.exactTolerance)
        case nil: break
        }
        switch q.bound {
        case .lower?: high = nil
        case .upper?: low = 0
        case nil: break
        }
        return ValueRange(low: low, high: high)
    }
}
