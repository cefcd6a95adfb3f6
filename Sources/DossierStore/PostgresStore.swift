import DossierCore
import Foundation
import PostgresNIO

/// The evidence base on a PostgreSQL server, shared by any number of ingest processes
/// and workers on any machines. Same protocol, same schema shape and same answers as
/// `SQLiteStore`; one document is one transaction (a savepoint inside a batch).
///
/// A `PostgresClient` pools connections; its `run()` loop lives in a task owned by the
/// store and is cancelled by `close()` (or when the store is released).
public final class PostgresStore: EvidenceStore {
    let client: PostgresClient
    private let runner: Task<Void, Never>
    /// The URL without its password, for messages.
    public let displayURL: String

    /// Connects to `url` (`postgres://user:password@host:port/database`) and migrates
    /// the schema. Fails with one clear line when the server cannot be reached.
    public init(url: String, connections: Int = 8, migrate: Bool = true) async throws {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? ""),
              let host = parts.host, !host.isEmpty else {
            throw StoreError("\(url): not a PostgreSQL URL (postgres://user[:password]@host[:port]/database)")
        }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        var config = PostgresClient.Configuration(
            host: host, port: parts.port ?? 5432, username: parts.user ?? "postgres",
            password: parts.password?.removingPercentEncoding, database: database.isEmpty ? nil : database,
            tls: .disable)
        config.options.maximumConnections = max(1, connections)
        config.options.minimumConnections = 0
        config.options.connectTimeout = .seconds(10)
        var redacted = parts
        if redacted.password != nil { redacted.password = "***" }
        displayURL = redacted.string ?? url
        // One direct connection first: it fails at once on a refused port or a bad
        // password, where the pool would retry in the background until a timeout; the
        // schema is migrated on it.
        do {
            var direct = PostgresConnection.Configuration(
                host: host, port: parts.port ?? 5432, username: config.username, password: config.password,
                database: config.database, tls: .disable)
            direct.options.connectTimeout = .seconds(10)
            let probe = try await PostgresConnection.connect(configuration: direct, id: 0, logger: PostgresConnection.quiet)
            do {
                if migrate { try await PostgresSchema.migrate(probe) } else { try await probe.run("SELECT 1") }
                try? await probe.close()
            } catch {
                try? await probe.close()
                throw error
            }
        } catch let error as StoreError {
            throw StoreError("\(displayURL): \(error.description)")
        } catch {
            throw StoreError("\(displayURL): cannot open the store: \(PostgresErrors.message(error))")
        }
        let client = PostgresClient(configuration: config, backgroundLogger: PostgresConnection.quiet)
        self.client = client
        runner = Task { await client.run() }
    }

    deinit { runner.cancel() }

    /// Closes every connection. The store is unusable afterwards.
    public func close() { runner.cancel() }

    /// `--postgres`, else `$DOSSIER_POSTGRES`; nil means the SQLite file.
    public static func resolveURL(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let option, !option.isEmpty { return option }
        if let env = environment["DOSSIER_POSTGRES"], !env.isEmpty { return env }
        return nil
    }

    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { try await body($0) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(PostgresErrors.message(error))
        }
    }

    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await connection.withTransaction(logger: PostgresConnection.quiet) { try await body($0) }
            }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError as? StoreError { throw inner }
            throw StoreError(PostgresErrors.message(error))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(PostgresErrors.message(error))
        }
    }

    public func documentID(sha256: String) async throws -> DocumentID? {
        try await read { c in
            var sql = SQLBuilder("SELECT id FROM documents WHERE sha256 = ")
            sql.bind(.text(sha256))
            return try await c.run(sql).first?.decode(Int64.self)
        }
    }

    public func save(_ record: DocumentRecord, extraction: Extraction, nearDuplicateThreshold: Double) async throws -> SaveOutcome {
        let prepared = PreparedDocument(record: record, extraction: extraction, for: .postgres)
        return try await transaction { c in
            // Serialises the near-duplicate lookup with other writers: two copies of one
            // story saved at once by two workers must see each other.
            try await c.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey + 1))")
            return try await PostgresWriter(connection: c).save(record, extraction: extraction, prepared: prepared,
                                                                nearDuplicateThreshold: nearDuplicateThreshold)
        }
    }

    public func save(batch: [DocumentToSave], nearDuplicateThreshold: Double) async throws -> [BatchSaveResult] {
        try await transaction { c in
            try await Self.save(batch: batch, on: c, nearDuplicateThreshold: nearDuplicateThreshold)
        }
    }

    /// A batch inside the caller's transaction (see `PostgresWriter`: runs of documents in
    /// one statement, each document still all-or-nothing); used by the worker too, which
    /// marks queue rows done in the same transaction.
    static func save(batch: [DocumentToSave], on c: PostgresConnection, nearDuplicateThreshold: Double) async throws -> [BatchSaveResult] {
        try await c.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey + 1))")
        return try await PostgresWriter(connection: c).save(batch: batch, nearDuplicateThreshold: nearDuplicateThreshold)
    }

    public func recordFailure(origin: String, message: String) async throws {
        try await transaction { c in
            var delete = SQLBuilder("DELETE FROM ingest_failures WHERE origin = ")
            delete.bind(.text(origin))
            try await c.run(delete)
            var insert = SQLBuilder("INSERT INTO ingest_failures (origin, message, at) VALUES (")
            insert.bind(.text(origin)); insert.add(", "); insert.bind(.text(message))
            insert.add(", to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))")
            try await c.run(insert)
        }
    }

    public func failures(limit: Int) async throws -> [IngestFailure] {
        try await read { c in
            var sql = SQLBuilder("SELECT origin, message, at FROM ingest_failures ORDER BY id DESC LIMIT ")
            sql.bind(.int(limit))
            return try await c.run(sql).map {
                let (origin, message, at) = try $0.decode((String, String, String).self)
                return IngestFailure(origin: origin, message: message, at: at)
            }
        }
    }

    public func search(_ text: String, limit: Int) async throws -> [SearchHit] {
        try await read { try await PostgresQueries(connection: $0).search(text, limit: limit) }
    }

    public func claims(matching filter: ClaimFilter, limit: Int) async throws -> [ClaimRow] {
        try await read { try await PostgresQueries(connection: $0).claims(filter, limit: limit) }
    }

    public func entity(named name: String, claimLimit: Int) async throws -> [EntityReport] {
        try await read { try await PostgresQueries(connection: $0).entity(name, claimLimit: claimLimit) }
    }

    public func document(_ reference: String) async throws -> StoredDocument? {
        try await read { try await PostgresQueries(connection: $0).document(reference) }
    }

    public func extraction(of document: DocumentID) async throws -> Extraction? {
        let json: String? = try await read { c in
            var sql = SQLBuilder("SELECT json FROM extractions WHERE document_id = ")
            sql.bind(.int(document))
            return try await c.run(sql).first?.decode(String.self)
        }
        guard let json else { return nil }
        return try DossierJSON.decoder().decode(Extraction.self, from: Data(json.utf8))
    }

    public func statistics() async throws -> StoreStatistics { try await countedStatistics() }

    /// Referential checks the schema does not make (for tests): every row's document or
    /// claim exists (migration 6 dropped those foreign keys: the writer guarantees them),
    /// every document has its extraction, and no near-duplicate points at a copy.
    public func checkIntegrity() async throws -> [String] {
        try await read { c in
            var problems: [String] = []
            for (table, column, parent) in Self.childRows {
                let orphans = try await c.run("""
                    SELECT COUNT(*) FROM \(table) x WHERE NOT EXISTS (SELECT 1 FROM \(parent) p WHERE p.id = x.\(column))
                    """).first?.decode(Int.self) ?? 0
                if orphans > 0 { problems.append("\(orphans) \(table) rows without their \(parent) row") }
            }
            let chained = try await c.run("""
                SELECT COUNT(*) FROM near_duplicates a JOIN near_duplicates b ON b.document_id = a.original_id
                """).first?.decode(Int.self) ?? 0
            if chained > 0 { problems.append("\(chained) near-duplicates point at a copy, not an original") }
            let orphans = try await c.run("""
                SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM extractions e WHERE e.document_id = d.id)
                """).first?.decode(Int.self) ?? 0
            if orphans > 0 { problems.append("\(orphans) documents without an extraction") }
            return problems
        }
    }

    /// The tables of a document's rows, the column naming their parent, and the parent.
    static let childRows: [(table: String, column: String, parent: String)] = [
        ("claims", "document_id", "documents"), ("entity_mentions", "document_id", "documents"),
        ("quantities", "document_id", "documents"), ("times", "document_id", "documents"),
        ("attributions", "document_id", "documents"), ("hedges", "document_id", "documents"),
        ("extractions", "document_id", "documents"), ("document_bands", "document_id", "documents"),
        ("claim_links", "claim_id", "claims"),
        ("claim_names", "claim_id", "claims"), ("claim_sources", "claim_id", "claims"),
    ]

    /// Empties every table (tests and benchmarks only: each run starts from nothing),
    /// the manual corrections included: they name entities of documents that are gone.
    /// Their table is created on the first correction, so it is dropped, not truncated —
    /// the store is then as a new one. Every table of a document's rows is named: since
    /// migration 6 they have no foreign key for `CASCADE` to follow (it still empties any
    /// table a later migration adds with one).
    public func removeEverything() async throws {
        _ = try await transaction { c in
            try await c.run("""
                TRUNCATE documents, document_bands, near_duplicates, extractions, entity_mentions, quantities,
                         times, attributions, hedges, claims, claim_links, claim_names, claim_sources,
                         ingest_failures, queue, name_stats, name_aliases, name_terms, store_counts RESTART IDENTITY CASCADE
                """)
            try await c.run("SELECT pg_advisory_xact_lock(\(PostgresOverrides.lockKey))")
            try await c.run("DROP TABLE IF EXISTS \(PostgresOverrides.table)")
        }
    }
}

extension PostgresStore {
    /// Creates a new, empty database on the server of `url` and returns its URL: every
    /// test and benchmark run gets its own, so they never see each other's rows.
    public static func createScratchDatabase(near url: String, prefix: String = "dossier_scratch") async throws -> String {
        guard var parts = URLComponents(string: url) else { throw StoreError("\(url): not a PostgreSQL URL") }
        let name = "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        let admin = try await PostgresStore(url: url, connections: 1, migrate: false)
        defer { admin.close() }
        _ = try await admin.read { try await $0.run("CREATE DATABASE \(name)") }
        parts.path = "/\(name)"
        return parts.string ?? url
    }

    /// Drops a database made by `createScratchDatabase`.
    public static func dropScratchDatabase(_ url: String, near server: String) async throws {
        guard let parts = URLComponents(string: url) else { return }
        let name = String(parts.path.drop(while: { $0 == "/" }))
        guard name.hasPrefix("dossier_") else { return }
        let admin = try await PostgresStore(url: server, connections: 1, migrate: false)
        defer { admin.close() }
        _ = try await admin.read { try await $0.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }
}

extension PostgresStore {
    /// Runs one statement outside any store logic: for tests (sabotage triggers) and the
    /// benchmark's bulk generation.
    func execute(_ sql: String) async throws {
        _ = try await read { try await $0.run(sql) }
    }
}
