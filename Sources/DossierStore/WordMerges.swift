import GRDB

/// The merge of word-index generations in flight (`WordGenerations`), done in slices.
///
/// Why: a merge done at once at a million claims (1.45 M rows) held the write lock for a
/// minute on a loaded machine, so another `dossier add` failed after
/// `DOSSIER_LOCK_TIMEOUT`. Here a merge is started (a row in `word_merges`, migration
/// `v10-word-rows`, and its target generation, empty) and then moved forward by the
/// documents written: each moves the rows of the next terms of one table (whole terms,
/// about `budget` rows), copied into the target in key order — terms ascending, so the
/// copy appends — and deleted from the sources, and records how far it got (`tbl`,
/// `after`: the last term moved) in the same transaction. A kill or a rollback loses the
/// slice and its progress together, so a merge resumes where its last committed slice
/// ended and a row is never lost or doubled.
///
/// Reads while a merge is half done stay exact: every row is in exactly one live
/// generation, and every read is over all live generations. What changes: a document's
/// rows may lie partly in a source, partly in the target, so a probe from one table into
/// another looks, for a document of the merge, in every generation of it (`probeGenerations`).
enum WordMerges {
    static let schema = """
        CREATE TABLE word_merges (
            gen INTEGER PRIMARY KEY, sources TEXT NOT NULL, tbl INTEGER NOT NULL, after TEXT)
        """

    struct Merge: Sendable, Equatable {
        /// The target generation.
        var gen: Int64
        var sources: [Int64]
        /// Index in `WordGenerations.tables` of the table being moved.
        var table: Int
        /// The last term of `table` already moved (nil: none yet).
        var after: String?

        var list: String { sources.map(String.init).joined(separator: ", ") }
    }

    /// The merge in flight, if any (one at a time).
    static func current(_ db: Database) throws -> Merge? {
        // A store not yet migrated has no merges (GRDB caches the schema: no query).
        guard try db.tableExists("word_merges"),
              let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT gen, sources, tbl, after FROM word_merges ORDER BY gen LIMIT 1"))
        else { return nil }
        let sources = (row[1] as String).split(separator: ",").compactMap { Int64($0) }
        return Merge(gen: row[0], sources: sources, table: row[2], after: row[3])
    }

    /// The generations a merge in flight involves (sources and target), none to tier.
    static func generations(_ db: Database) throws -> Set<Int64> {
        guard let m = try current(db) else { return [] }
        return Set(m.sources + [m.gen])
    }

    /// The generations of the merge in flight (target and sources) as an SQL list, nil
    /// when none runs: a document of one of them may have rows in any of them, so a probe
    /// from one table into another looks in them all (`s.gen IN (…)`, constants: one seek each).
    static func probeGenerations(_ db: Database) throws -> String? {
        guard let m = try current(db) else { return nil }
        return "\(m.gen), \(m.list)"
    }

    /// Registers a merge of `sources` into a new, empty, closed generation.
    static func start(_ db: Database, _ sources: [Int64]) throws {
        let gen = try WordGenerations.next(db)
        try db.execute(sql: "INSERT INTO word_generations (gen, documents, rows, open) VALUES (?, 0, 0, 0)", arguments: [gen])
        try db.execute(sql: "INSERT INTO word_merges (gen, sources, tbl, after) VALUES (?, ?, 0, NULL)",
                       arguments: [gen, sources.map(String.init).joined(separator: ",")])
    }

    /// Moves about `budget` rows of the merge in flight (at least one term; `.max`: all
    /// that is left), in a savepoint; finishes the merge when its last table is moved and,
    /// when `continuing`, starts the next one that is due.
    @discardableResult
    static func step(_ db: Database, budget: Int, continuing: Bool = true) throws -> Int {
        guard var m = try current(db) else { return 0 }
        var moved = 0
        let tables = WordGenerations.tables
        try db.inSavepoint {
            while moved < budget, m.table < tables.count {
                let t = tables[m.table]
                let upTo = budget == .max ? nil : try boundary(db, m, t, rows: budget - moved)
                moved += try move(db, m, t, upTo: upTo)
                if let upTo { m.after = upTo } else { m.table += 1; m.after = nil }
            }
            if m.table < tables.count {
                try db.cachedStatement(sql: "UPDATE word_merges SET tbl = ?, after = ? WHERE gen = ?")
                    .execute(arguments: [m.table, m.after, m.gen])
            } else {
                try finish(db, m)
            }
            return .commit
        }
        if m.table == tables.count, continuing { try WordGenerations.compact(db) }
        return moved
    }

    /// The term of the `rows`-th row after `m.after` in `t`'s sources, in term order (the
    /// sources' ranges merged, read along the index); nil when fewer rows are left.
    private static func boundary(_ db: Database, _ m: Merge, _ t: WordGenerations.Table, rows: Int) throws -> String? {
        let arms = m.sources.map { "SELECT term FROM \(t.name) WHERE gen = \($0) AND term > ?1" }
        return try String.fetchOne(db.cachedStatement(sql: """
            \(arms.joined(separator: " UNION ALL ")) ORDER BY term LIMIT 1 OFFSET ?2
            """), arguments: [m.after ?? "", rows - 1])
    }

    /// Copies the rows of `t` with a term in (`m.after`, `upTo`] (no upper bound when nil)
    /// from the sources into the target, in key order, deletes them from the sources, and
    /// keeps the generations' row counts; the rows moved.
    private static func move(_ db: Database, _ m: Merge, _ t: WordGenerations.Table, upTo: String?) throws -> Int {
        // `?1` the generation, `?2` and `?3` the term range.
        let range = "term > ?2" + (upTo == nil ? "" : " AND term <= ?3")
        func arguments(_ gen: Int64) -> StatementArguments {
            var out: StatementArguments = [gen, m.after ?? ""]
            if let upTo { out += [upTo] }
            return out
        }
        let columns = t.columns.joined(separator: ", ")
        let arms = m.sources.map { "SELECT ?1, \(columns) FROM \(t.name) WHERE gen = \($0) AND \(range)" }
        try db.cachedStatement(sql: """
            INSERT INTO \(t.name) (gen, \(columns)) \(arms.joined(separator: " UNION ALL ")) ORDER BY \(WordGenerations.copyOrder(t))
            """).execute(arguments: arguments(m.gen))
        let copied = db.changesCount
        var deleted = 0
        for g in m.sources {
            try db.cachedStatement(sql: "DELETE FROM \(t.name) WHERE gen = ?1 AND \(range)").execute(arguments: arguments(g))
            let n = db.changesCount
            deleted += n
            if n > 0 {
                try db.cachedStatement(sql: "UPDATE word_generations SET rows = rows - ? WHERE gen = ?").execute(arguments: [n, g])
            }
        }
        guard copied == deleted else {
            throw StoreError("word index merge into generation \(m.gen): \(copied) rows copied, \(deleted) deleted")
        }
        if copied > 0 {
            try db.cachedStatement(sql: "UPDATE word_generations SET rows = rows + ? WHERE gen = ?").execute(arguments: [copied, m.gen])
        }
        return copied
    }

    /// The sources are empty: the target takes their documents, they and the merge go.
    private static func finish(_ db: Database, _ m: Merge) throws {
        try db.execute(sql: """
            UPDATE word_generations SET documents = (SELECT SUM(documents) FROM word_generations WHERE gen IN (\(m.list)))
            WHERE gen = ?
            """, arguments: [m.gen])
        try db.execute(sql: "DELETE FROM word_generations WHERE gen IN (\(m.list))")
        try db.execute(sql: "DELETE FROM word_merges WHERE gen = ?", arguments: [m.gen])
    }
}
