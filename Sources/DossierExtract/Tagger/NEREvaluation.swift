import Foundation

/// Exact-match entity scoring (CoNLL style): a predicted entity counts only when its
/// token span and type both equal a gold entity's.
public struct NEREvaluation: Sendable {
    public struct Counts: Sendable {
        public var truePositives = 0, predicted = 0, gold = 0
        public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    public private(set) var byType: [String: Counts] = [:]
    public private(set) var overall = Counts()

    public init() {}

    /// Entities of an IOB2 sequence as (first token, end token, type); a stray I- starts one.
    public static func entities(_ labels: [String]) -> [(Int, Int, String)] {
        var out: [(Int, Int, String)] = []
        var i = 0
        while i < labels.count {
            guard labels[i] != "O", labels[i].count > 2 else { i += 1; continue }
            let type = String(labels[i].dropFirst(2))
            var j = i + 1
            while j < labels.count, labels[j] == "I-" + type { j += 1 }
            out.append((i, j, type))
            i = j
        }
        return out
    }

    public mutating func add(gold: [String], predicted: [String]) {
        let g = NEREvaluation.entities(gold), p = NEREvaluation.entities(predicted)
        var goldSet = Set<String>()
        for (s, e, t) in g {
            goldSet.insert("\(s):\(e):\(t)")
            byType[t, default: Counts()].gold += 1
            overall.gold += 1
        }
        for (s, e, t) in p {
            byType[t, default: Counts()].predicted += 1
            overall.predicted += 1
            if goldSet.contains("\(s):\(e):\(t)") {
                byType[t, default: Counts()].truePositives += 1
                overall.truePositives += 1
            }
        }
    }

    public mutating func merge(_ other: NEREvaluation) {
        for (t, c) in other.byType {
            byType[t, default: Counts()].truePositives += c.truePositives
            byType[t, default: Counts()].predicted += c.predicted
            byType[t, default: Counts()].gold += c.gold
        }
        overall.truePositives += other.overall.truePositives
        overall.predicted += other.overall.predicted
        overall.gold += other.overall.gold
    }

    /// One line per type and one overall, e.g. "PER  P 0.812 R 0.790 F1 0.801 (gold 453)".
    public func report(indent: String = "  ") -> String {
        func line(_ name: String, _ c: Counts) -> String {
            let pad = name + String(repeating: " ", count: max(0, 8 - name.count))
            return indent + pad + "P " + f3(c.precision) + "  R " + f3(c.recall) + "  F1 " + f3(c.f1)
                + "  (gold \(c.gold), predicted \(c.predicted))"
        }
        var lines = byType.keys.sorted().map { line($0, byType[$0]!) }
        lines.append(line("overall", overall))
        return lines.joined(separator: "\n")
    }

    private func f3(_ x: Double) -> String { String(format: "%.3f", x) }
}
