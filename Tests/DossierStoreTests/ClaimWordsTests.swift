import DossierCore
@testable import DossierStore
import Foundation
import GRDB
import Testing

/// The claim words without a foreign key into `claims` (`ClaimWords`, migration
/// `v11-claim-words`): the store stays consistent without it — every word row names its
/// claim after batches with a rolled-back document, merges in slices and a reset, and
/// `checkIntegrity` finds a row that does not — and a store of the v10 schema, merge in
/// flight, migrates with the same rows and answers.
@Suite("Claim words")
struct ClaimWordsTests {
    static let tables = ["claim_names", "claim_sources"]

    /// Word rows whose `claim_id` is not the claim of their document and index (must be none).
    static func orphans(_ db: Database) throws -> Int {
        try tables.reduce(0) { total, table in
            total + (try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM \(table) w
                WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = w.claim_id AND c.document_id = w.document_id AND c.idx = w.idx)
                """) ?? 0)
        }
    }

    static func foreignKeys(_ db: Database) throws -> Int {
        try tables.reduce(0) { $0 + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pragma_foreign_key_list('\($1)')") ?? 0) }
    }

    /// Every row of both tables, in key order.
    static func rows(_ db: Database) throws -> [String] {
        try tables.flatMap { table in
            try String.fetchAll(db, sql: """
                SELECT gen || '|' || term || '|' || published || '|' || document_id || '|' || idx || '|' || claim_id || '|' || keys
                FROM \(table) ORDER BY gen, term, published DESC, document_id, idx
                """)
        }
    }

    @Test("SQLite: no foreign key, yet every word row names its claim after a rolled-back document, merges and a reset")
    func consistentWithoutForeignKey() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        #expect(try await store.writer.read(Self.foreignKeys) == 0)
        // Document 22 fails after its `claim_names` rows and some of its `claim_sources`
        // rows are written: its savepoint must take them all back.
        let sha = NameIndexTests.document(22).0.sha256
        try await store.writer.write { db in
            try db.execute(sql: """
                CREATE TRIGGER sabotage AFTER INSERT ON claim_sources
                WHEN (SELECT sha256 FROM documents WHERE id = NEW.document_id) = '\(sha)'
                BEGIN SELECT RAISE(ABORT, 'boom'); END
                """)
        }
        var failed = 0
        for first in stride(from: 0, to: 60, by: 5) {
            let batch = (first..<first + 5).map { n in
                let (record, extraction) = NameIndexTests.document(n)
                return DocumentToSave(record: record, extraction: extraction)
            }
            let results = try await store.save(batch: batch, nearDuplicateThreshold: 0.7)
            failed += results.filter { if case .failed = $0 { true } else { false } }.count
            try await store.writer.write { try WordGenerations.close($0, compacting: false) }
        }
        #expect(failed == 1)
        try await store.writer.write { try $0.execute(sql: "DROP TRIGGER sabotage") }
        #expect(try await store.writer.read(Self.orphans) == 0)
        // Half a merge, then all of it.
        let sources = try await WordMergeTests.startMergeOfClosed(store)
        #expect(sources.count > 4)
        _ = try await store.writer.write { try WordMerges.step($0, budget: 150, continuing: false) }
        #expect(try await store.writer.read(Self.orphans) == 0)
        try await store.writer.write { try WordGenerations.compactAll($0) }
        #expect(try await store.writer.read(Self.orphans) == 0)
        #expect(try await store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM claim_names") ?? 0 } > 0)
        #expect(try store.checkIntegrity().isEmpty)
        // A word row whose claim is gone is what the foreign key caught: the check reports it.
        try await store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO claim_sources (gen, term, published, document_id, idx, claim_id, keys)
                VALUES (1, 'nobody', '', 999, 0, 999999, ' | nobody | ')
                """)
        }
        #expect(try store.checkIntegrity() == ["1 claim_sources rows without their claim"])
        try await store.removeEverything()
        #expect(try await store.writer.read { db in
            try Self.tables.map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0 }
        } == [0, 0])
        #expect(try store.checkIntegrity().isEmpty)
    }

    @Test("SQLite: a v10 store (foreign keys, a merge in flight) migrates with the same rows and answers, and the merge ends")
    func migration() async throws {
        let temporary = try TemporaryStore()
        let before: [String], rows: [String]
        do {
            let store = try temporary.open()
            try await WordGenerationTests.fill(store, closingEvery: 7)
            _ = try await WordMergeTests.startMergeOfClosed(store)
            _ = try await store.writer.write { try WordMerges.step($0, budget: 200, continuing: false) }
            before = try await WordGenerationTests.answers(store)
            rows = try await store.writer.read(Self.rows)
        }
        // The tables as `v8-word-generations` made them (`claim_id REFERENCES claims(id)`).
        let queue = try DatabaseQueue(path: temporary.path)
        try await queue.write { db in
            for (t, definition) in zip(WordGenerations.tables, SQLiteSchema.v8WordGenerations.filter { $0.contains("CREATE TABLE claim_") }) {
                let columns = (["gen"] + t.columns).joined(separator: ", ")
                try db.execute(sql: "ALTER TABLE \(t.name) RENAME TO old_\(t.name)")
                try db.execute(sql: definition)
                try db.execute(sql: "INSERT INTO \(t.name) (\(columns)) SELECT \(columns) FROM old_\(t.name)")
                try db.execute(sql: "DROP TABLE old_\(t.name)")
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v11-claim-words'")
        }
        #expect(try await queue.read(Self.foreignKeys) == 2)
        try queue.close()
        let reopened = try temporary.open()
        #expect(try await reopened.writer.read(Self.foreignKeys) == 0)
        #expect(try await reopened.writer.read(Self.rows) == rows)
        #expect(try await reopened.writer.read(WordMergeTests.miscounted).isEmpty)
        #expect(try await WordGenerationTests.answers(reopened) == before)
        #expect(try reopened.checkIntegrity().isEmpty)
        try await reopened.writer.write { try WordGenerations.compactAll($0) }
        #expect(try await WordGenerationTests.answers(reopened) == before)
        let (record, extraction) = NameIndexTests.document(61)
        _ = try await reopened.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
        #expect(try await reopened.writer.read(Self.orphans) == 0)
    }
}
