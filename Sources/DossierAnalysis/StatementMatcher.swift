/// A figure-less claim waiting to be matched.
struct StatementCandidate {
    var entities: Set<Int>
    var words: Set<String>
    /// Index of the report in the list given beside the candidates (kept apart: copying a
    /// report while comparing would dominate the cost).
    var report: Int
    /// The period a time expression gives the statement, if any.
    var dated: Period?
    var denied: Bool
}

/// Groups statements that say the same thing: same entities (language-independent), with
/// lexical overlap to tell apart two different things said about the same entities.
///
/// Blocking: each statement is indexed under its two rarest entities, and compared only
/// with the last `bucketLimit` statements of those buckets, so a frequent entity ("the
/// country at war") never makes the cost quadratic.
struct StatementMatcher {
    var threshold: Double
    var bucketLimit = 64

    struct Group {
        var reports: [Report]
        var label: String
    }

    static func jaccard<T>(_ a: Set<T>, _ b: Set<T>) -> Double {
        if a.isEmpty && b.isEmpty { return 0 }
        let inter = a.intersection(b).count
        return Double(inter) / Double(a.count + b.count - inter)
    }

    /// Same fact when the entity sets are equal and name at least two things, or when
    /// entities and words both overlap well enough.
    /// A denial never matches an assertion, and two statements dated by the text to
    /// periods that do not meet are two events ("signed in 2024" / "broke off in 2025").
    func score(_ a: StatementCandidate, _ b: StatementCandidate) -> Double? {
        if a.denied != b.denied { return nil }
        if let p = a.dated, let q = b.dated, !p.overlaps(q) { return nil }
        let ej = Self.jaccard(a.entities, b.entities)
        let wj = Self.jaccard(a.words, b.words)
        let s = 0.6 * ej + 0.4 * wj
        if ej == 1 && a.entities.count >= 2 { return max(s, threshold) }
        if ej >= 0.5 && wj >= 0.3 && s >= threshold { return s }
        return nil
    }

    func group(_ items: [StatementCandidate], reports all: [Report]) -> [Group] {
        var frequency: [Int: Int] = [:]
        for item in items { for e in item.entities { frequency[e, default: 0] += 1 } }
        var buckets: [Int: [Int]] = [:]
        var sets = UnionFind(count: items.count)
        var reasons = Array(repeating: "", count: items.count)
        var scores = Array(repeating: 1.0, count: items.count)
        for (i, item) in items.enumerated() {
            let rare = item.entities.sorted { (frequency[$0]!, $0) < (frequency[$1]!, $1) }.prefix(2)
            var compared = Set<Int>()
            for e in rare {
                for j in (buckets[e] ?? []).suffix(bucketLimit) where compared.insert(j).inserted {
                    guard let s = score(items[j], item) else { continue }
                    if sets.union(i, j) || reasons[i].isEmpty {
                        reasons[i] = "shares \(items[j].entities.intersection(item.entities).count) entities and "
                            + "\(items[j].words.intersection(item.words).count) words with \(all[items[j].report].articleId)"
                        scores[i] = s
                    }
                }
                buckets[e, default: []].append(i)
            }
        }
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for i in items.indices {
            let r = sets.find(i)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(i)
        }
        return order.compactMap { r in
            let members = groups[r]!
            guard members.count > 1 else { return nil }
            let reports = members.map { i -> Report in
                var report = all[items[i].report]
                report.matchScore = scores[i]
                report.matchReason = reasons[i].isEmpty ? "first statement of the group" : reasons[i]
                return report
            }
            return Group(reports: reports, label: "statement: " + String(all[items[members[0]].report].claimText.prefix(80)))
        }
    }
}
