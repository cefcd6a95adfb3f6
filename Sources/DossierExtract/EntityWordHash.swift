import Foundation

/// An open-addressing index from ASCII strings to small integers, compared by bytes,
/// standing in front of a `[String: Int32]` that keeps answering every other string.
///
/// Why: the entity word table holds every knowledge-base key, given name and lexicon
/// word (tens of thousands of Strings), and each distinct word of each document is looked
/// up in it. A Swift `Dictionary<String, …>` pays SipHash, String's canonical-equivalence
/// comparison and scattered reads through a large table; in the round-6 profile that one
/// lookup per distinct word was a tenth of the entity stage. Here a word costs FNV-1a over
/// its bytes, one probe in a compact array of 64-bit hashes, and one byte comparison.
///
/// Exactness: for an ASCII query, String equality with an ASCII key is byte equality, and
/// a non-ASCII key could only equal it if its canonical decomposition were ASCII (U+212A
/// KELVIN SIGN is "K"): `init` checks that no key is such, and is otherwise unusable
/// (`lookup` then answers nil for every query, sending it to the dictionary). Non-ASCII
/// queries always go to the dictionary. So the answers are the dictionary's, byte for byte.
struct ASCIIKeyIndex: Sendable {
    private var slots: [Int32] = []
    private var slotHashes: [UInt64] = []
    private var starts: [Int32] = [0]
    private var bytes: [UInt8] = []
    private var values: [Int32] = []
    private var mask = 0
    private(set) var usable = false

    init(_ dictionary: [String: Int32]) {
        var ascii: [(String, Int32)] = []
        for (key, value) in dictionary {
            if key.utf8.allSatisfy({ $0 < 0x80 }) {
                ascii.append((key, value))
            } else if key.decomposedStringWithCanonicalMapping.utf8.allSatisfy({ $0 < 0x80 }) {
                return  // a key String would find for an ASCII query: leave it all to the dictionary
            }
        }
        var capacity = 16
        while capacity < ascii.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = [Int32](repeating: 0, count: capacity)
        slotHashes = [UInt64](repeating: 0, count: capacity)
        for (key, value) in ascii {
            let h = Self.hash(Array(key.utf8))
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            bytes.append(contentsOf: key.utf8)
            starts.append(Int32(bytes.count))
            values.append(value)
            slots[slot] = Int32(values.count)
            slotHashes[slot] = h
        }
        usable = true
    }

    /// The value of an ASCII key (-1 when absent), or nil when the index cannot answer:
    /// a non-ASCII query, or an unusable index.
    @inline(__always)
    func lookup(_ s: String) -> Int32? {
        guard usable else { return nil }
        var s = s
        return s.withUTF8 { lookup($0) }
    }

    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var high: UInt8 = 0
        for b in key {
            high |= b
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        guard high < 0x80 else { return nil }
        h = Self.finish(h)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[slot])
            if e == 0 { return -1 }
            if slotHashes[slot] == h {
                let a = Int(starts[e - 1]), b = Int(starts[e])
                if b - a == key.count {
                    var same = true
                    for n in 0..<key.count where bytes[a + n] != key[n] { same = false; break }
                    if same { return values[e - 1] }
                }
            }
            slot = (slot + 1) & mask
        }
    }

    private static func hash(_ key: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return finish(h)
    }

    /// Mixes FNV's result so that the low bits (the slot) depend on every byte.
    @inline(__always) private static func finish(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }
}
