import DossierCore

/// Byte-level word shape tests for the inner loops: Swift's `hasSuffix` and
/// Foundation's `contains` compare Unicode characters, which costs far more than these
/// words (already NFC-normalised and lowercased) need.
enum WordShape {
    static let hyphen = UInt8(ascii: "-")

    /// "dit-il" → "dit"; nil when the word has no hyphen.
    @inline(__always) static func beforeFirstHyphen(_ w: String) -> Substring? {
        guard let i = w.utf8.firstIndex(of: hyphen) else { return nil }
        return w[..<i]
    }

    /// "a-t-elle" → "elle"; nil when the word has no hyphen.
    @inline(__always) static func afterLastHyphen(_ w: String) -> Substring? {
        guard let i = w.utf8.lastIndex(of: hyphen) else { return nil }
        return w[w.utf8.index(after: i)...]
    }

    /// Byte suffix test over contiguous UTF-8 (the generic `suffix(n).elementsEqual`
    /// walked index by index; this runs for every word against every ending list).
    @inline(__always) static func endsWith(_ w: String, _ suffix: String) -> Bool {
        let n = suffix.utf8.count, m = w.utf8.count
        guard m >= n else { return false }
        guard n > 0 else { return true }
        let fast: Bool?? = w.utf8.withContiguousStorageIfAvailable { wb in
            suffix.utf8.withContiguousStorageIfAvailable { sb in
                for k in 0..<n where wb[m - n + k] != sb[k] { return false }
                return true
            }
        }
        if let fast, let fast { return fast }
        return w.utf8.suffix(n).elementsEqual(suffix.utf8)
    }
}

extension WordShape {
    /// The normalised text of a span, encoded to UTF-8 in one pass: building it scalar
    /// by scalar through `String.UnicodeScalarView` costs several times more, and every
    /// attribution and hedge carries such excerpts.
    static func text(_ scalars: [Unicode.Scalar], _ span: Span) -> String {
        let from = max(0, span.start), to = min(span.end, scalars.count)
        guard from < to else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((to - from) * 2)
        for k in from..<to {
            let v = scalars[k].value
            if v < 0x80 {
                bytes.append(UInt8(v))
            } else {
                UTF8.encode(scalars[k]) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
