/// A half-open range of Unicode scalar offsets into a document's *original* text.
///
/// Offsets count Unicode scalars (code points), not UTF-16 units or grapheme clusters,
/// because that is what Python string indices, the gold files and most annotation tools
/// use: a reader can check any figure with `text[start:end]`.
public struct Span: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "span start \(start) is after its end \(end)")
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }
    public var isEmpty: Bool { start == end }

    public func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }
    public func contains(_ other: Span) -> Bool { start <= other.start && other.end <= end }
    public func contains(offset: Int) -> Bool { start <= offset && offset < end }

    /// The smallest span covering both.
    public func union(_ other: Span) -> Span { Span(min(start, other.start), max(end, other.end)) }

    public static func < (lhs: Span, rhs: Span) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    public var description: String { "[\(start),\(end))" }
}

/// A span together with the text it covers, as the JSON contract nests it inside
/// attributions (`"source": {"start", "end", "text"}`).
public struct Excerpt: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public var text: String

    public init(span: Span, text: String) {
        self.start = span.start
        self.end = span.end
        self.text = text
    }

    public var span: Span { Span(start, end) }
}
