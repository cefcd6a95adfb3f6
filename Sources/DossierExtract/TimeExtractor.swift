import DossierCore
import DossierText

/// Finds dates, ranges and durations and resolves them against the publication date.
///
/// The grammar is a small set of token patterns (TimeDates, TimeSpans) over a lexicon
/// loaded from `Resources/<lang>/time-*.tsv`, so a new language is new files. Matching is
/// greedy and left to right: at each token the longest expression wins, which is how
/// "du 3 au 5 mars" beats "5 mars" and "plus d'un mois" beats "un mois".
public struct TimeExtractor: Sendable {
    /// End a range where its last named period begins ("from 2014 to 2018" → 2018-01-01),
    /// the Recognizers-Text convention. Off by default: a reader takes the last period
    /// as included ("du 3 au 5 mars" runs to the end of the 5th).
    public var rangeEndAtBoundary = false

    public init() {}

    /// How many tokens an expression may have before its first core word
    /// ("il y a à peu près un mois", "over the past few weeks").
    static let reach = 8

    public func times(in text: AnalyzedText, published: Day?) -> [TimeExpression] {
        let tokens = text.tokens
        let lexicon = TimeLexicon.forLanguage(text.language)
        let scanner = TimeScanner(tokens: tokens, forms: text.words, lexicon: lexicon, language: text.language,
                                  numbers: NumberReader(text.language), published: published,
                                  scalars: text.normalized.scalars)
        let tense = TimeTense(tokens: tokens, lexicon: lexicon)
        var out: [TimeExpression] = []
        // Only tokens a few places before a core time word (a number, month, weekday,
        // unit, named day…) can start an expression; everything else is skipped with one
        // set lookup per token, which keeps the extractor cheap on long articles.
        var nextTrigger = [Int](repeating: Int.max, count: tokens.count + 1)
        for k in stride(from: tokens.count - 1, through: 0, by: -1) {
            // A candidate must reach a trigger without crossing a word no expression holds.
            // ("XXe siècle": a roman numeral before a century unit is the one exception.)
            let crossable = !scanner.opaque[k]
                || (k + 1 < tokens.count && scanner.triggers[k + 1] && scanner.unit(k + 1)?.code == "CEN")
            nextTrigger[k] = scanner.triggers[k] ? k : crossable ? nextTrigger[k + 1] : Int.max
        }
        var i = 0
        while i < tokens.count {
            guard nextTrigger[i] != Int.max, nextTrigger[i] - i <= Self.reach else {
                i = nextTrigger[i] == Int.max ? i + 1 : max(i + 1, nextTrigger[i] - Self.reach)
                continue
            }
            // A start is a number, a lexicon word, a number word or a glued form.
            let t = tokens[i]
            let mayStart = t.kind == .number || t.kind == .alphanumeric || scanner.starts[i]
                || scanner.isNumberSign(i)
                || (t.kind == .word && (i == nextTrigger[i] || scanner.readNumber(i) != nil
                                        || scanner.unit(i + 1)?.code == "CEN"))
            guard mayStart, let c = scanner.candidate(i), c.end > i else { i += 1; continue }
            if blocked(c.start, scanner) { i = c.end; continue }
            let span = Span(tokens[c.start].start, tokens[c.end - 1].end)
            let sentence = text.sentenceIndex(containing: span.start).map { text.tokenRange(in: text.sentences[$0]) }
                ?? 0..<tokens.count
            let lean = tense.lean(sentence: sentence, expression: c.start..<c.end)
            if let e = expression(c, span: span, text: text.string(span), published: published, lean: lean) {
                out.append(e)
            }
            i = c.end
        }
        return out
    }

    /// "rue du 4-Septembre", "place du 14 Juillet": street names, not dates.
    func blocked(_ start: Int, _ scanner: TimeScanner) -> Bool {
        var k = start - 1
        if k >= 0, scanner.has(.of, k) { k -= 1 }
        return k >= 0 && scanner.has(.blocker, k)
    }

    func expression(_ c: TimeCandidate, span: Span, text: String, published: Day?, lean: TimeLean) -> TimeExpression? {
        let resolver = published.map { TimeResolver(published: $0) }
        switch c.content {
        case .date(let spec):
            let usedLean = spec.isRelative ? lean : nil
            let period = (resolver ?? (spec.isRelative ? nil : TimeResolver(published: Day(year: 2000, month: 1, day: 1))))?
                .resolve(spec, lean: lean)
            let kind: TimeKind
            switch period?.precision {
            case .day?, .month?, .year?, nil: kind = .date
            default: kind = .range
            }
            return TimeExpression(span: span, text: text, kind: kind,
                                  value: period?.value ?? .unresolved,
                                  relative: Self.relativeLabel(spec), lean: Self.leanLabel(spec, usedLean))
        case .range(let a, let b):
            let r = resolver ?? ((a.isRelative || b.isRelative) ? nil : TimeResolver(published: Day(year: 2000, month: 1, day: 1)))
            var value = TimeValue.unresolved
            if let r, let pa = r.resolve(a, lean: lean), let pb = r.resolve(b, lean: lean) {
                var start = pa, end = pb
                // An end without a year follows its start ("de novembre à février",
                // "from August to October" read in September); a start without one precedes its end.
                if Self.lacksYear(b), end.start < start.start { end = Self.shift(end, years: 1) }
                if Self.lacksYear(b), end.start.dayNumber - start.start.dayNumber > 366 { end = Self.shift(end, years: -1) }
                if Self.lacksYear(a), start.start > end.start { start = Self.shift(start, years: -1) }
                // "de mardi à mercredi", "from Friday to Monday": the end follows the start.
                if case .weekday(_, nil) = b, end.start < start.start {
                    end = TimePeriod(start: end.start.adding(days: 7), end: end.end.adding(days: 7), precision: end.precision)
                }
                // Neither end names its year: a range that holds the publication day is the
                // current one, whatever the tense ("from August to October" said in
                // September, "du 1er au 15 mars" said on 10 March).
                if Self.lacksYear(a), Self.lacksYear(b), let p = resolver?.published,
                   !(start.start <= p && p < end.end) {
                    for years in [-1, 1] {
                        let s2 = Self.shift(start, years: years), e2 = Self.shift(end, years: years)
                        if s2.start <= p, p < e2.end { start = s2; end = e2; break }
                    }
                }
                // At the boundary convention a last end that is itself the end of a period
                // ("to the end of 2008") still runs to that period's end.
                let endDay = rangeEndAtBoundary && !Self.isEndPart(b) ? end.start : end.end
                if start.start < endDay { value = .range(start: start.start.iso, end: endDay.iso) }
            }
            return TimeExpression(span: span, text: text, kind: .range, value: value,
                                  lean: (a.isRelative || b.isRelative) ? lean.rawValue : nil)
        case .window(let unit, let count, let direction) where direction == TimeScanner.withinWindow:
            // "within 30 days", "dans un délai de trois mois": from publication on, unless the
            // sentence reports the past, where it is an upper-bounded length of time.
            if lean == .past, let count {
                return TimeExpression(span: span, text: text, kind: .duration,
                                      value: .duration(Self.iso(unit: unit, count: count)), qualifier: "upper")
            }
            var value = TimeValue.unresolved
            if let r = resolver {
                let p = r.published
                // "within 48 hours": whole days, as the windows count them.
                let days = TimeScanner.isCalendarUnit(unit) ? nil
                    : count.map { ($0 / (unit == "H" ? 24 : unit == "MIN" ? 1440 : 86400)).rounded(.up) }
                if let count, let e = r.move(p, unit: days == nil ? unit : "D", count: days ?? count, direction: 1) {
                    value = .range(start: p.iso, end: e.iso)
                } else if count == nil {
                    value = .range(start: p.iso, end: nil)
                }
            }
            let amount = count.map { Self.number($0) + " " } ?? ""
            return TimeExpression(span: span, text: text, kind: .range, value: value,
                                  relative: "within " + amount + Self.unitName(unit, plural: count != 1))
        case .window(let unit, let count, let direction):
            let label = (direction < 0 ? "past " : "next ") + (count.map { $0 == 1 ? "" : Self.number($0) + " " } ?? "")
                + Self.unitName(unit, plural: count != 1)
            var value = TimeValue.unresolved
            if let r = resolver {
                let p = r.published
                // "ces dernières 24 heures": hours are rounded up to whole days.
                var unit = unit, count = count
                if !TimeScanner.isCalendarUnit(unit), let c = count {
                    count = (c / (unit == "H" ? 24 : unit == "MIN" ? 1440 : 86400)).rounded(.up)
                    unit = "D"
                }
                if unit == "Q", let count, count == count.rounded() {
                    // Quarters are counted whole: "the last two quarters" are the two
                    // completed before the current one, "the next 7 quarters" start after it.
                    let current = Day(year: p.year, month: (p.month - 1) / 3 * 3 + 1, day: 1)
                    let n = 3 * Int(count)
                    value = direction < 0 ? .range(start: current.adding(months: -n).iso, end: current.iso)
                        : .range(start: current.adding(months: 3).iso, end: current.adding(months: 3 + n).iso)
                } else if let count {
                    if direction < 0, let s = r.move(p, unit: unit, count: count, direction: -1) {
                        value = .range(start: s.iso, end: p.iso)
                    } else if let e = r.move(p.adding(days: 1), unit: unit, count: count, direction: 1) {
                        value = .range(start: p.adding(days: 1).iso, end: e.iso)
                    }
                } else {
                    value = direction < 0 ? .range(start: nil, end: p.iso) : .range(start: p.adding(days: 1).iso, end: nil)
                }
            }
            return TimeExpression(span: span, text: text, kind: .range, value: value, relative: label)
        case .offset(let unit, let count, let direction):
            var value = TimeValue.unresolved
            if let r = resolver, let d = r.move(r.published, unit: unit, count: count, direction: direction) {
                value = .date(d.iso)
            }
            let amount = "\(Self.number(count)) \(Self.unitName(unit, plural: count != 1))"
            return TimeExpression(span: span, text: text, kind: .date, value: value, qualifier: c.qualifier,
                                  relative: direction < 0 ? "\(amount) ago" : "in \(amount)")
        case .anchored(let unit, let count, let direction, let anchor):
            let r = resolver ?? (anchor.isRelative ? nil : TimeResolver(published: Day(year: 2000, month: 1, day: 1)))
            var value = TimeValue.unresolved
            if let r, let base = r.resolve(anchor, lean: lean),
               let d = r.move(direction < 0 ? base.start : base.start, unit: unit, count: count, direction: direction) {
                // "more than 2 weeks before today" is an open range, "less than 3 days after
                // tomorrow" the stretch between the anchor and that point.
                switch (c.qualifier, direction < 0) {
                case ("lower"?, true): return TimeExpression(span: span, text: text, kind: .range, value: .range(start: nil, end: d.iso))
                case ("lower"?, false): return TimeExpression(span: span, text: text, kind: .range, value: .range(start: d.iso, end: nil))
                case ("upper"?, true): return TimeExpression(span: span, text: text, kind: .range, value: .range(start: d.iso, end: base.start.iso))
                case ("upper"?, false): return TimeExpression(span: span, text: text, kind: .range, value: .range(start: base.start.iso, end: d.iso))
                default: value = .date(d.iso)
                }
            }
            return TimeExpression(span: span, text: text, kind: .date, value: value, qualifier: c.qualifier)
        case .stretchFrom(let unit, let count, let anchor):
            let r = resolver ?? (anchor.isRelative ? nil : TimeResolver(published: Day(year: 2000, month: 1, day: 1)))
            var value = TimeValue.unresolved
            if let r, let base = r.resolve(anchor, lean: lean), let e = r.move(base.start, unit: unit, count: count, direction: 1) {
                value = .range(start: base.start.iso, end: e.iso)
            }
            return TimeExpression(span: span, text: text, kind: .range, value: value)
        case .open(let spec, let bound):
            let r = resolver ?? (spec.isRelative ? nil : TimeResolver(published: Day(year: 2000, month: 1, day: 1)))
            var value = TimeValue.unresolved
            if let p = r?.resolve(spec, lean: lean) {
                switch bound {
                case "since": value = .range(start: p.start.iso, end: nil)
                case "after": value = .range(start: p.end.iso, end: nil)
                // "before the end of the year", "avant la fin de l'année": by the time the
                // period is over, not before its last third starts.
                case "before": value = .range(start: nil, end: (Self.isEndPart(spec) ? p.end : p.start).iso)
                default: value = .range(start: nil, end: p.end.iso)
                }
            }
            return TimeExpression(span: span, text: text, kind: .range, value: value,
                                  lean: Self.leanLabel(spec, spec.isRelative ? lean : nil))
        case .sub(let unit, let count, let fromEnd, let spec):
            let r = resolver ?? (spec.isRelative ? nil : TimeResolver(published: Day(year: 2000, month: 1, day: 1)))
            var value = TimeValue.unresolved
            if let r, let whole = r.resolve(spec, lean: lean) {
                if fromEnd, let s = r.move(whole.end, unit: unit, count: count, direction: -1), s >= whole.start {
                    value = .range(start: s.iso, end: whole.end.iso)
                } else if !fromEnd, let e = r.move(whole.start, unit: unit, count: count, direction: 1), e <= whole.end {
                    value = .range(start: whole.start.iso, end: e.iso)
                }
            }
            return TimeExpression(span: span, text: text, kind: .range, value: value)
        case .toDate(let spec):
            var value = TimeValue.unresolved
            if let r = resolver {
                let from = spec.flatMap { r.resolve($0, lean: .past) }
                if from == nil || from!.start < r.published { value = .range(start: from?.start.iso, end: r.published.iso) }
            }
            return TimeExpression(span: span, text: text, kind: .range, value: value, relative: "to date")
        case .clock:
            return TimeExpression(span: span, text: text, kind: .time, value: .unresolved)
        case .duration(let unit, let count):
            return TimeExpression(span: span, text: text, kind: .duration,
                                  value: .duration(Self.iso(unit: unit, count: count)), qualifier: c.qualifier)
        }
    }

    static func isEndPart(_ spec: DateSpec) -> Bool {
        if case .part("end", _) = spec { return true }
        return false
    }

    static func lacksYear(_ spec: DateSpec) -> Bool {
        switch spec {
        case .part(_, let inner): return lacksYear(inner)
        case .month(nil, _), .dayMonth, .weekdayDate: return true
        default: return false
        }
    }

    static func shift(_ p: TimePeriod, years: Int) -> TimePeriod {
        TimePeriod(start: p.start.adding(months: 12 * years), end: p.end.adding(months: 12 * years), precision: p.precision)
    }

    static func leanLabel(_ spec: DateSpec, _ lean: TimeLean?) -> String? {
        switch spec {
        case .dayMonth, .dayOnly, .weekdayDay, .weekdayDate, .month(nil, _), .easter(_, nil), .nthWeekday(_, _, _, nil),
             .weekday(_, nil), .season(_, nil, nil):
            return lean.map { $0 == .nearest ? "nearest" : $0.rawValue }
        case .part(_, let inner), .holidayWeekend(let inner), .nthWeekdayOf(_, _, let inner): return leanLabel(inner, lean)
        default: return nil
        }
    }

    static func relativeLabel(_ spec: DateSpec) -> String? {
        switch spec {
        case .dayOffset(let n):
            switch n {
            case -1: return "yesterday"
            case 0: return "today"
            case 1: return "tomorrow"
            default: return n < 0 ? "\(-n) days ago" : "in \(n) days"
            }
        case .unitShift(let u, let s): return (s < 0 ? "last " : s > 0 ? "next " : "this ") + unitName(u, plural: false)
        case .weekday(_, let s?), .monthShift(_, let s), .season(_, nil, let s?):
            return s < 0 ? "last" : s > 0 ? "next" : "this"
        case .part(let p, let inner):
            let head = p == "before" ? "earlier" : p == "after" ? "later" : "\(p) of"
            return relativeLabel(inner).map { "\(head) \($0)" }
        default: return nil
        }
    }

    static func unitName(_ u: String, plural: Bool) -> String {
        let names = ["S": "second", "MIN": "minute", "H": "hour", "D": "day", "N": "night", "W": "week",
                     "FN": "fortnight", "M": "month", "Q": "quarter", "HY": "half-year", "WE": "weekend", "Y": "year", "DEC": "decade", "CEN": "century"]
        let n = names[u] ?? u
        return plural ? (n == "century" ? "centuries" : n + "s") : n
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    /// ISO 8601 duration: "PT48H", "P3D", "P1M", "P10Y"; fortnights, quarters, decades
    /// and centuries are written in weeks, months and years.
    static func iso(unit: String, count: Double) -> String {
        switch unit {
        case "S": return "PT\(number(count))S"
        case "MIN": return "PT\(number(count))M"
        case "H": return "PT\(number(count))H"
        case "D", "N": return "P\(number(count))D"
        case "W": return "P\(number(count))W"
        case "WE": return "P\(number(count * 2))D"
        case "FN": return "P\(number(count * 2))W"
        case "M": return "P\(number(count))M"
        case "Q": return "P\(number(count * 3))M"
        case "HY": return "P\(number(count * 6))M"
        case "Y": return "P\(number(count))Y"
        case "DEC": return "P\(number(count * 10))Y"
        case "CEN": return "P\(number(count * 100))Y"
        default: return "P\(number(count))D"
        }
    }
}
