import GRDB

/// Generations of the SQLite word indexes (`claim_names`, `claim_sources`,
/// `mention_terms`, migration `v8-word-generations`), so that a commit's rows append
/// instead of landing all over the tables.
///
/// Keyed `(term, published DESC, …)`, each commit's ~170 rows per article fell at random
/// places of three large B-trees and rewrote most of their leaf pages (into the WAL, then
/// again at the checkpoint): 84 % of the bytes written at 10 000 articles, growing with the
/// store (docs/store.md, "Round 8 — SQLite write amplification"). With a leading `gen`
/// column, new rows go to the newest (*open*) generation only, which is small: a commit
/// touches that generation's pages and nothing older.
///
/// - A document's rows all carry one generation, in the three tables, so a probe from one
///   table into another (`s.gen = t.gen AND …`) stays one key lookup.
/// - The open generation closes once it holds `closeRows` rows (about one commit of 512
///   generated articles); the next document opens a new one.
/// - Reads take one ordered index range per live generation and merge them in listing
///   order (`merged`), a compound `SELECT … UNION ALL … ORDER BY … LIMIT` that SQLite runs
///   as a merge of ordered arms, each stopping when the limit is reached.
/// - Compaction is size-tiered: generations of a tier (`tier`: rows within a factor
///   `fanout` of each other) are merged, `fanout` at a time, into one new generation, their
///   rows copied in key order (so the copy appends) and the old ones deleted, in one
///   savepoint: a kill or an error mid-way leaves the old generations. Each row is so
///   rewritten about log₄(store / `closeRows`) times. It runs when a generation closes,
///   inside the writer's transaction, merging at most `maxMergeRows` rows per close, which
///   bounds the size of what a close merges (not its time: 1.45 M rows took a minute on a
///   loaded machine, docs/store.md "Round 9"); generations larger than that are left as
///   they are. Live generations: at most `fanout - 1` per tier below that size, plus the
///   open one, plus one per 1.6 M rows above it (≤ 10 at a million claims).
enum WordGenerations {
    /// Rows (the three tables together) after which the open generation closes.
    static let closeRows = 100_000
    /// Generations merged at a time, and the size ratio between tiers.
    static let fanout = 4
    /// The most rows one close may merge (a merge copies ≈ 1 µs per row and deletes the old rows).
    static let maxMergeRows = 1_800_000

    struct Table {
        var name: String
        var columns: [String]
        /// The key after `gen`, as `ORDER BY` terms.
        var key: String
    }

    static let tables = [
        Table(name: "claim_names", columns: NameIndex.claimNamesColumns, key: "term, published DESC, document_id, idx"),
        Table(name: "claim_sources", columns: NameIndex.claimSourcesColumns, key: "term, published DESC, document_id, idx"),
        Table(name: "mention_terms", columns: NameIndex.mentionTermsColumns,
              key: "term, name_key, type, text_key, document_id, idx"),
    ]

    static let schema = """
        CREATE TABLE word_generations (
            gen INTEGER PRIMARY KEY, documents INTEGER NOT NULL, rows INTEGER NOT NULL, open INTEGER NOT NULL)
        """

    /// The live generations, oldest first.
    static func live(_ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: "SELECT gen FROM word_generations ORDER BY gen"))
    }

    /// The generation of a new document's `rows` word-index rows, counted in it; closes a
    /// full generation first (and compacts), and opens a new one when none is open.
    static func generation(forDocumentWith rows: Int, _ db: Database) throws -> Int64 {
        if let open = try Row.fetchOne(db.cachedStatement(sql: "SELECT gen, rows FROM word_generations WHERE open = 1")) {
            let gen: Int64 = open[0], count: Int = open[1]
            if count < closeRows {
                try db.cachedStatement(sql: "UPDATE word_generations SET documents = documents + 1, rows = rows + ? WHERE gen = ?")
                    .execute(arguments: [rows, gen])
                return gen
            }
            try close(db)
        }
        let gen = try next(db)
        try db.cachedStatement(sql: "INSERT INTO word_generations (gen, documents, rows, open) VALUES (?, 1, ?, 1)")
            .execute(arguments: [gen, rows])
        return gen
    }

    /// Closes the open generation (if any) and runs the compaction it may call for.
    static func close(_ db: Database, compacting: Bool = true) throws {
        try db.execute(sql: "UPDATE word_generations SET open = 0 WHERE open = 1")
        if compacting { try compact(db) }
    }

    static func next(_ db: Database) throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT MAX(gen) FROM word_generations") ?? 0) + 1
    }

    /// The size tier of a generation of `rows` rows: 0 below `fanout × closeRows`, …
    static func tier(_ rows: Int, unit: Int = closeRows) -> Int {
        var t = 0, bound = unit * fanout
        while rows >= bound { t += 1; bound *= fanout }
        return t
    }

    /// The closed generations to merge next: the oldest `fanout` of the lowest tier that
    /// has that many, or nil.
    static func nextMerge(_ generations: [(gen: Int64, rows: Int)], unit: Int = closeRows) -> [(gen: Int64, rows: Int)]? {
        var byTier: [Int: [(gen: Int64, rows: Int)]] = [:]
        for g in generations { byTier[tier(g.rows, unit: unit), default: []].append(g) }
        for t in byTier.keys.sorted() {
            let group = byTier[t]!.sorted { $0.gen < $1.gen }
            if group.count >= fanout { return Array(group.prefix(fanout)) }
        }
        return nil
    }

    /// Merges tiers while there is a merge to do within the `maxMergeRows` budget (`unit`:
    /// the smallest tier's size, `closeRows` but in tests).
    static func compact(_ db: Database, budget: Int = maxMergeRows, unit: Int = closeRows) throws {
        var left = budget
        while true {
            let closed = try Row.fetchAll(db, sql: "SELECT gen, rows FROM word_generations WHERE open = 0 ORDER BY gen")
                .map { (gen: $0[0] as Int64, rows: $0[1] as Int) }
            guard let group = nextMerge(closed, unit: unit) else { return }
            let total = group.reduce(0) { $0 + $1.rows }
            guard total <= left else { return }
            try merge(db, group.map(\.gen))
            left -= total
        }
    }

    /// Closes the open generation and merges every generation into one (tests, and
    /// whoever wants one range per query).
    static func compactAll(_ db: Database) throws {
        try close(db, compacting: false)
        let closed = try Int64.fetchAll(db, sql: "SELECT gen FROM word_generations WHERE open = 0 ORDER BY gen")
        if closed.count > 1 { try merge(db, closed) }
    }

    /// Copies the rows of `generations` into a new generation, in key order (each
    /// generation read along its index and merged: no sort), then deletes them; all or
    /// nothing (a savepoint).
    static func merge(_ db: Database, _ generations: [Int64]) throws {
        guard generations.count > 1 else { return }
        try db.inSavepoint {
            let gen = try next(db)
            let list = generations.map(String.init).joined(separator: ", ")
            for t in tables {
                let columns = t.columns.joined(separator: ", ")
                let arms = generations.map { "SELECT \(gen), \(columns) FROM \(t.name) WHERE gen = \($0)" }
                let order = t.key.split(separator: ",").enumerated().map { i, term in
                    "\(i + 2)" + (term.hasSuffix(" DESC") ? " DESC" : "")
                }.joined(separator: ", ")
                try db.execute(sql: "INSERT INTO \(t.name) (gen, \(columns)) \(arms.joined(separator: " UNION ALL ")) ORDER BY \(order)")
                try db.execute(sql: "DELETE FROM \(t.name) WHERE gen IN (\(list))")
            }
            try db.execute(sql: """
                INSERT INTO word_generations (gen, documents, rows, open)
                SELECT \(gen), SUM(documents), SUM(rows), 0 FROM word_generations WHERE gen IN (\(list))
                """)
            try db.execute(sql: "DELETE FROM word_generations WHERE gen IN (\(list))")
            return .commit
        }
    }

    /// One query over every live generation, in listing order: each arm is `select` with
    /// `gen = g` added to its `conditions` (its rows ordered by the index), merged by the
    /// compound's `ORDER BY orderBy LIMIT limit`. `select` names `t` the table; the
    /// arguments are numbered (`?1`…), shared by every arm. Nil when there is no generation.
    static func merged(_ generations: [Int64], select: String, conditions: [String], orderBy: String,
                       limit: String) -> String? {
        guard !generations.isEmpty else { return nil }
        let arms = generations.map { g in
            "\(select) WHERE t.gen = \(g) AND " + conditions.joined(separator: " AND ")
        }
        return arms.joined(separator: "\nUNION ALL\n") + "\nORDER BY \(orderBy) LIMIT \(limit)"
    }
}
