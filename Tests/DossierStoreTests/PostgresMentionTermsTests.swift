@testable import DossierStore
import Testing

/// Migration 9 drops `mention_terms` (no query reads it): a database written before it
/// answers the same once migrated, and the `name_terms` rebuild that no longer reads the
/// table gives the rows the writer wrote.
@Suite("PostgreSQL without mention_terms")
struct PostgresMentionTermsTests {
    static let enabled = Backend.postgresURL != nil || Backend.postgresRequired

    static func names(_ store: PostgresStore) async throws -> [String] {
        try await store.read { c in
            try await c.run("SELECT term, name_key, type, key FROM name_terms ORDER BY 1, 2, 3, 4").map {
                let (a, b, c, d) = try $0.decode((String, String, String, String).self)
                return "\(a)|\(b)|\(c)|\(d)"
            }
        }
    }

    @Test("A database of schema 8 (with mention_terms) loses the table and answers the same",
          .enabled(if: enabled, "PostgreSQL tests skipped: set DOSSIER_TEST_POSTGRES"))
    func migratesSchema8() async throws {
        let (url, store, before) = try await PostgresScratch.filled(by: NameIndexTests.fill, answers: NameIndexTests.answers)
        // Schema 8: the table of migration 4, with rows, and version 9 not recorded.
        for statement in PostgresSchema.v4NameIndex where statement.contains("mention_terms") {
            try await store.execute(statement)
        }
        try await store.execute("""
            INSERT INTO mention_terms (term, name_key, type, text_key, document_id, idx, published, name, entity_id, text)
            SELECT name_key, name_key, type, text_key, document_id, idx, '', text, entity_id, text FROM entity_mentions
            """)
        try await store.execute("DELETE FROM dossier_migrations WHERE version = 9")
        store.close()
        let reopened = try await PostgresStore(url: url, connections: 2)
        let table = try await reopened.read { try await $0.run("SELECT to_regclass('mention_terms') IS NULL").first?.decode(Bool.self) }
        #expect(table == true)
        #expect(try await NameIndexTests.answers(reopened) == before)
        #expect(try await reopened.checkIntegrity().isEmpty)
    }

    @Test("name_terms rebuilt from entity_mentions equals what the writer wrote",
          .enabled(if: enabled, "PostgreSQL tests skipped: set DOSSIER_TEST_POSTGRES"))
    func rebuildMatchesWriter() async throws {
        let (_, store, written) = try await PostgresScratch.filled(by: NameIndexTests.fill, answers: Self.names)
        let answers = try await NameIndexTests.answers(store)
        #expect(!written.isEmpty)
        _ = try await store.transaction { c in
            for statement in PostgresNameStats.rebuild { try await c.run(statement) }
        }
        #expect(try await Self.names(store) == written)
        #expect(try await NameIndexTests.answers(store) == answers)
    }
}
