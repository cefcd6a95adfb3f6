import DossierCore
import Foundation
import GRDB

/// The evidence base in one SQLite file, through GRDB.
///
/// WAL mode (readers never wait for the writer, and a crash leaves the file intact),
/// foreign keys on, `synchronous = NORMAL` (durable at each checkpoint, safe against
/// process death, which is what an interrupted ingest needs). Every document is written
/// in one transaction, so a killed process leaves either the whole document or nothing.
public final class SQLiteStore: EvidenceStore {
    let writer: any DatabaseWriter
    public let path: String
    /// Seconds a write waits for another process's write to finish before it fails with
    /// `lockedMessage`.
    public let lockTimeout: Double
    /// The WAL hook and checkpointer thread of the writing connection (nil when read-only).
    let checkpointer: SQLiteCheckpointer?
    /// Per-statement CPU of the writing connection, when asked for (`SQLiteStatementProfile`).
    public let statementProfile: SQLiteStatementProfile?

    /// The default wait for a locked file: `$DOSSIER_LOCK_TIMEOUT` seconds, else 5 — long
    /// enough for another `dossier add` to commit a batch, short enough that a user
    /// facing a stuck writer is told so instead of waiting in silence.
    public static func defaultLockTimeout(environment: [String: String] = ProcessInfo.processInfo.environment) -> Double {
        environment["DOSSIER_LOCK_TIMEOUT"].flatMap(Double.init).map { max(0, $0) } ?? 5
    }

    var lockedMessage: String { Self.lockedMessage(path, lockTimeout) }

    static func lockedMessage(_ path: String, _ wait: Double) -> String {
        "\(path): the store is locked by another writer (waited \(seconds(wait)); DOSSIER_LOCK_TIMEOUT=SECONDS waits longer)"
    }

    /// How much of the file each connection may map (2 GiB; address space, not memory).
    static let mappedBytes = 1 << 31

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    /// Opens (creating if needed) the store at `path` and migrates it. With `readOnly`,
    /// the file must exist and is never written: for the query commands.
    /// `checkpointing`: who copies the WAL into the file (`SQLiteCheckpointing`; default
    /// `$DOSSIER_CHECKPOINT`, else a background thread). `profilingStatements`: time every
    /// statement of the writing connection (default `$DOSSIER_PROFILE_SQL`; see
    /// `statementProfile`).
    public init(path: String, readOnly: Bool = false, lockTimeout: Double? = nil,
                checkpointing: SQLiteCheckpointing? = nil, profilingStatements: Bool? = nil) throws {
        self.path = path
        let checkpointer = readOnly ? nil : SQLiteCheckpointer(path: path, mode: checkpointing ?? .fromEnvironment())
        self.checkpointer = checkpointer
        let profile = !readOnly && (profilingStatements ?? SQLiteStatementProfile.enabled()) ? SQLiteStatementProfile() : nil
        statementProfile = profile
        let wait = lockTimeout ?? Self.defaultLockTimeout()
        self.lockTimeout = wait
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw StoreError("\(path): is a directory, not a store file") }
        if readOnly && !exists { throw StoreError("\(path): no store there yet (create one with 'dossier add')") }
        if !readOnly && exists, try Self.isMarkedReadOnly(path) {
            throw StoreError("\(path): the store file is read-only; nothing was written")
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Ingest keeps one write transaction open across batches (`DeferredCommitStore`,
        // SQLiteIngestTransaction.swift); readers never see it (they read the last commit).
        config.allowsUnsafeTransactions = true
        config.readonly = readOnly
        // Several `dossier add` may share a file: wait a little for the other writer's
        // transaction, then fail with one clear line (`lockedMessage`).
        config.busyMode = .timeout(wait)
        config.prepareDatabase { db in
            // Every connection, readers included, reads the file through a memory map:
            // a query at a million claims touches a few hundred pages scattered over a
            // gigabyte, and with SQLite's default `read()` per page into a 2 MB cache
            // most of its time was system calls (an `entity` report: 21 ms → 12 ms on
            // a loaded machine). SQLite caps the size at its compile-time maximum.
            try db.execute(sql: "PRAGMA mmap_size = \(Self.mappedBytes)")
        }
        if !readOnly {
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // The writing connection only (a pool's readers are read-only). Ingest
                // inserts rows at random places of the word indexes and FTS tables: with
                // SQLite's default 2 MB cache, pages were evicted and read back within a
                // batch. 128 MB (64 MB until round 8) holds the pages an ingest
                // transaction of 512 documents dirties at 10 000 articles without spilling
                // them to the WAL mid-transaction (a replay: 519 KB written per article at
                // 64 MB, 468 at 128 and at 256 MB). An upper bound, taken only as pages
                // are dirtied or read.
                // Checkpoints every 8 192 pages (32 MB) instead of 1 000: a page written
                // by many batches is copied into the file once per checkpoint, and the
                // fsync of each checkpoint is paid less often. Readers still see every
                // commit; a crash loses nothing more (the WAL is replayed on open). Since
                // round 9 they run on a thread of their own (`SQLiteCheckpointer`), not
                // inside the writer's commits.
                if !db.configuration.readonly {
                    try db.execute(sql: "PRAGMA cache_size = -131072")
                    try checkpointer?.install(on: db)
                    profile?.install(on: db)
                }
            }
        }
        do {
            if readOnly {
                writer = try DatabaseQueue(path: path, configuration: config)
            } else {
                writer = try DatabasePool(path: path, configuration: config)
                try SQLiteSchema.migrator.migrate(writer)
                // After the migrations, whose index builds may sort millions of rows: each
                // document is written under a savepoint, and its undo records (the
                // sub-journal) went to a temporary file once past SQLite's 64 KiB, a
                // write and a truncate per document, most of the writer's system time.
                // Held in memory instead, they are a document's worth of pages at most.
                try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
            }
            if readOnly {
                let known = try writer.read { db in try SQLiteSchema.migrator.hasCompletedMigrations(db) }
                if !known { throw StoreError("\(path): not a Dossier store, or one from a newer version") }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            if Self.isLocked(error) { throw StoreError(Self.lockedMessage(path, wait)) }
            throw StoreError("\(path): cannot open the store: \(error.message ?? error.description)")
        }
    }

    deinit {
        checkpointer?.stop()
    }

    /// Who checkpoints the WAL (nil when read-only).
    public var checkpointing: SQLiteCheckpointing? { checkpointer?.mode }

    /// Where the writer's time went since the store was opened (`bench-store`).
    public var writerTimings: SQLiteWriterTimings { checkpointer?.timings ?? SQLiteWriterTimings() }

    /// Copies the whole WAL into the file and empties it, once the checkpointer thread's
    /// run (if any) is over: the end of an ingest leaves a self-contained file and no WAL
    /// of hundreds of megabytes behind. Best effort: a reader of another process holding
    /// an old snapshot past the lock timeout leaves the rest to a later checkpoint.
    public func checkpointAfterIngest() async {
        guard let checkpointer else { return }
        try? await writer.writeWithoutTransaction { db in
            guard !db.isInsideTransaction else { return }
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try checkpointer.exclusively { try db.checkpoint(.truncate) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            checkpointer.record {
                $0.writerCheckpointSeconds += seconds
                $0.writerCheckpoints += 1
            }
        }
    }

    static func isLocked(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// A write in its own transaction, with a lock held too long by another process
    /// reported as one line. When an ingest transaction is open (`saveUncommitted`), the
    /// body runs in a savepoint inside it and — unless `joiningIngest` — commits it: a
    /// write that promises durability gets it; an ingest's own failure records
    /// (`recordFailure`) wait for the ingest's commit.
    func write<T: Sendable>(joiningIngest: Bool = false, _ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.writeWithoutTransaction { db in
                var result: T?
                // A savepoint, or a transaction of its own when none is open.
                try db.inSavepoint {
                    result = try body(db)
                    return .commit
                }
                if !joiningIngest, db.isInsideTransaction { try db.commit() }
                return result!
            }
        } catch let error as DatabaseError where Self.isLocked(error) {
            throw StoreError(lockedMessage)
        }
    }

    /// True when no one may write the file by its permission bits. Checked by hand because
    /// a root process ignores them, and writing over a file marked read-only is never meant.
    static func isMarkedReadOnly(_ path: String) throws -> Bool {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o222 == 0 { return true }
        return !FileManager.default.isWritableFile(atPath: path)
    }

    /// Where the store lives: `--store`, else `$DOSSIER_STORE`, else `./dossier.sqlite`.
    public static func resolvePath(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let env = environment["DOSSIER_STORE"], !env.isEmpty { return env }
        return "dossier.sqlite"
    }

    public func documentID(sha256: String) async throws -> DocumentID? {
        try await writer.read { db in
            try DocumentID.fetchOne(db, sql: "SELECT id FROM documents WHERE sha256 = ?", arguments: [sha256])
        }
    }

    public func save(_ record: DocumentRecord, extraction: Extraction, nearDuplicateThreshold: Double) async throws -> SaveOutcome {
        // Prepared outside the transaction: keeps the write lock short.
        let prepared = PreparedDocument(record: record, extraction: extraction)
        return try await write { db in
            let rows = SQLiteWriter(db: db)
            let mark = try rows.textMark()
            let outcome = try rows.save(record, extraction: extraction, prepared: prepared,
                                        nearDuplicateThreshold: nearDuplicateThreshold)
            if case .added = outcome { try rows.indexText(since: mark) }
            return outcome
        }
    }

    public func save(batch: [DocumentToSave], nearDuplicateThreshold: Double) async throws -> [BatchSaveResult] {
        let prepared = batch.map { PreparedDocument.fitting($0.prepared, $0.record, $0.extraction, for: .sqlite) }
        return try await write { db in
            try Self.saveRows(db, batch, prepared, nearDuplicateThreshold: nearDuplicateThreshold)
        }
    }

    /// A batch's documents, each in its own savepoint inside the caller's transaction: a
    /// failing document is rolled back alone and reported as a result. Then the full-text
    /// rows of the documents added (`SQLiteWriter.indexText`): if that fails, the error is
    /// thrown and the caller rolls the batch back.
    ///
    /// The savepoint is run by cached statements rather than GRDB's `inSavepoint`, which
    /// compiles `SAVEPOINT` and `RELEASE` again for every document.
    static func saveRows(_ db: Database, _ batch: [DocumentToSave], _ prepared: [PreparedDocument],
                         nearDuplicateThreshold: Double) throws -> [BatchSaveResult] {
        let rows = SQLiteWriter(db: db)
        let mark = try rows.textMark()
        let begin = try db.cachedStatement(sql: "SAVEPOINT document")
        let release = try db.cachedStatement(sql: "RELEASE SAVEPOINT document")
        let rollback = try db.cachedStatement(sql: "ROLLBACK TRANSACTION TO SAVEPOINT document")
        let inTransaction = db.isInsideTransaction
        var results: [BatchSaveResult] = []
        results.reserveCapacity(batch.count)
        var added = false
        for (item, prepared) in zip(batch, prepared) {
            // SQLite rolls the whole transaction back on some errors (a full disk): a
            // savepoint now would begin a new one, and commit what follows without what
            // came before. The rest of the batch fails instead; the caller sees it.
            if inTransaction, !db.isInsideTransaction {
                results.append(.failed("the write transaction was rolled back"))
                continue
            }
            do {
                try begin.execute()
                let outcome = try rows.save(item.record, extraction: item.extraction, prepared: prepared,
                                            nearDuplicateThreshold: nearDuplicateThreshold)
                try release.execute()
                if case .added = outcome { added = true }
                results.append(.saved(outcome))
            } catch {
                if db.isInsideTransaction {
                    try? rollback.execute()
                    try? release.execute()
                }
                if let error = error as? DatabaseError {
                    results.append(.failed(error.message ?? error.description))
                } else {
                    results.append(.failed(String(describing: error)))
                }
            }
        }
        if added, db.isInsideTransaction { try rows.indexText(since: mark) }
        return results
    }

    public func recordFailure(origin: String, message: String) async throws {
        try await write(joiningIngest: true) { db in
            try db.execute(sql: "DELETE FROM ingest_failures WHERE origin = ?", arguments: [origin])
            try db.execute(sql: """
                INSERT INTO ingest_failures (origin, message, at)
                VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                """, arguments: [origin, message])
        }
    }

    public func failures(limit: Int) async throws -> [IngestFailure] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT origin, message, at FROM ingest_failures ORDER BY id DESC LIMIT ?",
                             arguments: [limit])
                .map { IngestFailure(origin: $0["origin"], message: $0["message"], at: $0["at"]) }
        }
    }

    public func search(_ text: String, limit: Int) async throws -> [SearchHit] {
        try await writer.read { db in try SQLiteQueries(db: db).search(text, limit: limit) }
    }

    public func claims(matching filter: ClaimFilter, limit: Int) async throws -> [ClaimRow] {
        try await writer.read { db in try SQLiteQueries(db: db).claims(filter, limit: limit) }
    }

    public func entity(named name: String, claimLimit: Int) async throws -> [EntityReport] {
        try await writer.read { db in try SQLiteQueries(db: db).entity(name, claimLimit: claimLimit) }
    }

    public func document(_ reference: String) async throws -> StoredDocument? {
        try await writer.read { db in try SQLiteQueries(db: db).document(reference) }
    }

    public func extraction(of document: DocumentID) async throws -> Extraction? {
        // Plain JSON text (stores written before round 8) or a zlib stream: see
        // `ExtractionJSONCompression`.
        let json = try await writer.read { db in
            try DatabaseValue.fetchOne(db, sql: "SELECT json FROM extractions WHERE document_id = ?", arguments: [document])
        }
        guard let json else { return nil }
        return try ExtractionJSONCompression.extraction(json, decoder: DossierJSON.decoder())
    }

    public func statistics() async throws -> StoreStatistics { try await countedStatistics() }

    /// Runs SQLite's own consistency checks: integrity and foreign keys. For tests and
    /// for users who suspect a damaged file.
    public func checkIntegrity() throws -> [String] {
        try writer.read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += orphans.map { "foreign key broken in \($0[0] as String? ?? "?")" }
            problems += try ClaimWords.orphans(db)
            return problems
        }
    }
}
