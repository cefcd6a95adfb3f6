import DossierCore
@testable import DossierStore
import Foundation
import GRDB
import Testing

/// Round 8's smaller SQLite store: the extraction JSON compressed (old plain rows still
/// read), and FTS5 indexing `documents`/`claims` in place instead of copying them.
@Suite("SQLite store: compressed extraction JSON, external-content FTS")
struct CompactStorageTests {
    static let texts = [
        "The minister said 40 bridges were closed after the floods in Lyon.",
        "Le ministre a déclaré que 12 écoles resteraient fermées à Marseille.",
        "Police said the bridges would reopen on Monday, the agency reported.",
    ]

    static func item(_ n: Int, _ text: String? = nil) -> (DocumentRecord, Extraction) {
        let text = text ?? texts[n % texts.count]
        let record = Sample.record(text, sha: String(format: "%064x", 500 + n), outlet: "Wire",
                                   published: "2024-05-0\(n % 9 + 1)", title: "Report \(n) on bridges")
        let words = text.split(separator: " ")
        let source = String(words[0]) + " " + String(words[1])
        let content = words[words.count - 4..<words.count].joined(separator: " ")
        let e = Sample.extraction(text, source: source, cue: String(words[2]), content: content,
                                  entity: source, language: text.hasPrefix("Le") ? .french : .english)
        return (record, e)
    }

    /// FTS5's own check of an external-content index against its table (rank 1: compare
    /// with the content, not only the index's internal consistency).
    static func ftsConsistent(_ db: Database) throws {
        for table in ["document_fts", "claim_fts"] {
            try db.execute(sql: "INSERT INTO \(table) (\(table), rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test("zlib round trip: empty, small, large and repetitive input; a damaged stream throws")
    func roundTrip() throws {
        let large = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        for input in [[], Array("{}".utf8), Array(String(repeating: "«Kim Jong-un» a dit ", count: 5_000).utf8), large] {
            let packed = ExtractionJSONCompression.compress(input)
            #expect(packed.first == 0x78)  // a zlib header, never "{"
            #expect(try packed.withUnsafeBytes { try ExtractionJSONCompression.decompress($0) } == input)
        }
        let packed = ExtractionJSONCompression.compress(Array(String(repeating: "abc ", count: 1_000).utf8))
        #expect(throws: StoreError.self) {
            try Array(packed.prefix(packed.count / 2)).withUnsafeBytes { try ExtractionJSONCompression.decompress($0) }
        }
        var flipped = packed
        flipped[3] ^= 0xFF
        #expect(throws: StoreError.self) { try flipped.withUnsafeBytes { try ExtractionJSONCompression.decompress($0) } }
    }

    @Test("New rows hold a zlib BLOB that every reader decodes to the saved extraction")
    func compressedRows() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        var saved: [Extraction] = []
        for n in 0..<3 {
            let (record, e) = Self.item(n)
            _ = try await store.save(record, extraction: e, nearDuplicateThreshold: 0.7)
            saved.append(e)
        }
        let queue = try DatabaseQueue(path: temporary.path)
        let kinds = try await queue.read { db in try String.fetchAll(db, sql: "SELECT typeof(json) FROM extractions") }
        #expect(kinds == ["blob", "blob", "blob"])
        for (i, e) in saved.enumerated() { #expect(try await store.extraction(of: Int64(i + 1)) == e) }
        #expect(try await store.analysisInputs().map(\.extraction) == saved)
        var exported: [Extraction] = []
        try store.forEachExportDocument { exported.append($0.extraction) }
        #expect(exported == saved)
        // The JSON a PostgreSQL writer gets from the same preparation is plain.
        let prepared = PreparedDocument(record: Self.item(0).0, extraction: saved[0])
        #expect(prepared.json == WriterJSON.string(saved[0]))
        #expect(PreparedDocument(record: Self.item(0).0, extraction: saved[0], for: .postgres).compressedJSON == nil)
    }

    /// A store written before round 8: plain-text JSON rows and FTS5 tables with their own
    /// copy of the text. Opening it migrates (FTS rebuilt from the rows); the plain rows
    /// stay as they are and still read; search finds and ranks exactly as before.
    @Test("An older store: plain JSON rows still read, FTS rebuilt, search results identical")
    func olderStore() async throws {
        let temporary = try TemporaryStore()
        let queue = try DatabaseQueue(path: temporary.path)
        try SQLiteSchema.migrator.migrate(queue, upTo: "v5-drop-unread-index")
        var saved: [Extraction] = []
        try await queue.write { db in
            // Today's writer fills `claims.entities` (`v11-claim-entities`): the column for
            // the writes, then gone again as in that schema.
            try db.execute(sql: "ALTER TABLE claims ADD COLUMN entities TEXT")
            let writer = SQLiteWriter(db: db)
            let mark = try writer.textMark()
            for n in 0..<6 {
                let (record, e) = Self.item(n)
                _ = try writer.save(record, extraction: e, prepared: PreparedDocument(record: record, extraction: e),
                                    nearDuplicateThreshold: 0.7)
            }
            try writer.indexText(since: mark)
            try db.execute(sql: "ALTER TABLE claims DROP COLUMN entities")
            // As round 7 wrote it: the JSON as text.
            for row in try Row.fetchAll(db, sql: "SELECT document_id, json FROM extractions") {
                let e = try ExtractionJSONCompression.extraction(row["json"], decoder: DossierJSON.decoder())
                try db.execute(sql: "UPDATE extractions SET json = ? WHERE document_id = ?",
                               arguments: [WriterJSON.string(e), row["document_id"] as Int64])
            }
        }
        saved = try await queue.read { db in
            try String.fetchAll(db, sql: "SELECT json FROM extractions ORDER BY document_id").map {
                try DossierJSON.decoder().decode(Extraction.self, from: Data($0.utf8))
            }
        }
        let queries = ["bridges", "ministre", "bridges closed", "écoles", "report", "police agency", "lyon"]
        let before = try await queue.read { db in try queries.map { try SQLiteQueries(db: db).search($0, limit: 5) } }
        #expect(before.allSatisfy { !$0.isEmpty })
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM claim_fts_content") } == 6)
        try queue.close()

        let store = try temporary.open()
        for (i, e) in saved.enumerated() { #expect(try await store.extraction(of: Int64(i + 1)) == e) }
        #expect(try await store.analysisInputs().map(\.extraction) == saved)
        for (query, hits) in zip(queries, before) { #expect(try await store.search(query, limit: 5) == hits) }
        let after = try DatabaseQueue(path: temporary.path)
        try await after.write { db in
            #expect(try String.fetchAll(db, sql: "SELECT typeof(json) FROM extractions").allSatisfy { $0 == "text" })
            #expect(try !db.tableExists("claim_fts_content") && !db.tableExists("document_fts_content"))
            try Self.ftsConsistent(db)
        }
        // New rows beside old ones.
        let (record, e) = Self.item(7, "Officials said 7 bridges were inspected overnight in Lyon.")
        _ = try await store.save(record, extraction: e, nearDuplicateThreshold: 0.7)
        #expect(try await store.extraction(of: 7) == e)
        #expect(try await store.analysisInputs().count == 7)
    }

    @Test("Emptying, refilling and a rolled-back document keep the FTS index consistent")
    func resetAndSearch() async throws {
        let opened = try await StoreUnderTest.open(.sqlite)
        let store = try #require(opened.store as? SQLiteStore)
        for n in 0..<3 {
            let (record, e) = Self.item(n)
            _ = try await store.save(record, extraction: e, nearDuplicateThreshold: 0.7)
        }
        #expect(try await !store.search("floods", limit: 10).isEmpty)
        try await store.removeEverything()
        #expect(try await store.search("floods", limit: 10).isEmpty)
        #expect(try await store.search("écoles", limit: 10).isEmpty)

        // A batch whose second document fails: its claim rows and FTS entries roll back.
        try await opened.sabotage("inspected")
        let batch = [Self.item(10, "Officials said 7 tunnels were closed overnight in Lyon."),
                     Self.item(11, "Officials said 9 tunnels were inspected overnight in Nice."),
                     Self.item(12, "Le ministre a déclaré que 3 tunnels rouvriraient à Lille.")]
        let results = try await store.save(batch: batch.map { DocumentToSave(record: $0.0, extraction: $0.1) },
                                           nearDuplicateThreshold: 0.7)
        #expect(results.filter { if case .failed = $0 { true } else { false } }.count == 1)
        let hits = try await store.search("tunnels", limit: 10)
        #expect(Set(hits.map { "\($0.kind) \($0.document)" }) == ["claim 2", "document 1", "document 2"])
        #expect(hits.allSatisfy { $0.snippet.lowercased().contains("[tunnels]") })
        let overnight = try await store.search("overnight", limit: 10)
        #expect(overnight.map { "\($0.kind) \($0.document) \($0.snippet)" }
                == ["claim 1 closed [overnight] in Lyon.", "document 1 Officials said 7 tunnels were closed [overnight] in Lyon."])
        #expect(try await store.search("nice", limit: 10).isEmpty)
        #expect(try await store.search("inspected", limit: 10).isEmpty)
        #expect(try await store.search("floods", limit: 10).isEmpty)
        let queue = try DatabaseQueue(path: store.path)
        try await queue.write { db in try Self.ftsConsistent(db) }
        #expect(try store.checkIntegrity().isEmpty)
    }

    @Test("removeEverything tells external-content FTS5 tables apart")
    func externalContentDetection() {
        #expect(SQLiteStore.indexesExternalContent(
            "CREATE VIRTUAL TABLE claim_fts USING fts5(text, content = 'claims', content_rowid = 'id', tokenize = 'x')"))
        #expect(SQLiteStore.indexesExternalContent("CREATE VIRTUAL TABLE t USING FTS5(a, content='')"))
        #expect(!SQLiteStore.indexesExternalContent("CREATE VIRTUAL TABLE claim_fts USING fts5(text, tokenize = 'x')"))
        #expect(!SQLiteStore.indexesExternalContent("CREATE TABLE documents (id INTEGER PRIMARY KEY, content TEXT)"))
    }
}
