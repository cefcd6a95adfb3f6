import Foundation

/// Per-token label probabilities by forward-backward, reading the perceptron's scores
/// (divided by a temperature) as the potentials of a linear-chain CRF.
///
/// Why not the score margin or a local softmax: a name's confidence depends on the whole
/// sentence ("Corée du Nord" is LOC only as a unit), and the marginal sums over every
/// labelling, so it says how much of the probability mass agrees with the chosen label.
/// Working in exp space with per-position rescaling (as for HMMs) needs no logarithms, so
/// it costs about as much as Viterbi, and only sentences with a name pay it.
enum Marginals {
    /// `probabilities[i]` = P(label_i = path[i]).
    ///
    /// - Parameter expTransitions: exp(transition / T) with 0 where forbidden, row L the start.
    static func ofPath(_ path: [Int], emissions e: [Float], labels l: Int, expTransitions et: [Float],
                       temperature: Float) -> [Float] {
        let n = path.count
        guard n > 0 else { return [] }
        var ee = [Float](repeating: 0, count: n * l)
        for i in 0..<n {
            var top: Float = -.infinity
            for k in 0..<l { top = max(top, e[i * l + k]) }
            for k in 0..<l { ee[i * l + k] = expf((e[i * l + k] - top) / temperature) }
        }
        var alpha = [Float](repeating: 0, count: n * l)
        var scale = [Float](repeating: 1, count: n)
        for i in 0..<n {
            var sum: Float = 0
            for k in 0..<l {
                var a: Float = 0
                if i == 0 {
                    a = et[l * l + k]
                } else {
                    for p in 0..<l { a += alpha[(i - 1) * l + p] * et[p * l + k] }
                }
                a *= ee[i * l + k]
                alpha[i * l + k] = a
                sum += a
            }
            let c: Float = sum > 0 ? sum : 1
            scale[i] = c
            for k in 0..<l { alpha[i * l + k] /= c }
        }
        var beta = [Float](repeating: 1, count: l)
        var next = [Float](repeating: 0, count: l)
        var out = [Float](repeating: 0, count: n)
        var i = n - 1
        while true {
            var z: Float = 0
            for k in 0..<l { z += alpha[i * l + k] * beta[k] }
            out[i] = z > 0 ? alpha[i * l + path[i]] * beta[path[i]] / z : 0
            if i == 0 { break }
            for p in 0..<l {
                var b: Float = 0
                for k in 0..<l { b += et[p * l + k] * ee[i * l + k] * beta[k] }
                next[p] = b / scale[i]
            }
            swap(&beta, &next)
            i -= 1
        }
        return out
    }
}
