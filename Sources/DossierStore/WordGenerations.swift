import GRDB

/// Generations of the SQLite word indexes (`claim_names`, `claim_sources`, and
/// `mention_terms` until `v10-word-rows` dropped it; migration `v8-word-generations`), so that a commit's rows append
/// instead of landing all over the tables.
///
/// Keyed `(term, published DESC, …)`, each commit's ~170 rows per article fell at random
/// places of three large B-trees and rewrote most of their leaf pages (into the WAL, then
/// again at the checkpoint): 84 % of the bytes written at 10 000 articles, growing with the
/// store (docs/store.md, "Round 8 — SQLite write amplification"). With a leading `gen`
/// column, new rows go to the newest (*open*) generation only, which is small: a commit
/// touches that generation's pages and nothing older.
///
/// - A document's rows are written with one generation, in both tables, so a probe from
///   one table into another (`s.gen = t.gen AND …`) stays one key lookup — but while a
///   merge is half done, where it looks in every generation of the merge (`WordMerges`).
/// - The open generation closes once it holds `closeRows` rows (about one commit of 512
///   generated articles); the next document opens a new one.
/// - Reads take one ordered index range per live generation and merge them in listing
///   order (`merged`), a compound `SELECT … UNION ALL … ORDER BY … LIMIT` that SQLite runs
///   as a merge of ordered arms, each stopping when the limit is reached.
/// - Compaction is size-tiered: generations of a tier (`tier`: rows within a factor
///   `fanout` of each other) are merged, `fanout` at a time, into one new generation.
///   Since round 10 (migration `v10-word-rows`) a merge is incremental (`WordMerges`): it
///   is *started* when a generation closes, then every document written moves a slice of
///   it (`mergeRate` rows per row the document writes, whole terms or whole days of a
///   term, in key order so the copy appends), so no transaction holds the write lock for a whole merge (a tier-2
///   merge at a million claims held it a minute, round 9). One merge at a time; merges are
///   bounded in size by `maxMergeRows`, generations larger than that are left as they are.
///   Live generations: at most `fanout - 1` per tier below that size, plus the open one,
///   plus one per 1.6 M rows above it, plus the merge in flight (its target, and up to
///   three more tier-0 generations closed while it runs: a merge of `maxMergeRows`
///   finishes within `maxMergeRows / mergeRate` = 225 000 rows written).
enum WordGenerations {
    /// Rows (the tables together) after which the open generation closes.
    static let closeRows = 100_000
    /// Generations merged at a time, and the size ratio between tiers.
    static let fanout = 4
    /// The largest merge started (a merge copies ≈ 1 µs per row and deletes the old rows).
    static let maxMergeRows = 1_800_000
    /// Rows of the merge in flight moved per word-index row a document writes (≈ 800 per
    /// generated article): a merge of `maxMergeRows` rows ends within ≈ 2 300 articles.
    /// Higher would leave fewer generations waiting, lower would make each transaction
    /// shorter while a merge runs (at 8, a document costs about twice its own rows).
    static let mergeRate = 8

    struct Table {
        var name: String
        var columns: [String]
        /// The key after `gen`, as `ORDER BY` terms.
        var key: String
    }

    /// The tables keyed by generation since migration `v10-word-rows`, which dropped
    /// `mention_terms` (no SQLite query reads it any more: see `WordRows`). Both keys
    /// begin `term, published DESC`, which `WordMerges` slices by.
    static let tables = [
        Table(name: "claim_names", columns: NameIndex.claimNamesColumns, key: "term, published DESC, document_id, idx"),
        Table(name: "claim_sources", columns: NameIndex.claimSourcesColumns, key: "term, published DESC, document_id, idx"),
    ]

    /// The tables migration `v8-word-generations` rebuilt (frozen: an old migration never changes).
    static let v8Tables = tables + [
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
    /// The document's share of the merge in flight is moved first (`WordMerges.step`).
    static func generation(forDocumentWith rows: Int, _ db: Database) throws -> Int64 {
        try WordMerges.step(db, budget: rows * mergeRate)
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

    /// Starts the next merge when none is in flight and one is due within `budget` rows
    /// (`unit`: the smallest tier's size, `closeRows` but in tests). `finishing` (tests,
    /// `compactAll`) runs merges to the end at once, while their total stays in `budget`;
    /// otherwise the documents written next move it, slice by slice.
    static func compact(_ db: Database, budget: Int = maxMergeRows, unit: Int = closeRows, finishing: Bool = false) throws {
        var left = budget
        while true {
            if finishing { try WordMerges.step(db, budget: .max, continuing: false) }
            guard try WordMerges.current(db) == nil else { return }
            let busy = try WordMerges.generations(db)
            let closed = try Row.fetchAll(db, sql: "SELECT gen, rows FROM word_generations WHERE open = 0 ORDER BY gen")
                .map { (gen: $0[0] as Int64, rows: $0[1] as Int) }.filter { !busy.contains($0.gen) }
            guard let group = nextMerge(closed, unit: unit) else { return }
            let total = group.reduce(0) { $0 + $1.rows }
            guard total <= left else { return }
            try WordMerges.start(db, group.map(\.gen))
            left -= total
            guard finishing else { return }
        }
    }

    /// Closes the open generation and merges every generation into one (tests, and
    /// whoever wants one range per query).
    static func compactAll(_ db: Database) throws {
        try close(db, compacting: false)
        try WordMerges.step(db, budget: .max)
        let closed = try Int64.fetchAll(db, sql: "SELECT gen FROM word_generations WHERE open = 0 ORDER BY gen")
        if closed.count > 1 { try merge(db, closed) }
    }

    /// Merges `generations` into a new one at once (`WordMerges`, run to the end): all or
    /// nothing (a savepoint).
    static func merge(_ db: Database, _ generations: [Int64]) throws {
        guard generations.count > 1 else { return }
        try db.inSavepoint {
            try WordMerges.start(db, generations)
            try WordMerges.step(db, budget: .max, continuing: false)
            return .commit
        }
    }

    /// `ORDER BY` of a copy of `t`'s rows selected as `gen, columns…`: the key's columns by position.
    static func copyOrder(_ t: Table) -> String {
        t.key.split(separator: ",").enumerated().map { i, term in
            "\(i + 2)" + (term.hasSuffix(" DESC") ? " DESC" : "")
        }.joined(separator: ", ")
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
