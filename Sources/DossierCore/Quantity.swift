/// How far a figure is from exact, as the text says it. Kept as data because whether two
/// reports contradict each other depends on it: "at least 10 000" does not contradict
/// "12 000".
public enum Approximation: String, Sendable, Codable {
    /// "près de", "nearly", "almost": close to, usually from below.
    case near
    /// "environ", "quelque", "about", "some", "une vingtaine".
    case about
}

/// Which side a bounded figure is open on.
public enum Bound: String, Sendable, Codable {
    /// "au moins", "plus de", "at least", "more than": the true value is at or above.
    case lower
    /// "jusqu'à", "moins de", "up to", "fewer than": the true value is at or below.
    case upper
}

/// What a quantity measures: a bare number, a sum of money, a physical measure, a count
/// of things, a percentage or a rank.
public enum QuantityKind: String, Sendable, Codable {
    case number, money, measure, count, percent, ordinal
}

/// A figure stated in the text, normalised.
///
/// The span covers qualifier, number and unit or counted noun ("près de 50 000 soldats").
/// `value` is the figure as a number; for a range it is the lower end, with `min`/`max`.
public struct Quantity: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public var text: String
    public var kind: QuantityKind
    public var value: Double
    public var min: Double?
    public var max: Double?
    /// Normalised unit: an ISO 4217 code for money ("USD"), a symbol for measures ("t",
    /// "km"), "person" for counts of people, "%" for percentages, nil for bare numbers.
    public var unit: String?
    /// The counted noun as written ("soldats"), or what a sum pays for ("salaire").
    public var counted: String?
    /// The counted noun's lemma ("soldat"), for matching across articles.
    public var lemma: String?
    /// A coarse class of the counted thing: person, casualty, weapon, vehicle, goods...
    public var category: String?
    public var approximate: Approximation?
    public var bound: Bound?
    /// The qualifier's words as written ("près de", "at least").
    public var qualifier: String?
    /// A conventional value for a vague amount ("des dizaines" → 12): never precise.
    public var vague: Bool?
    /// The rate's period: "day", "week", "month", "year".
    public var per: String?

    public init(span: Span, text: String, kind: QuantityKind, value: Double,
                min: Double? = nil, max: Double? = nil, unit: String? = nil,
                counted: String? = nil, lemma: String? = nil, category: String? = nil,
                approximate: Approximation? = nil, bound: Bound? = nil,
                qualifier: String? = nil, vague: Bool? = nil, per: String? = nil) {
        self.start = span.start
        self.end = span.end
        self.text = text
        self.kind = kind
        self.value = value
        self.min = min
        self.max = max
        self.unit = unit
        self.counted = counted
        self.lemma = lemma
        self.category = category
        self.approximate = approximate
        self.bound = bound
        self.qualifier = qualifier
        self.vague = vague
        self.per = per
    }

    public var span: Span {
        get { Span(start, end) }
        set { start = newValue.start; end = newValue.end }
    }
}
