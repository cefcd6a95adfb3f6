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

    @inline(__always) static func endsWith(_ w: String, _ suffix: String) -> Bool {
        let n = suffix.utf8.count
        return w.utf8.count >= n && w.utf8.suffix(n).elementsEqual(suffix.utf8)
    }
}
