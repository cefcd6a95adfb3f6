import GRDB

/// A claim's place in the listing order — `published` newest first (`''` when unknown,
/// last), then document, then claim index — for merging two index ranges that are each
/// already in that order (`claims --source`: sources and channels, and outlets).
struct ListingOrder: Sendable {
    var id: Int64
    var published: String
    var document: Int64
    var idx: Int

    /// From a row `(claim id, published, document id, idx)`.
    init(_ row: Row) {
        self.init(id: row[0], published: (row[1] as String?) ?? "", document: row[2], idx: row[3])
    }

    /// From a decoded `(claim id, published, document id, idx)`.
    init(_ row: (Int64, String, Int64, Int)) {
        self.init(id: row.0, published: row.1, document: row.2, idx: row.3)
    }

    init(id: Int64, published: String, document: Int64, idx: Int) {
        self.id = id
        self.published = published
        self.document = document
        self.idx = idx
    }

    /// Byte order, as SQLite's BINARY collation compares `published` (ISO dates).
    func precedes(_ other: ListingOrder) -> Bool {
        if published != other.published { return other.published.utf8.lexicographicallyPrecedes(published.utf8) }
        if document != other.document { return document < other.document }
        return idx < other.idx
    }

    /// The first `limit` claims of `a` and `b` together, in order, each claim once.
    static func merge(_ a: [ListingOrder], _ b: [ListingOrder], limit: Int) -> [Int64] {
        var out: [Int64] = []
        var seen = Set<Int64>()
        var i = 0, j = 0
        while out.count < limit, i < a.count || j < b.count {
            let next: ListingOrder
            if j >= b.count || (i < a.count && !b[j].precedes(a[i])) {
                next = a[i]; i += 1
            } else {
                next = b[j]; j += 1
            }
            if seen.insert(next.id).inserted { out.append(next.id) }
        }
        return out
    }
}
