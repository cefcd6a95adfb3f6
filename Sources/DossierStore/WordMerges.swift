import GRDB

/// The merge of word-index generations in flight (`WordGenerations`), done in slices.
///
/// Why: a merge done at once at a million claims (1.45 M rows) held the write lock for a
/// minute on a loaded machine, so another `dossier add` failed after
/// `DOSSIER_LOCK_TIMEOUT`. Here a merge is started (a row in `word_merges`, migration
/// `v10-word-rows`, and its target generation, empty) and then moved forward by the
/// documents written: each moves the next `budget` rows or so of one table in key order
/// (`term, published DESC, …`), copied into the target — so the copy appends — and
/// deleted from the sources, and records how far it got in the same transaction. A slice
/// ends at the end of a term or, inside a term, at the end of a day (`published`): a
/// common word has tens of thousands of rows at a million claims (`unnamed`: 94 000 in
/// `claim_sources`), one day of it a few hundred. A kill or a rollback loses the slice
/// and its progress together, so a merge resumes where its last committed slice ended
/// and a row is never lost or doubled.
///
/// Reads while a merge is half done stay exact: every row is in exactly one live
/// generation, and every read is over all live generations. What changes: a document's
/// rows may lie partly in a source, partly in the target, so a probe from one table into
/// another looks, for a document of the merge, in every generation of it (`probeGenerations`).
enum WordMerges {
    /// `after`: the term the merge is at in table `tbl` (nil: none yet); `day` nil: that
    /// term is moved whole; else its rows published on `day` or later are moved (the key
    /// orders a term's rows newest first), `WordMerges.notStarted` none of them.
    static let schema = """
        CREATE TABLE word_merges (
            gen INTEGER PRIMARY KEY, sources TEXT NOT NULL, tbl INTEGER NOT NULL, after TEXT, day TEXT)
        """

    /// Above every `published` value (days, or `''`): no row of the term moved yet.
    static let notStarted = "\u{10FFFF}"

    struct Merge: Sendable, Equatable {
        /// The target generation.
        var gen: Int64
        var sources: [Int64]
        /// Index in `WordGenerations.tables` of the table being moved.
        var table: Int
        /// The term reached (nil: none yet).
        var after: String?
        /// nil: `after` moved whole; else the oldest day of `after` moved.
        var day: String?

        var list: String { sources.map(String.init).joined(separator: ", ") }
    }

    /// The merge in flight, if any (one at a time).
    static func current(_ db: Database) throws -> Merge? {
        // A store not yet migrated has no merges (GRDB caches the schema: no query).
        guard try db.tableExists("word_merges"),
              let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT gen, sources, tbl, after, day FROM word_merges ORDER BY gen LIMIT 1"))
        else { return nil }
        let sources = (row[1] as String).split(separator: ",").compactMap { Int64($0) }
        return Merge(gen: row[0], sources: sources, table: row[2], after: row[3], day: row[4])
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
        try db.execute(sql: "INSERT INTO word_merges (gen, sources, tbl, after, day) VALUES (?, ?, 0, NULL, NULL)",
                       arguments: [gen, sources.map(String.init).joined(separator: ",")])
    }

    /// Moves about `budget` rows of the merge in flight (at least one day of one term;
    /// `.max`: all that is left), in a savepoint; finishes the merge when its last table
    /// is moved and, when `continuing`, starts the next one that is due.
    @discardableResult
    static func step(_ db: Database, budget: Int, continuing: Bool = true) throws -> Int {
        guard var m = try current(db) else { return 0 }
        var moved = 0
        let tables = WordGenerations.tables
        try db.inSavepoint {
            while moved < budget, m.table < tables.count {
                let t = tables[m.table], left = budget - moved
                if let term = m.after, let day = m.day {
                    // Inside a term: its next days, newest first.
                    let oldest = left == .max ? nil : try String.fetchOne(db.cachedStatement(sql: """
                        \(arms(m, t, "published", "term = ?1 AND published < ?2")) ORDER BY published DESC LIMIT 1 OFFSET ?3
                        """), arguments: [term, day, left - 1])
                    moved += try move(db, m, t, "term = ?2 AND published < ?3 AND published >= ?4", [term, day, oldest ?? ""])
                    m.day = oldest
                } else {
                    // Whole terms up to the one holding the `left`-th row, then into that one.
                    let from = m.after ?? ""
                    let next = left == .max ? nil : try String.fetchOne(db.cachedStatement(sql: """
                        \(arms(m, t, "term", "term > ?1")) ORDER BY term LIMIT 1 OFFSET ?2
                        """), arguments: [from, left - 1])
                    if let next {
                        moved += try move(db, m, t, "term > ?2 AND term < ?3", [from, next])
                        m.after = next
                        m.day = notStarted
                    } else {
                        moved += try move(db, m, t, "term > ?2", [from])
                        m.table += 1
                        m.after = nil
                        m.day = nil
                    }
                }
            }
            if m.table < tables.count {
                try db.cachedStatement(sql: "UPDATE word_merges SET tbl = ?, after = ?, day = ? WHERE gen = ?")
                    .execute(arguments: [m.table, m.after, m.day, m.gen])
            } else {
                try finish(db, m)
            }
            return .commit
        }
        if m.table == tables.count, continuing { try WordGenerations.compact(db) }
        return moved
    }

    /// `SELECT columns FROM t WHERE gen = source AND condition`, one arm per source of the
    /// merge, `UNION ALL`: ordered by the key, SQLite merges the arms' index ranges.
    private static func arms(_ m: Merge, _ t: WordGenerations.Table, _ columns: String, _ condition: String) -> String {
        m.sources.map { "SELECT \(columns) FROM \(t.name) WHERE gen = \($0) AND \(condition)" }
            .joined(separator: " UNION ALL ")
    }

    /// Copies the rows of `t` in the sources that meet `range` (`?2`… the `bounds`) into
    /// the target, in key order, deletes them from the sources, and keeps the
    /// generations' row counts; the rows moved.
    private static func move(_ db: Database, _ m: Merge, _ t: WordGenerations.Table, _ range: String,
                             _ bounds: [String]) throws -> Int {
        // `?1` the generation (of the copy, or of the delete).
        func arguments(_ gen: Int64) -> StatementArguments {
            var out: StatementArguments = [gen]
            for b in bounds { out += [b] }
            return out
        }
        let columns = t.columns.joined(separator: ", ")
        try db.cachedStatement(sql: """
            INSERT INTO \(t.name) (gen, \(columns)) \(arms(m, t, "?1, " + columns, range)) ORDER BY \(WordGenerations.copyOrder(t))
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
