import Foundation

/// Names as the store compares them: no case, no accents, punctuation as spaces, so that
/// "Zelensky", "ZELENSKY" and "Zélensky" meet, and "Jong-un" matches "jong un".
public enum NameKey {
    public static func fold(_ name: String) -> String {
        // Most names are plain ASCII, where folding is lowercasing: Foundation's
        // `folding` (≈ 250 calls per ingested document) was a third of preparing one.
        foldASCII(name) ?? foldUnicode(name)
    }

    /// The general path, for any script.
    static func foldUnicode(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive],
                                  locale: nil)
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    /// `fold` for a name of ASCII characters only (nil otherwise): letters lowercased,
    /// digits kept, every run of anything else one space between words — what the general
    /// path gives for ASCII, where only letters are alphabetic and only digits numeric.
    static func foldASCII(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                let lower = byte | 0x20
                let isLetter = lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
                let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                if isLetter || isDigit {
                    if pendingSpace && !out.isEmpty { out.append(UInt8(ascii: " ")) }
                    pendingSpace = false
                    out.append(isLetter ? lower : byte)
                } else {
                    pendingSpace = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A LIKE pattern matching `key` as whole words inside a space-padded column.
    static func wordPattern(_ key: String) -> String { "% \(key) %" }
}
