import GRDB

/// Migration `v11-claim-words` (SQLite), and how a document's claim words are written.
///
/// Why: `claim_names` and `claim_sources` take ≈ 100 rows per generated article, the
/// largest share of ingest's serial writer. Two per-row costs that bought nothing go:
/// - the foreign key `claim_id REFERENCES claims(id) ON DELETE CASCADE`: a seek into
///   `claims` for every row inserted — by a document, and again for every row a
///   generation merge copies (`WordMerges`). Nothing on SQLite deletes a claim but
///   `removeEverything`, which empties every table, and a rolled-back document, whose
///   savepoint takes its words with it; no query relies on the cascade. (And a cascade
///   from `claims` would have scanned both tables per claim: neither is keyed by
///   `claim_id`.) `ClaimWordsTests` checks that every word row still names a claim after
///   writes, rollbacks, merges and a reset.
/// - one statement per row: the words are written `SQLiteMultiRowInsert.chunk` rows per
///   statement, sorted in key order (`term`, then claim index: one document has one
///   `published` and `document_id`), as the writer's other rows are since round 10.
///
/// The migration rebuilds both tables with the same columns and key, copying the rows in
/// key order (so the copy appends). PostgreSQL keeps its schema (its server does the
/// checks, and it is not ingest's bottleneck).
enum ClaimWords {
    static let definitions = [
        """
        CREATE TABLE claim_names (
            gen INTEGER NOT NULL, term TEXT NOT NULL, published TEXT NOT NULL,
            document_id INTEGER NOT NULL, idx INTEGER NOT NULL, claim_id INTEGER NOT NULL,
            keys TEXT NOT NULL, names TEXT NOT NULL,
            PRIMARY KEY (gen, term, published DESC, document_id, idx)) WITHOUT ROWID
        """,
        """
        CREATE TABLE claim_sources (
            gen INTEGER NOT NULL, term TEXT NOT NULL, published TEXT NOT NULL,
            document_id INTEGER NOT NULL, idx INTEGER NOT NULL, claim_id INTEGER NOT NULL,
            keys TEXT NOT NULL,
            PRIMARY KEY (gen, term, published DESC, document_id, idx)) WITHOUT ROWID
        """,
    ]

    static let migration: [String] = zip(WordGenerations.tables, definitions).flatMap { t, definition in
        let columns = (["gen"] + t.columns).joined(separator: ", ")
        return ["ALTER TABLE \(t.name) RENAME TO \(t.name)_v10", definition,
                "INSERT INTO \(t.name) (\(columns)) SELECT \(columns) FROM \(t.name)_v10 ORDER BY gen, \(t.key)",
                "DROP TABLE \(t.name)_v10"]
    }

    static let nameRows = SQLiteMultiRowInsert("""
        INSERT OR IGNORE INTO claim_names (gen, term, published, document_id, idx, claim_id, keys, names) VALUES
        """, columns: 8)
    static let sourceRows = SQLiteMultiRowInsert("""
        INSERT OR IGNORE INTO claim_sources (gen, term, published, document_id, idx, claim_id, keys) VALUES
        """, columns: 7)

    /// A document's claim words in generation `gen`, many rows per statement, in key order.
    static func insert(_ db: Database, gen: Int64, document id: DocumentID, day: String,
                       names: [NameIndex.ClaimTermRow], sources: [NameIndex.SourceTermRow], claimIDs: [Int64]) throws {
        let names = names.sorted { ($0.term, $0.claimIdx) < ($1.term, $1.claimIdx) }
        try nameRows.run(db, count: names.count) { row, i in
            let r = names[i]
            row.bind(gen); row.bind(r.term); row.bind(day); row.bind(id); row.bind(r.claimIdx)
            row.bind(claimIDs[r.claimIdx]); row.bind(r.keys); row.bind(r.names)
        }
        let sources = sources.sorted { ($0.term, $0.claimIdx) < ($1.term, $1.claimIdx) }
        try sourceRows.run(db, count: sources.count) { row, i in
            let r = sources[i]
            row.bind(gen); row.bind(r.term); row.bind(day); row.bind(id); row.bind(r.claimIdx)
            row.bind(claimIDs[r.claimIdx]); row.bind(r.keys)
        }
    }

    /// What the foreign key checked, for `checkIntegrity`: word rows whose claim is not
    /// the claim of their document and index (none in a consistent store).
    static func orphans(_ db: Database) throws -> [String] {
        try WordGenerations.tables.compactMap { t in
            guard try db.tableExists(t.name) else { return nil }
            let count = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM \(t.name) w
                WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = w.claim_id AND c.document_id = w.document_id AND c.idx = w.idx)
                """) ?? 0
            return count == 0 ? nil : "\(count) \(t.name) rows without their claim"
        }
    }
}
