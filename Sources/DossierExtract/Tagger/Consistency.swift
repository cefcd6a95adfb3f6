import DossierCore

/// One-type-per-name within a document (the "label consistency" of Krishnan & Manning
/// 2006): an article that calls Koursk a place nine times and a person once is wrong once.
/// Each surface form gets the type with the largest total confidence over its mentions.
enum Consistency {
    /// The winning type of each mention, by the summed confidence of its surface form.
    static func vote(_ mentions: [(key: String, type: EntityType, confidence: Double)]) -> [EntityType] {
        var totals: [String: [EntityType: Double]] = [:]
        for m in mentions { totals[m.key, default: [:]][m.type, default: 0] += m.confidence + 1e-3 }
        return mentions.map { m in
            // Ties go to the mention's own type; the order of types is fixed for reproducibility.
            let votes = totals[m.key]!
            var best = m.type
            for t in EntityType.allCases where votes[t, default: 0] > votes[best, default: 0] { best = t }
            return best
        }
    }
}
