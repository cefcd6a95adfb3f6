/// Builds Strings from runs of scalars without going through generic iteration: token
/// texts are made for every word of every article, so this is the text layer's hot path.
public enum ScalarString {
    /// The text of `s[range]`, lowercased for ASCII letters when `lowercase` is set (callers
    /// fall back to `String.lowercased()` for the rest of Unicode).
    @inline(__always)
    public static func make(_ s: [Unicode.Scalar], _ range: Range<Int>, asciiLowercase: Bool = false) -> String {
        let count = range.count
        if count == 0 { return "" }
        return s.withUnsafeBufferPointer { buffer in
            String(unsafeUninitializedCapacity: count * 4) { out in
                var n = 0
                for i in range {
                    let v = buffer[i].value
                    if v < 0x80 {
                        var b = UInt8(truncatingIfNeeded: v)
                        if asciiLowercase && b >= 65 && b <= 90 { b += 32 }
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
        for i in range where s[i].value >= 0x80 {
            return make(s, range).lowercased()
        }
        return make(s, range, asciiLowercase: true)
    }
}
