/// What a time expression denotes.
public enum TimeKind: String, Sendable, Codable {
    /// A calendar point at some precision: "2025-01-20", "2023-08", "2023".
    case date
    /// A stretch between two points: "ces dernières semaines", "du 3 au 5 mars".
    case range
    /// A length of time: "plus d'un mois", "48 heures".
    case duration
    /// A time of day ("15h30"), kept but not resolved to a calendar point.
    case time
    /// A recurrence ("chaque lundi", "every week").
    case set
}

/// The normalised value of a time expression: an ISO 8601 date at the precision the
/// text gives, a range with an exclusive end, or an ISO 8601 duration.
///
/// JSON: a day is a string (`"2025-01-20"`), a duration is a string (`"P1M"`), a range is
/// an object `{"start": "2024-10-22", "end": "2024-11-12"}` where either side may be
/// missing when the text leaves it open, and a period is an object with both readings
/// `{"value": "2023-08", "start": "2023-08-01", "end": "2023-09-01"}`.
public enum TimeValue: Hashable, Sendable, Codable {
    /// A calendar point at the precision the text gives: a day, or a month or year when
    /// no interval reading is wanted.
    case date(String)
    /// A calendar period named at its precision ("août 2023", "2022", "au printemps"): it
    /// is a date at that precision AND the interval it covers, and consumers need both —
    /// a reader wants "2023-08", an interval comparison wants [2023-08-01, 2023-09-01).
    case period(String, start: String, end: String)
    case range(start: String?, end: String?)
    case duration(String)
    case unresolved

    private enum RangeKeys: String, CodingKey { case value, start, end }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), single.decodeNil() {
            self = .unresolved
            return
        }
        if let string = try? decoder.singleValueContainer().decode(String.self) {
            self = string.hasPrefix("P") ? .duration(string) : .date(string)
            return
        }
        let keyed = try decoder.container(keyedBy: RangeKeys.self)
        if let value = try keyed.decodeIfPresent(String.self, forKey: .value),
           let start = try keyed.decodeIfPresent(String.self, forKey: .start),
           let end = try keyed.decodeIfPresent(String.self, forKey: .end) {
            self = .period(value, start: start, end: end)
            return
        }
        self = .range(start: try keyed.decodeIfPresent(String.self, forKey: .start),
                      end: try keyed.decodeIfPresent(String.self, forKey: .end))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .date(let s), .duration(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .period(let value, let start, let end):
            var c = encoder.container(keyedBy: RangeKeys.self)
            try c.encode(value, forKey: .value)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
        case .range(let start, let end):
            var c = encoder.container(keyedBy: RangeKeys.self)
            try c.encodeIfPresent(start, forKey: .start)
            try c.encodeIfPresent(end, forKey: .end)
        case .unresolved:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        }
    }
}

/// A date, range or duration stated in the text, resolved against the publication date.
public struct TimeExpression: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public var text: String
    public var kind: TimeKind
    public var value: TimeValue
    /// "lower" for "plus d'un mois", "upper" for "moins de 48 heures", "about" for "environ".
    public var qualifier: String?
    /// For relative expressions, what they were relative to ("past weeks", "yesterday").
    public var relative: String?
    /// Which way an ambiguous date was resolved: "past" or "future", from the verb tense.
    public var lean: String?

    public init(span: Span, text: String, kind: TimeKind, value: TimeValue,
                qualifier: String? = nil, relative: String? = nil, lean: String? = nil) {
        self.start = span.start
        self.end = span.end
        self.text = text
        self.kind = kind
        self.value = value
        self.qualifier = qualifier
        self.relative = relative
        self.lean = lean
    }

    public var span: Span {
        get { Span(start, end) }
        set { start = newValue.start; end = newValue.end }
    }
}
