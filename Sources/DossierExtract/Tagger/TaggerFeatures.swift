/// Feature extraction for the NER tagger, shared by training and inference so the two can
/// never disagree about what a feature is.
///
/// Features are hashed straight into rows of the weight table ("feature hashing"): no
/// feature dictionary is stored, the model stays a fixed size, and a token costs a few
/// integer multiplications per feature instead of string building and dictionary lookups.
/// Each token's strings are hashed once (`TokenHashes`); the context features combine
/// neighbours' precomputed hashes, so a token is read once however many windows see it.
enum TaggerFeatures {
    /// Bumped whenever templates change: a model trained with other templates would
    /// silently score garbage, so loading checks it.
    static let version: UInt32 = 1

    /// Number of feature slots per token; a slot may be empty (-1), e.g. the gazetteer.
    static let perToken = 25

    /// The first slots depend on the token's own text only (bias, word, lowercase, shape,
    /// prefixes, suffixes), so their sum can be cached per word.
    static let intrinsic = 12

    /// Template identifiers; their order is part of `version`.
    private enum T: UInt64 {
        case bias = 1, word, lower, shape, pre1, pre2, pre3, pre4, suf1, suf2, suf3, suf4
        case lowerM1, lowerP1, lowerM2, lowerP2, shapeM1, shapeP1, shapeTri, context
        case bigramM1, bigramP1, wordM1, gazetteer, gazetteerShape
    }

    /// Hashes of the sentence boundaries, standing in for missing neighbours.
    private static let bos: UInt64 = 0x5D3A_96F1_0BC4_7E21
    private static let eos: UInt64 = 0xA1C3_0F55_E927_4B8D

    /// Splitmix64's finaliser: spreads nearby inputs over all 64 bits so that the top bits
    /// make a good row index.
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always) static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(a &* 0x1000_0000_01B3 ^ b)
    }

    /// FNV-1a over a string's scalars, for gazetteer labels and tests.
    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for c in s.unicodeScalars { h = (h ^ UInt64(c.value)) &* 0x100_0000_01B3 }
        return h
    }

    /// Writes the feature rows of every token of one sentence into `out`
    /// (`perToken` entries per token, -1 for an empty slot).
    ///
    /// - Parameters:
    ///   - tokens: the sentence's tokens' hashes.
    ///   - gazetteer: per token, the hash of a gazetteer label or 0 for none.
    ///   - shift: 64 minus the table's hash bits.
    static func rows(_ tokens: ArraySlice<TokenHashes>, gazetteer: ArraySlice<UInt64>?, shift: UInt64,
                     into out: inout [Int32]) {
        let n = tokens.count
        let base = tokens.startIndex
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(n * perToken)
        @inline(__always) func row(_ t: T, _ v: UInt64) -> Int32 {
            Int32(truncatingIfNeeded: mix(v ^ (t.rawValue &* 0xD6E8_FEB8_6659_FD93)) >> shift)
        }
        for i in 0..<n {
            let t = tokens[base + i]
            let m1 = i >= 1 ? tokens[base + i - 1] : nil
            let m2 = i >= 2 ? tokens[base + i - 2] : nil
            let p1 = i + 1 < n ? tokens[base + i + 1] : nil
            let p2 = i + 2 < n ? tokens[base + i + 2] : nil
            let lowerM1 = m1?.lower ?? bos, lowerP1 = p1?.lower ?? eos
            let shapeM1 = m1?.shape ?? bos, shapeP1 = p1?.shape ?? eos
            // Capitalisation means something else at the start of a sentence, after an
            // opening quote or after an elided article ("l'Élysée"): say which case holds.
            let context: UInt64 = i == 0 ? 1 : (m1!.flags & TokenHashes.quote != 0 ? 2
                : (m1!.flags & TokenHashes.elision != 0 ? 3 : 4))
            out.append(row(.bias, 0))
            out.append(row(.word, t.word))
            out.append(row(.lower, t.lower))
            out.append(row(.shape, t.shape))
            out.append(row(.pre1, t.pre1))
            out.append(row(.pre2, t.pre2))
            out.append(row(.pre3, t.pre3))
            out.append(row(.pre4, t.pre4))
            out.append(row(.suf1, t.suf1))
            out.append(row(.suf2, t.suf2))
            out.append(row(.suf3, t.suf3))
            out.append(row(.suf4, t.suf4))
            out.append(row(.lowerM1, lowerM1))
            out.append(row(.lowerP1, lowerP1))
            out.append(row(.lowerM2, m2?.lower ?? bos))
            out.append(row(.lowerP2, p2?.lower ?? eos))
            out.append(row(.shapeM1, shapeM1))
            out.append(row(.shapeP1, shapeP1))
            out.append(row(.shapeTri, combine(combine(shapeM1, t.shape), shapeP1)))
            out.append(row(.context, combine(context, t.shape)))
            out.append(row(.bigramM1, combine(lowerM1, t.lower)))
            out.append(row(.bigramP1, combine(t.lower, lowerP1)))
            out.append(row(.wordM1, m1?.word ?? bos))
            let gaz = gazetteer.map { $0[$0.startIndex + i] } ?? 0
            out.append(gaz == 0 ? -1 : row(.gazetteer, gaz))
            out.append(gaz == 0 ? -1 : row(.gazetteerShape, combine(gaz, t.shape)))
        }
    }
}

/// The hashes of one token's strings, computed in one pass over its scalars.
struct TokenHashes: Sendable {
    var word: UInt64 = 0
    var lower: UInt64 = 0
    /// Collapsed shape: "Koursk" → "Xx", "OTAN" → "X", "2024" → "d", "Jong-un" → "Xx-x".
    var shape: UInt64 = 0
    var pre1: UInt64 = 0, pre2: UInt64 = 0, pre3: UInt64 = 0, pre4: UInt64 = 0
    var suf1: UInt64 = 0, suf2: UInt64 = 0, suf3: UInt64 = 0, suf4: UInt64 = 0
    var flags: UInt8 = 0

    static let quote: UInt8 = 1
    static let elision: UInt8 = 2

    private static let offset: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let prime: UInt64 = 0x100_0000_01B3

    /// Quotation marks after which a capital says little (the quote starts a sentence).
    private static let quotes: Set<UInt32> = [0x22, 0x27, 0xAB, 0xBB, 0x201C, 0x201D, 0x201E, 0x2039, 0x203A, 0x60]

    init(text: String, lower: String) {
        var h = Self.offset
        var shape = Self.offset
        var last: UInt32 = .max
        var count = 0
        var firstScalar: UInt32 = 0
        for s in text.unicodeScalars {
            let v = s.value
            h = (h ^ UInt64(v)) &* Self.prime
            let cls: UInt32
            if v < 128 {
                cls = (v >= 65 && v <= 90) ? 88 : (v >= 97 && v <= 122) ? 120 : (v >= 48 && v <= 57) ? 100 : v
            } else {
                let p = s.properties
                cls = p.isUppercase ? 88 : (p.isLowercase || p.isAlphabetic) ? 120 : v
            }
            if cls != last {
                shape = (shape ^ UInt64(cls)) &* Self.prime
                last = cls
            }
            if count == 0 { firstScalar = v }
            count += 1
        }
        word = h
        self.shape = shape
        if count == 1, Self.quotes.contains(firstScalar) { flags |= Self.quote }

        var lh = Self.offset
        var ring: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        var n = 0
        for s in lower.unicodeScalars {
            lh = (lh ^ UInt64(s.value)) &* Self.prime
            n += 1
            switch n {
            case 1: pre1 = lh
            case 2: pre2 = lh
            case 3: pre3 = lh
            case 4: pre4 = lh
            default: break
            }
            ring = (ring.1, ring.2, ring.3, s.value)
        }
        self.lower = lh
        if n < 4 { pre4 = lh }
        if n < 3 { pre3 = lh }
        if n < 2 { pre2 = lh }
        // Suffixes from the last four scalars; a short word's suffix is the word itself.
        @inline(__always) func step(_ h: UInt64, _ v: UInt32) -> UInt64 { (h ^ UInt64(v)) &* Self.prime }
        suf1 = step(Self.offset, ring.3)
        suf2 = n >= 2 ? step(step(Self.offset, ring.2), ring.3) : suf1
        suf3 = n >= 3 ? step(step(step(Self.offset, ring.1), ring.2), ring.3) : suf2
        suf4 = n >= 4 ? step(step(step(step(Self.offset, ring.0), ring.1), ring.2), ring.3) : suf3
        // An elided article or pronoun ("l'", "qu'"): short and ending in an apostrophe.
        if n >= 2, n <= 7, ring.3 == 0x27 { flags |= Self.elision }
    }
}
