import DossierCore
import Foundation

/// A trained NER model: a hashed weight table (one row of per-label weights per feature
/// bucket), label-to-label transition weights, and the BIO label set.
///
/// Weights are stored as Int16 with one scale factor: a perceptron's averaged weights
/// survive 16-bit quantisation with no measurable loss, the file is half the size of
/// Float32, and summing Int16 into Int32 is the cheapest possible inner loop.
public struct NERModel: Sendable {
    /// Labels in index order: "O", then "B-X", "I-X" per entity type.
    public let labels: [String]
    public let hashBits: Int
    /// `weights[row * labels.count + label]`, to be multiplied by `scale`.
    let weights: [Int16]
    let scale: Float
    /// `transitions[previous * L + current]`; previous == L is the sentence start.
    let transitions: [Float]
    /// Softmax temperature for confidences (scores are perceptron margins, not logits).
    let temperature: Float
    /// `allowed[previous * L + current]`: I-X only after B-X or I-X, never first.
    let allowed: [Bool]
    /// `transitions` with -infinity where `allowed` is false, so decoding needs no branch.
    let masked: [Float]
    /// exp(transition / temperature), shifted so the largest is 1, 0 where forbidden.
    let expTransitions: [Float]
    /// One bit per weight row, set when the row is not all zero. Most rows are zero (their
    /// features never caused a mistake in training); the bitmap fits in the CPU cache while
    /// the table does not, so testing it first saves most memory accesses for rare features.
    let nonzero: [UInt64]
    /// The entity type of each label (nil for O and for types Dossier does not know).
    let types: [EntityType?]
    /// Whether each label begins an entity (B-X).
    let isBegin: [Bool]

    public static let defaultLabels = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]

    init(labels: [String], hashBits: Int, weights: [Int16], scale: Float, transitions: [Float], temperature: Float) {
        self.labels = labels
        self.hashBits = hashBits
        self.weights = weights
        self.scale = scale
        self.transitions = transitions
        self.temperature = temperature
        let l = labels.count
        let allowed = NERModel.allowedTransitions(labels)
        self.allowed = allowed
        self.masked = NERModel.mask(transitions, allowed)
        let top = zip(transitions, allowed).filter(\.1).map(\.0).max() ?? 0
        self.expTransitions = transitions.indices.map { allowed[$0] ? expf((transitions[$0] - top) / temperature) : 0 }
        var bits = [UInt64](repeating: 0, count: ((1 << hashBits) + 63) / 64)
        for row in 0..<(1 << hashBits) where (0..<l).contains(where: { weights[row * l + $0] != 0 }) {
            bits[row >> 6] |= 1 << UInt64(row & 63)
        }
        self.nonzero = bits
        self.types = labels.map { $0 == "O" ? nil : EntityType(rawValue: String($0.dropFirst(2))) }
        self.isBegin = labels.map { $0.hasPrefix("B-") }
        precondition(weights.count == (1 << hashBits) * l && transitions.count == (l + 1) * l)
    }

    /// The same weights with another confidence temperature.
    public func with(temperature: Float) -> NERModel {
        NERModel(labels: labels, hashBits: hashBits, weights: weights, scale: scale, transitions: transitions,
                 temperature: temperature)
    }

    /// The BIO constraint as a table, so decoding never emits an I- that does not continue
    /// an entity of the same type.
    static func allowedTransitions(_ labels: [String]) -> [Bool] {
        let l = labels.count
        var allowed = [Bool](repeating: true, count: (l + 1) * l)
        for cur in 0..<l where labels[cur].hasPrefix("I-") {
            let type = labels[cur].dropFirst(2)
            for prev in 0...l {
                let ok = prev < l && (labels[prev] == "B-\(type)" || labels[prev] == "I-\(type)")
                allowed[prev * l + cur] = ok
            }
        }
        return allowed
    }

    static func mask(_ t: [Float], _ allowed: [Bool]) -> [Float] {
        t.indices.map { allowed[$0] ? t[$0] : -.infinity }
    }

    var shift: UInt64 { UInt64(64 - hashBits) }

    /// Per-token label scores for feature rows (`TaggerFeatures.perToken` per token).
    ///
    /// The table is too large for the CPU caches, so each feature costs a memory access;
    /// the features of a token's own text (`TaggerFeatures.intrinsic`) are therefore summed
    /// once per distinct word of the document and reused from `cache` ("de", "the" and
    /// repeated names come back often).
    func emissions(_ rows: [Int32], words: ArraySlice<TokenHashes>, cache: inout WordCache, into out: inout [Float]) {
        let l = labels.count
        let n = words.count
        let f = TaggerFeatures.perToken
        let own = TaggerFeatures.intrinsic
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: repeatElement(0, count: n * l))
        var acc = [Int32](repeating: 0, count: l)
        let base = words.startIndex
        weights.withUnsafeBufferPointer { w in
          nonzero.withUnsafeBufferPointer { nz in
            rows.withUnsafeBufferPointer { r in
                acc.withUnsafeMutableBufferPointer { a in
                    out.withUnsafeMutableBufferPointer { o in
                        for i in 0..<n {
                            let key = words[base + i].word | 1
                            let slot = Int(truncatingIfNeeded: (key >> 17) & UInt64(WordCache.slots - 1))
                            if cache.keys[slot] == key {
                                for k in 0..<l { a[k] = cache.sums[slot * l + k] }
                            } else {
                                for k in 0..<l { a[k] = 0 }
                                for j in 0..<own {
                                    let row = Int(r[i * f + j])
                                    if row < 0 || nz[row >> 6] & (1 << UInt64(row & 63)) == 0 { continue }
                                    for k in 0..<l { a[k] &+= Int32(w[row * l + k]) }
                                }
                                cache.keys[slot] = key
                                for k in 0..<l { cache.sums[slot * l + k] = a[k] }
                            }
                            for j in own..<f {
                                let row = Int(r[i * f + j])
                                if row < 0 || nz[row >> 6] & (1 << UInt64(row & 63)) == 0 { continue }
                                for k in 0..<l { a[k] &+= Int32(w[row * l + k]) }
                            }
                            for k in 0..<l { o[i * l + k] = Float(a[k]) * scale }
                        }
                    }
                }
            }
          }
        }
    }
}

/// A direct-mapped cache of per-word partial scores, alive for one document.
struct WordCache {
    static let slots = 1024
    var keys: [UInt64]
    var sums: [Int32]
    init(labels: Int) {
        keys = [UInt64](repeating: 0, count: WordCache.slots)
        sums = [Int32](repeating: 0, count: WordCache.slots * labels)
    }
}

/// Viterbi decoding over emission and transition scores under the BIO constraint.
enum Viterbi {
    /// `t` holds -infinity where a transition is not allowed (see `NERModel.masked`).
    static func decode(emissions e: [Float], tokens n: Int, labels l: Int, transitions t: [Float]) -> [Int] {
        guard n > 0 else { return [] }
        var score = [Float](repeating: -.infinity, count: l)
        var next = [Float](repeating: 0, count: l)
        var back = [UInt8](repeating: 0, count: n * l)
        for k in 0..<l { score[k] = e[k] + t[l * l + k] }
        for i in 1..<max(n, 1) {
            for k in 0..<l {
                var best: Float = -.infinity
                var arg = 0
                for p in 0..<l {
                    let s = score[p] + t[p * l + k]
                    if s > best { best = s; arg = p }
                }
                next[k] = best + e[i * l + k]
                back[i * l + k] = UInt8(arg)
            }
            swap(&score, &next)
        }
        var bestLabel = 0
        for k in 1..<l where score[k] > score[bestLabel] { bestLabel = k }
        var path = [Int](repeating: 0, count: n)
        path[n - 1] = bestLabel
        var i = n - 1
        while i > 0 {
            path[i - 1] = Int(back[i * l + path[i]])
            i -= 1
        }
        return path
    }
}
