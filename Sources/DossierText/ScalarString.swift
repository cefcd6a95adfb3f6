/// Builds Strings from runs of scalars without going through generic iteration: token
/// texts are made for every word of every article, so this is the text layer's hot path.
public enum ScalarString {
    /// The text of `s[range]`, lowercased for ASCII letters when `lowercase` is set (callers
    /// fall back to `String.lowercased()` for the rest of Unicode).
    @inline(__always)
    public static func make(_ s: [Unicode.Scalar], _ range: Range<Int>, asciiLowercase: Bool = false) -> String {
        make(s, range, latinLowercase: asciiLowercase)
    }

    /// `make`, mapping through `latinLower` when `latinLowercase` is set (every scalar of
    /// the range must then be one `latinLower` knows).
    @inline(__always)
    static func make(_ s: [Unicode.Scalar], _ range: Range<Int>, latinLowercase: Bool) -> String {
        let count = range.count
        if count == 0 { return "" }
        return s.withUnsafeBufferPointer { buffer in
            String(unsafeUninitializedCapacity: count * 4) { out in
                var n = 0
                for i in range {
                    var v = buffer[i].value
                    if latinLowercase && v >= 0x80 { v = latinLower(v) }
                    if v < 0x80 {
                        var b = UInt8(truncatingIfNeeded: v)
                        if latinLowercase && b >= 65 && b <= 90 { b += 32 }
                        out[n] = b
                        n += 1
                    } else if v < 0x800 {
                        out[n] = UInt8(0xC0 | (v >> 6))
                        out[n + 1] = UInt8(0x80 | (v & 0x3F))
                        n += 2
                    } else if v < 0x10000 {
                        out[n] = UInt8(0xE0 | (v >> 12))
                        out[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                        out[n + 2] = UInt8(0x80 | (v & 0x3F))
                        n += 3
                    } else {
                        out[n] = UInt8(0xF0 | (v >> 18))
                        out[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                        out[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
                        out[n + 3] = UInt8(0x80 | (v & 0x3F))
                        n += 4
                    }
                }
                return n
            }
        }
    }

    /// Lowercase text of `s[range]`: a fast path for ASCII, full Unicode case mapping otherwise.
    @inline(__always)
    public static func lowercased(_ s: [Unicode.Scalar], _ range: Range<Int>) -> String {
        for i in range where s[i].value >= 0x80 && latinLower(s[i].value) == unknown {
            return make(s, range).lowercased()
        }
        return make(s, range, latinLowercase: true)
    }

    /// The lowercase of `s[range]`, or nil when it equals `make(s, range)` (no capital):
    /// the tokenizer then shares one String for a token's text and lowercase form.
    @inline(__always)
    static func lowercasedIfChanged(_ s: [Unicode.Scalar], _ range: Range<Int>) -> String? {
        var changed = false
        for i in range {
            let v = s[i].value
            if v < 0x80 {
                if v >= 65 && v <= 90 { changed = true }
                continue
            }
            let l = latinLower(v)
            if l == unknown { return make(s, range).lowercased() }
            if l != v { changed = true }
        }
        return changed ? make(s, range, latinLowercase: true) : nil
    }

    static let unknown: UInt32 = .max

    /// The lowercase of a non-ASCII scalar from Latin-1, Œ/Ÿ, general punctuation and
    /// currency signs (one scalar each, as `String.lowercased()` maps them), else
    /// `unknown`. French and English words stay on this path; the rest of Unicode takes
    /// the full case mapping.
    @inline(__always)
    static func latinLower(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x80..<0xC0, 0xD7, 0xDF...0xFF, 0x153, 0x2000...0x206F, 0x20A0...0x20CF: return v
        case 0xC0...0xDE: return v + 0x20
        case 0x152: return 0x153
        case 0x178: return 0xFF
        default: return unknown
        }
    }
}
