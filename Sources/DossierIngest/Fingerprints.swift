import Crypto
import DossierStore
import Foundation

/// The two fingerprints of a document: SHA-256 of its bytes for exact identity (resume,
/// idempotent re-adds), MinHash of its word shingles for near-duplicates (the same wire story
/// with another headline or footer).
public enum Fingerprints {
    public static func sha256(_ data: Data) -> String {
        let digest = SHA256.hash(data: data)
        var hex = ""
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return hex
    }

    private static let hexDigits = Array("0123456789abcdef")

    /// Hashes of the text's word 3-shingles (lower-cased runs of letters and digits):
    /// the features near-duplicate detection compares. A text shorter than a shingle is
    /// one feature.
    ///
    /// Stores keep these values (through their MinHash bands) across versions, so they
    /// must never change: the word test and lowercase come from `WordScalars`, a table
    /// built from the same Unicode properties this function always asked per scalar
    /// (they cost ≈ 0.4 ms per article when asked each time); the hash is unchanged.
    public static func shingles(_ text: String, size: Int = 3) -> [UInt64] {
        let words = wordHashes(text)
        guard !words.isEmpty else { return [] }
        let count = max(1, words.count - size + 1)
        var out: [UInt64] = []
        out.reserveCapacity(count)
        words.withUnsafeBufferPointer { w in
            for i in 0..<count {
                var x: UInt64 = 0x84222325cbf29ce4
                for k in i..<min(w.count, i + size) { x = (x ^ w[k]) &* 0x100000001b3 &+ 0x9e3779b97f4a7c15 }
                out.append(x)
            }
        }
        return out
    }

    /// FNV-1a of each word's lowercase scalar values, in text order.
    static func wordHashes(_ text: String) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(text.utf8.count / 5 + 1)
        var h: UInt64 = 0xcbf29ce484222325
        var inWord = false
        let table = WordScalars.table
        // One step per scalar; `lower == 0` means "not part of a word".
        @inline(__always) func step(_ value: UInt32) {
            let lower = value < WordScalars.tableEnd ? table[Int(value)] : WordScalars.lower(value)
            if lower != 0 {
                h = (h ^ UInt64(lower)) &* 0x100000001b3
                inWord = true
            } else if inWord {
                words.append(h)
                h = 0xcbf29ce484222325
                inWord = false
            }
        }
        var text = text
        text.withUTF8 { bytes in
            // Strings are valid UTF-8: decode without checks.
            var i = 0
            let n = bytes.count
            while i < n {
                let b0 = UInt32(bytes[i])
                if b0 < 0x80 {
                    step(b0); i += 1
                } else if b0 < 0xE0 {
                    step((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)); i += 2
                } else if b0 < 0xF0 {
                    step((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)); i += 3
                } else {
                    step((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                         | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)); i += 4
                }
            }
        }
        if inWord { words.append(h) }
        return words
    }

    /// The MinHash signature the store links near-duplicates with; nil for a text with
    /// no words.
    public static func minHash(_ text: String) -> MinHashSignature? {
        let features = shingles(text)
        return features.isEmpty ? nil : signature(features)
    }

    /// `MinHashSignature(shingleHashes:)` computed over a contiguous buffer: the same
    /// values bit for bit (same seeds, same mix), without the generic sequence walk and
    /// the static seed table's access check in the inner loop.
    static func signature(_ hashes: [UInt64]) -> MinHashSignature {
        var minimums = [UInt32](repeating: .max, count: MinHashSignature.size)
        minimums.withUnsafeMutableBufferPointer { m in
            seeds.withUnsafeBufferPointer { seed in
                hashes.withUnsafeBufferPointer { hs in
                    // Function by function: the minimum stays in a register and the
                    // shingles' mixes are independent, so they overlap in the pipeline
                    // (twice as fast as shingle by shingle).
                    for i in 0..<m.count {
                        let s = seed[i]
                        var low = UInt32.max
                        for h in hs {
                            low = min(low, UInt32(truncatingIfNeeded: mix(h ^ s) >> 32))
                        }
                        m[i] = low
                    }
                }
            }
        }
        // `values:` only refuses a wrong count, which `size` rules out.
        return MinHashSignature(values: minimums)!
    }

    /// The store's seeds (`MinHashSignature.seeds`, internal there), rebuilt the same way;
    /// `FingerprintsTests` checks the signatures against the store's own constructor.
    static let seeds: [UInt64] = {
        var state: UInt64 = 0x5EED_D055_1E12_0001
        return (0..<MinHashSignature.size).map { _ in
            state = state &+ 0x9e3779b97f4a7c15
            return mix(state)
        }
    }()

    /// SplitMix64's finaliser, as `MinHashSignature.mix`.
    @inline(__always)
    static func mix(_ v: UInt64) -> UInt64 {
        var z = v
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}

/// Per scalar, the lowercase scalar value a shingle word hashes, or 0 when the scalar is
/// not part of a word (neither alphabetic nor numeric). Below `tableEnd` (Latin, Greek,
/// Cyrillic, … and general punctuation) the answer is read from a table built once from
/// the Unicode properties; above, the properties are asked directly, as before.
enum WordScalars {
    static let tableEnd: UInt32 = 0x3000

    static let table: [UInt32] = (0..<tableEnd).map { v in
        Unicode.Scalar(v).map(fromProperties) ?? 0
    }

    /// The answer from the scalar's properties: what `shingles` has always computed.
    static func fromProperties(_ scalar: Unicode.Scalar) -> UInt32 {
        let p = scalar.properties
        guard p.isAlphabetic || p.numericType != nil else { return 0 }
        return (p.lowercaseMapping.unicodeScalars.first ?? scalar).value
    }

    static func lower(_ value: UInt32) -> UInt32 {
        if value < tableEnd { return table[Int(value)] }
        return Unicode.Scalar(value).map(fromProperties) ?? 0
    }
}
