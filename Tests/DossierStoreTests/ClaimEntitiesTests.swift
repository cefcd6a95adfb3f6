import DossierCore
@testable import DossierStore
import Foundation
import GRDB
import Testing

/// A claim's entity links in `claims.entities` (migration `v11-claim-entities`) instead of
/// `claim_links` rows: every listing names the same entities, and a store of the v10
/// schema answers the same once migrated.
@Suite("Claim entities")
struct ClaimEntitiesTests {
    /// Undoes `v11-claim-entities` on an open store: `claim_links` rebuilt from the column
    /// (as `v1` made it), the column dropped, the migration unrecorded. Tests that rebuild
    /// an older layout (`WordGenerationTests.downgrade`) call it first.
    static func downgrade(_ db: Database) throws {
        guard try db.columns(in: "claims").contains(where: { $0.name == "entities" }) else { return }
        guard let table = SQLiteSchema.v1.first(where: { $0.contains("CREATE TABLE claim_links") }) else {
            throw StoreError("no claim_links in v1")
        }
        try db.execute(sql: table)
        try db.execute(sql: """
            INSERT OR IGNORE INTO claim_links (claim_id, kind, idx)
            SELECT c.id, 'entity', CAST(j.value AS INTEGER) FROM claims c, json_each('[' || c.entities || ']') j
            WHERE c.entities IS NOT NULL
            """)
        try db.execute(sql: "ALTER TABLE claims DROP COLUMN entities")
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v11-claim-entities'")
    }

    /// `NameIndexTests`' documents, and one whose first claim links two mentions from
    /// outside its span: one inside claim 3, one outside every claim.
    static func fill(_ store: SQLiteStore) async throws {
        try await NameIndexTests.fill(store)
        var (record, extraction) = NameIndexTests.document(61)
        record = Sample.record(record.text, sha: "linked", outlet: "Le Monde", published: "2024-05-05")
        extraction.claims[0].entities = [2, 3]
        _ = try await store.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
    }

    /// Every claim with its entity names, and the name-index answers.
    static func answers(_ store: SQLiteStore) async throws -> [String] {
        let all = try await store.claims(matching: ClaimFilter(), limit: 1000)
        return all.map { "\($0)" } + (try await WordGenerationTests.answers(store))
    }

    @Test("SQLite: a claim's entity names include the mentions it links from outside its span")
    func linkedNames() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        try await Self.fill(store)
        let columns = try await store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT entities FROM claims WHERE entities IS NOT NULL ORDER BY id")
        }
        // Claim 0 of every even document links mention 0; the last document's links 2 and 3.
        #expect(columns.filter { $0 == "0" }.count == 30 && columns.last == "2,3")
        let claim = try await store.claims(matching: ClaimFilter(about: "scholz"), limit: 1000)
            .first { $0.text.hasPrefix("Claim one about Kim Jong-un") && $0.published == Day(iso: "2024-05-05") }
        // Document 61: b = Kim Jong-un inside claim 0; c = Jean Dupont (mention 2, in claim 3)
        // and a = Olaf Scholz (mention 3, in no claim) linked; in order of first position.
        #expect(claim?.entities == ["Kim Jong-un", "Jean Dupont", "Olaf Scholz"])
    }

    @Test("SQLite: a store of the v10 schema (claim_links) answers the same after v11-claim-entities")
    func migration() async throws {
        let (temporary, before) = try await TemporaryStore.filled(by: Self.fill, answers: Self.answers)
        let queue = try DatabaseQueue(path: temporary.path)
        try await queue.write { db in
            try Self.downgrade(db)
            // The v10 writer also linked quantities, times and hedges, which nothing reads:
            // a link of every claim to item 3 of each kind (mention 3 lies outside every
            // claim) must not become an entity link.
            for kind in ["quantity", "time", "hedge"] {
                try db.execute(sql: "INSERT OR IGNORE INTO claim_links (claim_id, kind, idx) SELECT id, ?, 3 FROM claims",
                               arguments: [kind])
            }
        }
        let links = try await queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM claim_links WHERE kind = 'entity'") ?? 0,
             try db.columns(in: "claims").map(\.name))
        }
        #expect(links.0 == 32 && !links.1.contains("entities"))
        try queue.close()
        let reopened = try temporary.open()
        #expect(try await reopened.writer.read { try $0.tableExists("claim_links") } == false)
        #expect(try await Self.answers(reopened) == before)
        #expect(try reopened.checkIntegrity().isEmpty)
        // And it writes as a new store does.
        let (record, extraction) = NameIndexTests.document(62)
        _ = try await reopened.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
        #expect(try await reopened.writer.read { try String.fetchOne($0, sql: "SELECT entities FROM claims ORDER BY id DESC LIMIT 1 OFFSET 2") } == "0")
    }
}
