import DossierCore
import Foundation
import PostgresNIO

/// `BrowsableStore` on PostgreSQL: the server, the analysis commands and the exports over
/// a shared store. Whole-corpus reads stream their rows (one decoded at a time, from one
/// statement, hence one snapshot) instead of collecting a result set the size of the store.
extension PostgresStore: BrowsableStore {
    public var location: String { displayURL }

    public var overridesLocation: String { "table \(PostgresOverrides.table) of \(displayURL)" }

    static let metadataColumns = """
        d.id, d.sha256, d.title, d.author, d.outlet, d.url, d.external_id, d.published, d.language,
        d.origin, d.added_at, d.length
        """

    /// The totals kept by `NameStats` (`store_counts`, exact, maintained by every save):
    /// the home page's `COUNT(DISTINCT name_key)` over every mention and `COUNT(*)` over
    /// every claim took seconds at a million claims. A missing row (a store just emptied)
    /// reads as zeros.
    func countedStatistics() async throws -> StoreStatistics {
        try await read { c in
            let row = try await c.run("""
                SELECT COALESCE(MAX(documents), 0), COALESCE(MAX(near_duplicates), 0), COALESCE(MAX(claims), 0),
                       COALESCE(MAX(names), 0), (SELECT COUNT(*) FROM ingest_failures)
                FROM store_counts WHERE id = 1
                """).first
            guard let row else { throw StoreError("no statistics") }
            let (d, n, c, e, f) = try row.decode((Int, Int, Int, Int, Int).self)
            return StoreStatistics(documents: d, nearDuplicates: n, claims: c, entities: e, failures: f)
        }
    }

    public func analysisInputs() async throws -> [StoredAnalysisInput] {
        var out: [StoredAnalysisInput] = []
        try await stream("""
            SELECT \(Self.metadataColumns), NULL::text AS text, n.original_id, n.similarity, e.json
            FROM documents d JOIN extractions e ON e.document_id = d.id
            LEFT JOIN near_duplicates n ON n.document_id = d.id
            ORDER BY d.id
            """) { document, extraction in
            out.append(StoredAnalysisInput(document: document, extraction: extraction))
        }
        return out
    }

    public func forEachExportDocument(_ body: (ExportDocument) throws -> Void) async throws {
        try await stream("""
            SELECT \(Self.metadataColumns), d.text, n.original_id, n.similarity, e.json
            FROM documents d JOIN extractions e ON e.document_id = d.id
            LEFT JOIN near_duplicates n ON n.document_id = d.id
            ORDER BY d.id
            """) { document, extraction in
            try body(ExportDocument(document: document, extraction: extraction))
        }
    }

    /// Runs `sql` (document columns then `json`) and hands each row over as soon as it
    /// arrives: PostgresNIO reads the result with back-pressure, so memory holds a few
    /// rows, not the store.
    private func stream(_ sql: String, _ body: (StoredDocument, Extraction) throws -> Void) async throws {
        let decoder = DossierJSON.decoder()
        _ = try await read { c -> Int in
            let rows = try await c.query(PostgresQuery(unsafeSQL: sql), logger: PostgresConnection.quiet)
            var count = 0
            for try await row in rows {
                let document = try PostgresQueries.storedDocument(row)
                let json = try row.makeRandomAccess()["json"].decode(String.self)
                try body(document, try decoder.decode(Extraction.self, from: Data(json.utf8)))
                count += 1
            }
            return count
        }
    }

    public func documents(after: DocumentID?, offset: Int, limit: Int) async throws -> DocumentPage {
        try await read { c in
            let total = try await c.run("SELECT count(*) FROM documents").first?.decode(Int.self) ?? 0
            var sql = SQLBuilder("""
                SELECT \(Self.metadataColumns), NULL::text AS text, n.original_id, n.similarity
                FROM documents d LEFT JOIN near_duplicates n ON n.document_id = d.id
                """)
            if let after {
                sql.add(" WHERE d.id > ")
                sql.bind(.int(after))
                sql.add(" ORDER BY d.id LIMIT ")
                sql.bind(.int(limit + 1))
            } else {
                sql.add(" ORDER BY d.id LIMIT ")
                sql.bind(.int(limit + 1))
                sql.add(" OFFSET ")
                sql.bind(.int(offset))
            }
            let rows = try await c.run(sql)
            let documents = try rows.prefix(limit).map(PostgresQueries.storedDocument)
            let next = rows.count > limit ? documents.last?.id : nil
            return DocumentPage(documents: documents, total: total, nextAfter: next)
        }
    }

    /// Sound because writers hold the advisory lock of `save` from before they draw ids
    /// until they commit: ids become visible in order, so no smaller id can appear after
    /// a larger one was seen. (Keep it so if `save` changes.)
    ///
    /// The newest document id (a backward scan of the primary key's index, one row) and
    /// whether the overrides table exists (`to_regclass`, without failing when it does
    /// not); then, if it does, the overrides' revision by its key.
    public func generation() async throws -> StoreGeneration {
        try await read { c in
            let row = try await c.run("""
                SELECT coalesce(max(id), 0), to_regclass('\(PostgresOverrides.table)') IS NOT NULL FROM documents
                """).first
            guard let row else { throw StoreError("no generation") }
            let (last, hasOverrides) = try row.decode((Int64, Bool).self)
            var revision = "none"
            if hasOverrides,
               let r = try await c.run("SELECT revision FROM \(PostgresOverrides.table) WHERE id = 1").first {
                revision = String(try r.decode(Int64.self))
            }
            return StoreGeneration(lastDocument: last, overrides: revision)
        }
    }

    public func overridesJSON() async throws -> Data? {
        try await read { c in
            let exists = try await c.run("SELECT to_regclass('\(PostgresOverrides.table)') IS NOT NULL")
                .first?.decode(Bool.self) ?? false
            guard exists else { return nil }
            let json = try await c.run("SELECT json FROM \(PostgresOverrides.table) WHERE id = 1").first?.decode(String.self)
            return json.map { Data($0.utf8) }
        }
    }

    /// In one transaction holding the row's lock (`FOR UPDATE`), so two corrections made
    /// at once from two machines both survive; the revision counter moves the servers'
    /// `generation` and so refreshes their cached analysis.
    public func updateOverridesJSON(_ change: @Sendable (Data?) throws -> Data) async throws {
        try await transaction { c in
            try await c.run("SELECT pg_advisory_xact_lock(\(PostgresOverrides.lockKey))")
            try await c.run(PostgresOverrides.create)
            try await c.run("INSERT INTO \(PostgresOverrides.table) (id, json, revision) VALUES (1, 'null', 0) ON CONFLICT (id) DO NOTHING")
            let current = try await c.run("SELECT json FROM \(PostgresOverrides.table) WHERE id = 1 FOR UPDATE")
                .first?.decode(String.self)
            let before = current.flatMap { $0 == "null" ? nil : Data($0.utf8) }
            let after = try change(before)
            var update = SQLBuilder("UPDATE \(PostgresOverrides.table) SET revision = revision + 1, json = ")
            update.bind(.text(String(decoding: after, as: UTF8.self)))
            update.add(" WHERE id = 1")
            try await c.run(update)
        }
    }
}

/// The manual entity corrections on PostgreSQL: one row holding the same JSON that a
/// SQLite store keeps in its `.overrides.json` file. Created on the first correction
/// (not by the schema migrations) so stores that never use it carry nothing extra.
enum PostgresOverrides {
    static let table = "analysis_overrides"
    /// Serialises the table's creation and updates across processes.
    static let lockKey: Int64 = PostgresSchema.lockKey + 7
    static let create = """
        CREATE TABLE IF NOT EXISTS analysis_overrides (
            id SMALLINT PRIMARY KEY CHECK (id = 1),
            json TEXT NOT NULL,
            revision BIGINT NOT NULL)
        """
}
