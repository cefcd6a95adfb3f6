/// The distinct lowercase forms of a document's tokens, each token numbered by its form.
///
/// Why: every extractor looks each token's lowercase form up in its lexicons (word
/// classes, knowledge-base keys, time and number words). Hashing a Swift String is costly
/// (SipHash over the bytes, and a normalisation check for accented words), and a news
/// article repeats its words: "de", "la", "the", names. Interning once here, with a cheap
/// byte hash, lets a stage look up each *distinct* form once (`map`) and read the answer
/// per token by index, instead of hashing every token again in every stage.
public struct WordForms: Sendable {
    /// Per token, the index of its lowercase form in `forms`.
    public let ids: [Int32]
    /// The distinct lowercase forms, in order of first appearance.
    public let forms: [String]

    public init(_ tokens: [Token]) {
        var ids = [Int32](repeating: 0, count: tokens.count)
        var forms: [String] = []
        forms.reserveCapacity(tokens.count / 2 + 1)
        var capacity = 64
        while capacity < tokens.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        // Open addressing: slot → form index + 1 (0 = empty), with each form's hash kept
        // so that a probe compares bytes only when the hashes agree.
        var slots = [Int32](repeating: 0, count: capacity)
        var hashes: [UInt64] = []
        hashes.reserveCapacity(tokens.count / 2 + 1)
        for i in tokens.indices {
            let lower = tokens[i].lower
            let h = Self.hash(lower)
            var slot = Int(truncatingIfNeeded: h) & mask
            while true {
                let f = slots[slot]
                if f == 0 {
                    slots[slot] = Int32(forms.count + 1)
                    ids[i] = Int32(forms.count)
                    forms.append(lower)
                    hashes.append(h)
                    break
                }
                let k = Int(f - 1)
                if hashes[k] == h, Self.sameBytes(forms[k], lower) {
                    ids[i] = Int32(k)
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        self.ids = ids
        self.forms = forms
    }

    /// Per token, `perForm` of its form: a stage computes an answer per distinct form
    /// (`forms.map { … }`) and reads it per token through this.
    /// (`@inlinable`: called from other modules, an unspecialised generic call cost more
    /// than the work.)
    @inlinable
    public func perToken<T>(_ perForm: [T]) -> [T] {
        ids.map { perForm[Int($0)] }
    }

    /// FNV-1a over the UTF-8 bytes, mixed at the end so that the low bits used for the
    /// slot depend on every byte.
    @inline(__always)
    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }

    /// Byte equality: both are lowercase token texts, so String's canonical equivalence
    /// (a slow path for accented words) is not needed.
    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }
}
