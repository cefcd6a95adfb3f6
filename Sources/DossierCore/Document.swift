/// A calendar day without a time zone, as news articles state publication dates.
public struct Day: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, also accepting a trailing time (`2016-11-07T00:00:00`), which
    /// feeds often add; returns nil for anything that is not a real calendar date.
    public init?(iso: String) {
        let datePart = iso.split(separator: "T", maxSplits: 1).first.map(String.init) ?? iso
        let parts = datePart.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var iso: String {
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a YYYY-MM-DD date: \(raw)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// Where an article came from. Every field is optional: a pasted text has none of them.
public struct DocumentMetadata: Hashable, Sendable, Codable {
    public var id: String?
    public var title: String?
    public var outlet: String?
    public var url: String?
    public var published: Day?

    public init(id: String? = nil, title: String? = nil, outlet: String? = nil,
                url: String? = nil, published: Day? = nil) {
        self.id = id
        self.title = title
        self.outlet = outlet
        self.url = url
        self.published = published
    }
}

/// An article as received: the original text is never altered, so that every span
/// Dossier reports can be checked against it.
public struct Document: Hashable, Sendable, Codable {
    public var text: String
    /// The language the caller asserted, or nil to let the pipeline identify it.
    public var language: Language?
    public var metadata: DocumentMetadata

    public init(text: String, language: Language? = nil, metadata: DocumentMetadata = .init()) {
        self.text = text
        self.language = language
        self.metadata = metadata
    }
}
