import DossierCore
@testable import DossierStore
import Foundation
import GRDB
import Testing

/// Merges of word-index generations done in slices (`WordMerges`, migration
/// `v10-word-rows`) and the store without `mention_terms`: every query answers what one
/// generation answers before, during and after a merge; a slice that fails or is rolled
/// back, or a process that stops between slices, loses nothing and doubles nothing, and
/// the merge finishes later; the migration keeps every answer.
@Suite("Word merges")
struct WordMergeTests {
    /// Rows per table, and the sum the generations record (they must agree at every step).
    static func counts(_ db: Database) throws -> [Int] {
        let tables = try ["claim_names", "claim_sources"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0 }
        let recorded = try Int.fetchOne(db, sql: "SELECT SUM(rows) FROM word_generations") ?? 0
        return tables + [recorded]
    }

    /// Generations whose recorded row count is not what they hold (must be none).
    static func miscounted(_ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT g.gen FROM word_generations g
            WHERE g.rows != (SELECT COUNT(*) FROM claim_names c WHERE c.gen = g.gen)
                          + (SELECT COUNT(*) FROM claim_sources s WHERE s.gen = g.gen)
            """)
    }

    /// A store of `WordGenerationTests`' 60 documents in 9 generations, and the answers of
    /// the same documents in one generation.
    static func splitStore() async throws -> (TemporaryStore, SQLiteStore, [String]) {
        let one = try TemporaryStore(), several = try TemporaryStore()
        let single = try one.open(), split = try several.open()
        try await WordGenerationTests.fill(single, closingEvery: nil)
        try await WordGenerationTests.fill(split, closingEvery: 7)
        return (several, split, try await WordGenerationTests.answers(single))
    }

    static func startMergeOfClosed(_ store: SQLiteStore) async throws -> [Int64] {
        try await store.writer.write { db in
            let closed = try Int64.fetchAll(db, sql: "SELECT gen FROM word_generations WHERE open = 0 ORDER BY gen")
            try WordMerges.start(db, closed)
            return closed
        }
    }

    @Test("SQLite: answers are exact at every slice of a merge, and after it")
    func everySlice() async throws {
        let (_, store, expected) = try await Self.splitStore()
        let before = try await store.writer.read(Self.counts)
        let sources = try await Self.startMergeOfClosed(store)
        #expect(sources.count == 8)
        var slices = 0, halfDone = false
        while try await store.writer.read({ try WordMerges.current($0) != nil }) {
            let moved = try await store.writer.write { try WordMerges.step($0, budget: 120, continuing: false) }
            #expect(moved > 0)
            slices += 1
            let state = try await store.writer.read { db in
                (try Self.counts(db), try Self.miscounted(db), try WordMerges.current(db))
            }
            #expect(state.0 == before, "slice \(slices)")
            #expect(state.1.isEmpty, "slice \(slices): \(state.1)")
            if let m = state.2, m.table == 0, m.after != nil { halfDone = true }
            #expect(try await WordGenerationTests.answers(store) == expected, "slice \(slices)")
        }
        #expect(slices > 3 && halfDone, "\(slices) slices")
        let live = try await WordGenerationTests.generations(store)
        #expect(live.count == 2 && !live.contains { sources.contains($0) }, "\(live)")
        #expect(try await WordGenerationTests.split(store).isEmpty)
        #expect(try await store.writer.read(Self.counts) == before)
        #expect(try await WordGenerationTests.answers(store) == expected)
        #expect(try store.checkIntegrity().isEmpty)
        let documents = try await store.writer.read { try Int.fetchAll($0, sql: "SELECT documents FROM word_generations ORDER BY gen") }
        #expect(documents.sorted() == [4, 56])
    }

    @Test("SQLite: small slices stop inside a term, at the end of a day, and lose or double nothing")
    func slicesInsideTerms() async throws {
        let (_, store, expected) = try await Self.splitStore()
        let before = try await store.writer.read(Self.counts)
        _ = try await Self.startMergeOfClosed(store)
        var slices = 0, insideTerm = 0
        while try await store.writer.read({ try WordMerges.current($0) != nil }), slices < 2_000 {
            _ = try await store.writer.write { try WordMerges.step($0, budget: 4, continuing: false) }
            slices += 1
            let (counts, merge) = try await store.writer.read { (try Self.counts($0), try WordMerges.current($0)) }
            #expect(counts == before, "slice \(slices)")
            if let day = merge?.day, day != WordMerges.notStarted { insideTerm += 1 }
            if slices % 40 == 0 { #expect(try await WordGenerationTests.answers(store) == expected, "slice \(slices)") }
        }
        #expect(insideTerm > 10, "\(insideTerm) of \(slices) slices inside a term")
        #expect(try await store.writer.read(Self.miscounted).isEmpty)
        #expect(try await WordGenerationTests.split(store).isEmpty)
        #expect(try await WordGenerationTests.answers(store) == expected)
    }

    @Test("SQLite: a slice that fails or is rolled back, or a stop between slices, loses nothing; the merge finishes later")
    func interrupted() async throws {
        let (temporary, store, expected) = try await Self.splitStore()
        let before = try await store.writer.read(Self.counts)
        _ = try await Self.startMergeOfClosed(store)
        _ = try await store.writer.write { try WordMerges.step($0, budget: 200, continuing: false) }
        let state = { @Sendable (db: Database) throws -> String in
            let m = try WordMerges.current(db)
            let gens = try Row.fetchAll(db, sql: "SELECT gen, rows FROM word_generations ORDER BY gen").map { "\($0[0] as Int):\($0[1] as Int)" }
            let counts = try WordMergeTests.counts(db)
            return "\(m?.table ?? -1) \(m?.after ?? "-") \(gens) \(counts)"
        }
        let halfway = try await store.writer.read(state)
        // A failure when the slice records its progress, after its rows were moved.
        await #expect(throws: (any Error).self) {
            try await store.writer.write { db in
                try db.failing(at: "BEFORE UPDATE ON main.word_merges") {
                    try WordMerges.step(db, budget: 200, continuing: false)
                }
            }
        }
        #expect(try await store.writer.read(state) == halfway)
        // A slice whose transaction is rolled back (a process killed before its commit).
        try await store.writer.writeWithoutTransaction { db in
            try db.inTransaction {
                let moved = try WordMerges.step(db, budget: 200, continuing: false)
                #expect(moved > 0)
                return .rollback
            }
        }
        #expect(try await store.writer.read(state) == halfway)
        #expect(try await WordGenerationTests.answers(store) == expected)
        // A new process opens the store half merged: same answers, and its writes move the merge on.
        let reopened = try temporary.open()
        #expect(try await reopened.writer.read(state) == halfway)
        #expect(try await WordGenerationTests.answers(reopened) == expected)
        let target = try #require(try await reopened.writer.read { try WordMerges.current($0) }?.gen)
        let rowsOf = { @Sendable (db: Database) throws -> Int in
            try Int.fetchOne(db, sql: "SELECT rows FROM word_generations WHERE gen = ?", arguments: [target]) ?? 0
        }
        let moved = try await reopened.writer.read(rowsOf)
        let (record, extraction) = NameIndexTests.document(61)
        _ = try await reopened.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
        #expect(try await reopened.writer.read(rowsOf) > moved)
        _ = try await reopened.writer.write { try WordMerges.step($0, budget: .max, continuing: false) }
        let left = try await reopened.writer.read { try WordMerges.current($0) }
        #expect(left == nil)
        #expect(try await reopened.writer.read(Self.miscounted).isEmpty)
        #expect(try await WordGenerationTests.split(reopened).isEmpty)
        let after = try await reopened.writer.read(Self.counts)
        #expect(after[0] > before[0] && after[2] == after[0] + after[1])
        #expect(try reopened.checkIntegrity().isEmpty)
    }

    @Test("SQLite: ingest moves a merge started by a close a slice per document, until it is done")
    func ingestMovesMerges() async throws {
        // The answers change as documents are added, so the split store's are not compared.
        let (_, store, _) = try await Self.splitStore()
        _ = try await Self.startMergeOfClosed(store)
        // Each document moves `mergeRate` rows per row it writes: a few more documents finish it.
        var written = 0
        while try await store.writer.read({ try WordMerges.current($0) != nil }), written < 200 {
            let (record, extraction) = NameIndexTests.document(100 + written)
            _ = try await store.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
            written += 1
        }
        #expect(written > 1 && written < 200, "\(written)")
        #expect(try await store.writer.read(Self.miscounted).isEmpty)
        #expect(try await WordGenerationTests.split(store).isEmpty)
        #expect(try store.checkIntegrity().isEmpty)
    }

    @Test("SQLite: a store of the v8 schema (mention_terms, generations) answers the same after v10-word-rows")
    func migration() async throws {
        let (temporary, before) = try await TemporaryStore.filled(by: { try await WordGenerationTests.fill($0, closingEvery: 7) }, answers: WordGenerationTests.answers)
        // The v7 layout, then migrated to v8 only: `mention_terms` in generation 1, counted.
        try WordGenerationTests.downgrade(temporary.path)
        let queue = try DatabaseQueue(path: temporary.path)
        try SQLiteSchema.migrator.migrate(queue, upTo: "v8-word-generations")
        let v8 = try await queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mention_terms") ?? 0,
             try Int.fetchOne(db, sql: "SELECT rows FROM word_generations") ?? 0)
        }
        #expect(v8.0 > 0 && v8.1 > v8.0)
        try queue.close()
        let reopened = try temporary.open()
        #expect(try await reopened.writer.read { try $0.tableExists("mention_terms") } == false)
        #expect(try await reopened.writer.read(Self.miscounted).isEmpty)
        #expect(try await reopened.writer.read { try Int.fetchOne($0, sql: "SELECT rows FROM word_generations") ?? 0 } == v8.1 - v8.0)
        #expect(try await WordGenerationTests.answers(reopened) == before)
        #expect(try reopened.checkIntegrity().isEmpty)
        let (record, extraction) = NameIndexTests.document(61)
        _ = try await reopened.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
        #expect(try await WordGenerationTests.generations(reopened) == [1, 2])
    }

    @Test("SQLite: name_terms rebuilt from entity_mentions equals what the writes kept")
    func nameTermsRebuilt() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        try await WordGenerationTests.fill(store, closingEvery: nil)
        let all = { @Sendable (db: Database) throws -> [String] in
            try String.fetchAll(db, sql: "SELECT term || '|' || name_key || '|' || type || '|' || key FROM name_terms ORDER BY 1")
        }
        let statistics = { @Sendable (db: Database) throws -> [String] in
            try String.fetchAll(db, sql: "SELECT name_key || type || mentions || documents || IFNULL(first_seen, '') FROM name_stats ORDER BY 1")
        }
        let kept = try await store.writer.read(all), keptStats = try await store.writer.read(statistics)
        #expect(!kept.isEmpty)
        try await store.writer.write { try WordRows.rebuildNameStats($0) }
        #expect(try await store.writer.read(all) == kept)
        #expect(try await store.writer.read(statistics) == keptStats)
    }
}

extension Database {
    /// Runs `body` with a temporary trigger that aborts at `event` (e.g. `BEFORE UPDATE ON
    /// main.word_merges`): a test fails an operation at the one step it chooses.
    func failing(at event: String, _ body: () throws -> Void) throws {
        try execute(sql: "CREATE TEMP TRIGGER injected \(event) BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
        defer { try? execute(sql: "DROP TRIGGER temp.injected") }
        try body()
    }
}
