import DossierCore
import Foundation

/// A text rewritten into the few forms extractors expect, with a map back to the
/// original so that every span found in it can be reported against the text as received.
///
/// What changes: every kind of space (NBSP, narrow NBSP, thin and figure spaces) becomes
/// U+0020, so "50 000" reads as one number whatever the typesetter used; typographic
/// apostrophes become `'`; English curly double quotes become guillemets, so an opening
/// quote can be told from a closing one; non-breaking hyphens become `-`; soft hyphens,
/// zero-width characters and byte-order marks disappear; HTML entities are decoded; and
/// decomposed accents are composed (NFC).
public struct NormalizedText: Sendable {
    /// The original text's scalars, untouched.
    public let original: [Unicode.Scalar]
    /// The normalised scalars extractors work on.
    public let scalars: [Unicode.Scalar]
    /// `origin[i]` is the original offset of normalised scalar `i`; one extra entry maps
    /// the end of the text.
    private let origin: [Int]

    public init(_ text: String) {
        let source = Array(text.unicodeScalars)
        var out: [Unicode.Scalar] = []
        var map: [Int] = []
        out.reserveCapacity(source.count)
        map.reserveCapacity(source.count + 1)
        var i = 0
        while i < source.count {
            let c = source[i]
            if c == "&", let (decoded, length) = HTMLEntities.decode(source, at: i) {
                for s in decoded {
                    if let n = NormalizedText.substitute(s) {
                        out.append(n)
                        map.append(i)
                    }
                }
                i += length
                continue
            }
            if NormalizedText.isCombiningMark(c), let last = out.last,
               let composed = NormalizedText.compose(last, c) {
                out[out.count - 1] = composed
                i += 1
                continue
            }
            if let n = NormalizedText.substitute(c) {
                out.append(n)
                map.append(i)
            }
            i += 1
        }
        map.append(source.count)
        self.original = source
        self.scalars = out
        self.origin = map
    }

    public var count: Int { scalars.count }

    /// The original offset where normalised offset `offset` starts.
    public func originalOffset(_ offset: Int) -> Int { origin[max(0, min(offset, origin.count - 1))] }

    /// The span of the original text that a normalised span came from. The end maps to
    /// the end of the last scalar covered, so a decoded `&amp;` maps back to all five
    /// characters of its entity.
    public func originalSpan(_ span: Span) -> Span {
        if span.isEmpty {
            let o = originalOffset(span.start)
            return Span(o, o)
        }
        let start = originalOffset(span.start)
        // The last covered scalar ends where the next distinct original position begins.
        let last = originalOffset(span.end - 1)
        var end = originalOffset(span.end)
        if end <= last { end = last + 1 }
        return Span(start, max(start, end))
    }

    /// The normalised text of a span (what extractors match against).
    public func string(_ span: Span) -> String {
        let from = max(0, span.start), to = min(span.end, scalars.count)
        return from < to ? ScalarString.make(scalars, from..<to) : ""
    }

    /// The original text of an original span.
    public func originalString(_ span: Span) -> String {
        let from = max(0, span.start), to = min(span.end, original.count)
        return from < to ? ScalarString.make(original, from..<to) : ""
    }

    /// The normalised text as a String.
    public var text: String { string(Span(0, scalars.count)) }

    /// What a scalar becomes, or nil when it is dropped.
    static func substitute(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c.value {
        case 0x00A0, 0x202F, 0x2007, 0x2009, 0x200A, 0x2002...0x2006, 0x2008, 0x205F, 0x3000:
            return " "
        case 0x2019, 0x2018, 0x02BC, 0x2032, 0x00B4, 0x0060:
            return "'"
        case 0x201C, 0x201E, 0x201F:
            return "«"
        case 0x201D:
            return "»"
        case 0x2010, 0x2011:
            return "-"
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
            return nil
        default:
            return c
        }
    }

    static func isCombiningMark(_ c: Unicode.Scalar) -> Bool {
        (0x0300...0x036F).contains(c.value)
    }

    /// Canonical composition of a base letter and one combining mark, when Unicode has a
    /// precomposed form for it.
    static func compose(_ base: Unicode.Scalar, _ mark: Unicode.Scalar) -> Unicode.Scalar? {
        var pair = String.UnicodeScalarView()
        pair.append(base)
        pair.append(mark)
        let composed = String(pair).precomposedStringWithCanonicalMapping.unicodeScalars
        return composed.count == 1 ? composed.first : nil
    }
}
