import DossierStore
import Foundation
import Testing
@testable import DossierIngest

/// Stores compare MinHash bands across versions of Dossier, so the fast fingerprint code
/// must give the signatures of the original per-scalar code bit for bit. That code is kept
/// here, verbatim, as the reference.
@Suite("Fingerprints: fast MinHash equals the reference")
struct FingerprintsTests {
    /// The shingle hashing as it was before the table (round 7), unchanged.
    static func referenceShingles(_ text: String, size: Int = 3) -> [UInt64] {
        var words: [UInt64] = []
        var h: UInt64 = 0xcbf29ce484222325
        var inWord = false
        for scalar in text.unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil {
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
        for i in 0..<count {
            var x: UInt64 = 0x84222325cbf29ce4
            for k in i..<min(words.count, i + size) { x = (x ^ words[k]) &* 0x100000001b3 &+ 0x9e3779b97f4a7c15 }
            out.append(x)
        }
        return out
    }

    static func referenceMinHash(_ text: String) -> MinHashSignature? {
        let features = referenceShingles(text)
        return features.isEmpty ? nil : MinHashSignature(shingleHashes: features)
    }

    static let texts: [String] = [
        "",
        "!!! ... ???",
        "one",
        "two words",
        "Le président a déclaré jeudi que l'armée nord-coréenne comptait 50 000 soldats.",
        "The U.S. Federal Reserve raised rates by 0.25 points on Thursday, its third increase.",
        "ÉTATS-UNIS : « Ça ira », dit-il. Œuvre, ŒUVRE, Ÿvelines, straße, STRASSE.",
        "İstanbul İZMİR ıslak — Türkçe harfler; ǅemal ǄEMAL ǆ.",
        "Ελληνικά ΣΟΦΙΑ σοφία, Русский МОСКВА москва, עברית, العربية ٣٤٥ ١٢.",
        "Fractions ½ ¾ and Roman Ⅻ ⅻ, superscripts ² ³, circled ① ⑳, fullwidth ＡＢＣ ａｂｃ １２３.",
        "CJK 中文 日本語 한국어 text, emoji 👍🏽 🇫🇷 and ZWJ 👨‍👩‍👧 sequences.",
        "e\u{301}te\u{301} decomposed, A\u{30A}ngstro\u{308}m, tabs\tand\nnewlines\r\n.",
        "\u{10400}\u{10428} Deseret, \u{1D400}\u{1D41A} math bold, \u{E000} private use.",
    ]

    @Test("word shingles and signatures equal the reference on varied scripts")
    func variedScripts() {
        for text in Self.texts {
            #expect(Fingerprints.shingles(text) == Self.referenceShingles(text), "\(text)")
            #expect(Fingerprints.minHash(text) == Self.referenceMinHash(text), "\(text)")
            #expect(Fingerprints.minHash(text)?.bandKeys == Self.referenceMinHash(text)?.bandKeys)
        }
    }

    @Test("random Unicode texts: same shingles as the reference")
    func randomTexts() {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        // Mostly from the table's range, some far above it, with plenty of separators.
        for _ in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(next() % 80) {
                let r = next() % 10
                let v: UInt64
                switch r {
                case 0...3: v = 0x20 + next() % 0x60
                case 4...6: v = next() % 0x3000
                case 7: v = 0x3000 + next() % 0xD000
                case 8: v = 0x10000 + next() % 0x20000
                default: v = 0x20
                }
                if let s = Unicode.Scalar(UInt32(v)) { scalars.append(s) }
            }
            let text = String(scalars)
            #expect(Fingerprints.shingles(text) == Self.referenceShingles(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("every scalar of the table answers as its properties do")
    func tableMatchesProperties() {
        for v in UInt32(0)..<WordScalars.tableEnd {
            guard let s = Unicode.Scalar(v) else { continue }
            let p = s.properties
            let expected = p.isAlphabetic || p.numericType != nil
                ? (p.lowercaseMapping.unicodeScalars.first ?? s).value : 0
            #expect(WordScalars.lower(v) == expected)
        }
    }

    @Test("the seeds are the store's: a one-shingle signature equals the store's")
    func seeds() {
        for h: UInt64 in [0, 1, 0xdead_beef, .max] {
            #expect(Fingerprints.signature([h]) == MinHashSignature(shingleHashes: [h]))
        }
    }
}
