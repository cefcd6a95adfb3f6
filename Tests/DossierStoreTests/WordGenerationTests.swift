import DossierCore
@testable import DossierStore
import Foundation
import GRDB
import Testing

/// The SQLite word indexes keyed by generation (`WordGenerations`, migration
/// `v8-word-generations`) must answer exactly what one generation answers: same claims,
/// same order, same entity reports, whatever the number of generations, after compaction,
/// after a failed compaction, and after the migration of an older store.
@Suite("Word generations")
struct WordGenerationTests {
    /// `NameIndexTests`' 60 documents, the open generation closed every `every` documents.
    static func fill(_ store: SQLiteStore, closingEvery every: Int?) async throws {
        let copy = MinHashSignature(shingleHashes: [1, 2, 3, 4, 5])
        for n in 0..<60 {
            var (record, extraction) = NameIndexTests.document(n)
            if n == 10 || n == 30 || n == 45 { record.fingerprint = copy }
            _ = try await store.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
            if let every, n % every == every - 1 {
                try await store.writer.write { try WordGenerations.close($0, compacting: false) }
            }
        }
    }

    /// The answers of `NameIndexTests` plus `--since` with `--source`, exact-name listings
    /// and small limits, which cut the merge of the generations' ranges.
    static func answers(_ store: SQLiteStore) async throws -> [String] {
        var out = try await NameIndexTests.answers(store)
        for filter in NameIndexTests.queries {
            out.append("\(try await store.claims(matching: filter, limit: 4))")
            var dated = filter
            dated.since = Day(iso: "2024-04-01")
            out.append("\(try await store.claims(matching: dated, limit: 7))")
        }
        for name in ["Kim Jong-un", "borne", "MACRON", "dupont"] {
            out.append("\(try await store.entity(named: name, claimLimit: 3))")
        }
        out.append("\(try await store.statistics())")
        return out
    }

    static func generations(_ store: SQLiteStore) async throws -> [Int64] {
        try await store.writer.read { try WordGenerations.live($0) }
    }

    /// Documents whose word-index rows are not all in one generation (must be none).
    static func split(_ store: SQLiteStore) async throws -> [Int64] {
        try await store.writer.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT document_id FROM (SELECT document_id, gen FROM claim_names UNION SELECT document_id, gen FROM claim_sources)
                GROUP BY document_id HAVING COUNT(*) > 1
                """)
        }
    }

    @Test("SQLite: several generations answer what one does, and what they answer once compacted")
    func severalGenerations() async throws {
        let one = try TemporaryStore(), several = try TemporaryStore()
        let single = try one.open(), split = try several.open()
        try await Self.fill(single, closingEvery: nil)
        try await Self.fill(split, closingEvery: 7)
        #expect(try await Self.generations(single).count == 1)
        #expect(try await Self.generations(split).count == 9)
        #expect(try await Self.split(split).isEmpty)
        let expected = try await Self.answers(single)
        #expect(try await Self.answers(split) == expected)
        try await NameIndexTests.compare(split) { filter, limit, key in
            try await split.writer.read { try SQLiteQueries(db: $0).scannedClaims(filter, limit: limit, exactEntityKey: key) }
        }
        try await split.writer.write { try WordGenerations.compactAll($0) }
        #expect(try await Self.generations(split).count == 1)
        #expect(try await Self.answers(split) == expected)
        #expect(try split.checkIntegrity().isEmpty)
        // Rows written after the compaction go to a new open generation.
        let (record, extraction) = NameIndexTests.document(61)
        _ = try await split.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
        #expect(try await Self.generations(split).count == 2)
        #expect(try await Self.split(split).isEmpty)
    }

    @Test("SQLite: size-tiered compaction merges generations of a tier, within its budget, answers unchanged")
    func tieredCompaction() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        try await Self.fill(store, closingEvery: 2)
        let before = try await Self.answers(store)
        let counted = { @Sendable (db: Database) throws -> [Int] in
            try Int.fetchAll(db, sql: "SELECT rows FROM word_generations ORDER BY gen")
        }
        let sizes = try await store.writer.read(counted)
        #expect(sizes.count == 30)
        let unit = try #require(sizes.min())
        // A budget below one merge: nothing moves.
        try await store.writer.write { try WordGenerations.compact($0, budget: unit, unit: unit) }
        #expect(try await store.writer.read(counted) == sizes)
        try await store.writer.write { try WordGenerations.compact($0, budget: .max, unit: unit, finishing: true) }
        let after = try await store.writer.read(counted)
        #expect(after.count < 12 && after.reduce(0, +) == sizes.reduce(0, +), "\(after)")
        // No tier is left with `fanout` generations.
        #expect(WordGenerations.nextMerge(after.enumerated().map { (Int64($0.offset), $0.element) }, unit: unit) == nil)
        #expect(try await Self.split(store).isEmpty)
        #expect(try await Self.answers(store) == before)
    }

    @Test("SQLite: each generation's range is read along the index and the arms merged, with no sort")
    func queryPlan() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        try await Self.fill(store, closingEvery: 20)
        let plan = try await store.writer.read { db -> [String] in
            let sql = try #require(WordGenerations.merged(
                try WordGenerations.live(db), select: "SELECT t.claim_id, t.published, t.document_id, t.idx FROM claim_names t",
                conditions: ["t.term = ?1", "t.keys LIKE ?2",
                             "NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.document_id = t.document_id)"],
                orderBy: "published DESC, document_id, idx", limit: "?3"))
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)", arguments: ["kim", "% kim %", 5]).map { $0["detail"] }
        }
        #expect(plan.contains { $0.contains("MERGE") }, "\(plan)")
        #expect(plan.filter { $0.contains("PRIMARY KEY (gen=? AND term=?)") }.count == 3, "\(plan)")
        #expect(plan.allSatisfy { !$0.contains("TEMP B-TREE") }, "\(plan)")
    }

    @Test("SQLite: a compaction that fails leaves the old generations and the same answers")
    func compactionAllOrNothing() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        try await Self.fill(store, closingEvery: 10)
        let before = try await Self.answers(store), generations = try await Self.generations(store)
        let rows = { @Sendable (db: Database) throws -> [Int] in
            try ["claim_names", "claim_sources"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0 }
        }
        let counts = try await store.writer.read(rows)
        // Fails at the very end of the merge, after every row was copied and deleted.
        await #expect(throws: (any Error).self) {
            try await store.writer.write { db in
                try db.failing(at: "BEFORE DELETE ON main.word_merges") { try WordGenerations.compactAll(db) }
            }
        }
        #expect(try await Self.generations(store) == generations)
        #expect(try await store.writer.read(rows) == counts)
        #expect(try await Self.answers(store) == before)
        // A rollback after a successful merge leaves them too.
        try await store.writer.writeWithoutTransaction { db in
            try db.inTransaction {
                try WordGenerations.compactAll(db)
                #expect(try WordGenerations.live(db).count == 1)
                return .rollback
            }
        }
        #expect(try await Self.generations(store) == generations)
        #expect(try await Self.answers(store) == before)
    }

    @Test("Size tiers: generations merge four at a time, the smallest tier first, oldest first")
    func tiers() {
        let r = WordGenerations.closeRows
        #expect(WordGenerations.tier(r) == 0)
        #expect(WordGenerations.tier(4 * r) == 1)
        #expect(WordGenerations.tier(16 * r - 1) == 1)
        #expect(WordGenerations.tier(16 * r) == 2)
        let closed: [(gen: Int64, rows: Int)] = [(1, 16 * r), (2, 4 * r), (3, 4 * r), (5, r), (6, r), (7, 4 * r), (8, r)]
        #expect(WordGenerations.nextMerge(closed) == nil)
        let more = closed + [(9, 5 * r), (10, r + 5), (11, r)]
        #expect(WordGenerations.nextMerge(more)?.map(\.gen) == [5, 6, 8, 10])
        #expect(WordGenerations.nextMerge(closed + [(9, 5 * r)])?.map(\.gen) == [2, 3, 7, 9])
    }

    @Test("SQLite: an older store (before v8-word-generations) answers the same once migrated, and takes new rows")
    func migration() async throws {
        let (temporary, before) = try await TemporaryStore.filled(by: { try await Self.fill($0, closingEvery: nil) }, answers: Self.answers)
        try Self.downgrade(temporary.path)
        let reopened = try temporary.open()
        #expect(try await Self.generations(reopened) == [1])
        #expect(try await Self.answers(reopened) == before)
        #expect(try reopened.checkIntegrity().isEmpty)
        let (record, extraction) = NameIndexTests.document(61)
        _ = try await reopened.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
        #expect(try await Self.generations(reopened) == [1, 2])
        let recorded = try await reopened.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT gen, documents, open FROM word_generations ORDER BY gen").map { "\($0[0] as Int) \($0[1] as Int) \($0[2] as Int)" }
        }
        #expect(recorded == ["1 60 0", "2 1 1"])
    }

    /// Makes the store at `path` one of the v7 schema: the word indexes without `gen`
    /// (`mention_terms` included), filled from the normalised rows as migration
    /// `v2-name-index` filled them, no `word_generations`, the later migrations not recorded.
    static func downgrade(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            // `backfill` reads `claim_links`, which `v11-claim-entities` replaced.
            try ClaimEntitiesTests.downgrade(db)
            for table in ["claim_names", "claim_sources", "mention_terms", "word_generations", "word_merges"] {
                try db.execute(sql: "DROP TABLE IF EXISTS \(table)")
            }
            for definition in SQLiteSchema.v2NameIndex.prefix(3) { try db.execute(sql: definition) }
            try SQLiteNameIndex.backfill(db)
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier IN ('v8-word-generations', 'v10-word-rows', 'v11-claim-words')")
        }
        try queue.close()
    }
}
