/// A MinHash signature of a text's word shingles: `values[i]` is the minimum of the
/// i-th hash function over all shingles. The share of equal positions between two
/// signatures estimates the Jaccard similarity of their shingle sets, which is what
/// "near-duplicate" means for news copy: the same wire story with another headline,
/// lede or footer keeps most of its shingles.
public struct MinHashSignature: Sendable, Hashable {
    public static let size = 64
    /// 16 bands of 4 values for locality-sensitive lookup: two texts with Jaccard 0.7
    /// share a band with probability 0.99, texts at 0.3 only 0.12 — the rest is checked
    /// on the full signature.
    public static let bands = 16
    public static let rows = 4

    public var values: [UInt32]

    public init?(values: [UInt32]) {
        guard values.count == Self.size else { return nil }
        self.values = values
    }

    /// Builds the signature from 64-bit shingle hashes.
    public init(shingleHashes: some Sequence<UInt64>) {
        var minimums = [UInt32](repeating: .max, count: Self.size)
        for h in shingleHashes {
            for i in 0..<Self.size {
                // One strong mix per (shingle, function): functions differ by their seed.
                let v = UInt32(truncatingIfNeeded: Self.mix(h ^ Self.seeds[i]) >> 32)
                if v < minimums[i] { minimums[i] = v }
            }
        }
        values = minimums
    }

    public func similarity(_ other: MinHashSignature) -> Double {
        var same = 0
        for i in 0..<Self.size where values[i] == other.values[i] { same += 1 }
        return Double(same) / Double(Self.size)
    }

    /// One key per band, for an indexed equality lookup.
    public var bandKeys: [Int64] {
        (0..<Self.bands).map { band in
            var h: UInt64 = UInt64(band) &* 0x9e3779b97f4a7c15
            for r in 0..<Self.rows { h = Self.mix(h ^ UInt64(values[band * Self.rows + r])) }
            return Int64(bitPattern: h)
        }
    }

    /// Little-endian bytes, for a BLOB column.
    public var bytes: [UInt8] {
        values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    }

    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.size * 4 else { return nil }
        values = (0..<Self.size).map { i in
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[i * 4 + $1]) << (8 * $1) }
        }
    }

    static let seeds: [UInt64] = {
        var state: UInt64 = 0x5EED_D055_1E12_0001
        return (0..<size).map { _ in
            state = state &+ 0x9e3779b97f4a7c15
            return mix(state)
        }
    }()

    /// SplitMix64's finaliser: every input bit reaches every output bit.
    static func mix(_ v: UInt64) -> UInt64 {
        var z = v
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
