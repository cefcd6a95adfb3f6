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
    public static func shingles(_ text: String, size: Int = 3) -> [UInt64] {
        var words: [UInt64] = []
        var h: UInt64 = 0xcbf29ce484222325
        var inWord = false
        for scalar in text.unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil {
                // Lower-case through the scalar's own mapping: no String allocation.
                let lower = p.lowercaseMapping.unicodeScalars.first ?? scalar
                h = (h ^ UInt64(lower.value)) &* 0x100000001b3
                inWord = true
            } else if inWord {
                words.append(h)
                h = 0xcbf29ce484222325
                inWord = false
            }
        }
        if inWord { words.append(h) }
        guard !words.isEmpty else { return [] }
        let count = max(1, words.count - size + 1)
        var out: [UInt64] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            var x: UInt64 = 0x84222325cbf29ce4
            for k in i..<min(words.count, i + size) { x = (x ^ words[k]) &* 0x100000001b3 &+ 0x9e3779b97f4a7c15 }
            out.append(x)
        }
        return out
    }

    /// The MinHash signature the store links near-duplicates with; nil for a text with
    /// no words.
    public static func minHash(_ text: String) -> MinHashSignature? {
        let features = shingles(text)
        return features.isEmpty ? nil : MinHashSignature(shingleHashes: features)
    }
}
