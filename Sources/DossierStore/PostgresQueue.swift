import DossierCore
import Foundation
import PostgresNIO

/// A document waiting in the queue: everything `save` needs except the extraction, which
/// a worker computes. Kept as JSON in `queue.payload`.
public struct QueuedDocument: Codable, Sendable, Hashable {
    public var sha256: String
    public var text: String
    public var metadata: DocumentMetadata
    public var author: String?
    public var language: String?
    public var origin: String?
    public var minhash: [UInt32]?

    public init(_ record: DocumentRecord) {
        sha256 = record.sha256
        text = record.text
        metadata = record.metadata
        author = record.author
        language = record.language?.rawValue
        origin = record.origin
        minhash = record.fingerprint?.values
    }

    public var record: DocumentRecord {
        DocumentRecord(sha256: sha256, fingerprint: minhash.flatMap(MinHashSignature.init(values:)), text: text,
                       metadata: metadata, author: author, language: language.map { Language($0) }, origin: origin)
    }
}

/// A queue row leased to one worker until `expires`.
public struct QueueItem: Sendable, Hashable {
    public var id: Int64
    public var document: QueuedDocument
    public var attempts: Int
}

public struct QueueStatus: Sendable, Hashable, Codable {
    /// Waiting, leased or not.
    public var pending: Int
    /// Pending rows whose lease is still running.
    public var leased: Int
    public var done: Int
    public var failed: Int
}

/// The work queue on PostgreSQL. Claiming is `SELECT ... FOR UPDATE SKIP LOCKED` inside
/// one UPDATE: workers never wait on each other's rows and never get the same row while
/// its lease runs. Completing stores the documents and marks the rows done in ONE
/// transaction, and only for rows the worker still holds: a worker that lost its lease
/// (it stalled, another took over) writes nothing, so nothing is stored twice. Storing is
/// also idempotent on the SHA-256, which makes "exactly once" hold even then.
extension PostgresStore {
    /// After this many leases of one row the row is marked failed: a document that kills
    /// every worker that tries it must not kill them forever.
    public static let maximumAttempts = 5

    /// Adds documents as pending; bytes already queued or already stored are skipped.
    /// Returns how many were queued.
    public func enqueue(_ records: [DocumentRecord]) async throws -> Int {
        guard !records.isEmpty else { return 0 }
        let encoder = JSONEncoder()
        let rows: [[PGValue]] = try records.map { record in
            [.text(record.sha256), .text(String(decoding: try encoder.encode(QueuedDocument(record)), as: UTF8.self))]
        }
        return try await transaction { c in
            var inserted = 0
            let perStatement = 1_000
            var start = 0
            while start < rows.count {
                let chunk = Array(rows[start..<min(rows.count, start + perStatement)])
                var sql = SQLBuilder("INSERT INTO queue (sha256, payload) SELECT v.sha, v.payload FROM (VALUES ")
                for (i, row) in chunk.enumerated() {
                    sql.add(i == 0 ? "(" : ", (")
                    sql.bind(row[0]); sql.add(", "); sql.bind(row[1]); sql.add(")")
                }
                sql.add("""
                    ) AS v(sha, payload)
                    WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = v.sha)
                    ON CONFLICT (sha256) DO NOTHING RETURNING id
                    """)
                inserted += try await c.run(sql).count
                start += perStatement
            }
            return inserted
        }
    }

    /// Leases up to `limit` claimable rows (pending, and never leased or lease expired)
    /// to `owner` for `lease` seconds.
    public func claim(owner: String, limit: Int, lease seconds: Int) async throws -> [QueueItem] {
        let rows = try await transaction { c in
            var giveUp = SQLBuilder("""
                UPDATE queue SET status = 'failed', error = 'gave up: every worker that took it died or stalled'
                WHERE status = 'pending' AND expires_at < now() AND attempts >= 
                """)
            giveUp.bind(.int(Self.maximumAttempts))
            try await c.run(giveUp)
            var sql = SQLBuilder("""
                WITH picked AS (
                    SELECT id FROM queue
                    WHERE status = 'pending' AND (expires_at IS NULL OR expires_at < now())
                    ORDER BY id LIMIT 
                """)
            sql.bind(.int(limit))
            sql.add(" FOR UPDATE SKIP LOCKED) UPDATE queue q SET lease_owner = ")
            sql.bind(.text(owner))
            sql.add(", expires_at = now() + make_interval(secs => ")
            sql.bind(.int(seconds))
            sql.add("), attempts = q.attempts + 1 FROM picked WHERE q.id = picked.id RETURNING q.id, q.payload, q.attempts")
            return try await c.run(sql).map { try $0.decode((Int64, String, Int).self) }
        }
        let decoder = JSONDecoder()
        return try rows.sorted { $0.0 < $1.0 }.map { id, payload, attempts in
            QueueItem(id: id, document: try decoder.decode(QueuedDocument.self, from: Data(payload.utf8)), attempts: attempts)
        }
    }

    /// What a worker made of one leased row.
    public enum WorkResult: Sendable {
        case extracted(DocumentToSave)
        case failed(String)
    }

    /// Stores the extracted documents and marks their rows done (or failed) in one
    /// transaction — only the rows `owner` still holds. Returns, per item, the save result,
    /// or nil when the lease had been lost (nothing written for it).
    public func complete(owner: String, work: [(item: QueueItem, result: WorkResult)],
                         nearDuplicateThreshold: Double) async throws -> [BatchSaveResult?] {
        guard !work.isEmpty else { return [] }
        return try await transaction { c in
            var held = SQLBuilder("SELECT id FROM queue WHERE status = 'pending' AND lease_owner = ")
            held.bind(.text(owner))
            held.add(" AND id IN (")
            for (i, w) in work.enumerated() {
                if i > 0 { held.add(", ") }
                held.bind(.int(w.item.id))
            }
            held.add(") FOR UPDATE")
            let owned = Set(try await c.run(held).map { try $0.decode(Int64.self) })
            var toSave: [(Int, DocumentToSave)] = []
            var results = [BatchSaveResult?](repeating: nil, count: work.count)
            for (i, w) in work.enumerated() where owned.contains(w.item.id) {
                switch w.result {
                case .extracted(let document): toSave.append((i, document))
                case .failed(let message): results[i] = .failed(message)
                }
            }
            let saved = try await Self.save(batch: toSave.map(\.1), on: c, nearDuplicateThreshold: nearDuplicateThreshold)
            for ((i, _), result) in zip(toSave, saved) { results[i] = result }
            for (i, w) in work.enumerated() {
                guard let result = results[i] else { continue }
                var update = SQLBuilder("UPDATE queue SET lease_owner = NULL, expires_at = NULL, done_at = now(), ")
                switch result {
                case .saved(let outcome):
                    update.add("status = 'done', error = NULL, document_id = ")
                    update.bind(.int(outcome.id))
                case .failed(let message):
                    update.add("status = 'failed', error = ")
                    update.bind(.text(message))
                }
                update.add(" WHERE id = ")
                update.bind(.int(w.item.id))
                try await c.run(update)
            }
            return results
        }
    }

    public func queueStatus() async throws -> QueueStatus {
        try await read { c in
            let row = try await c.run("""
                SELECT COUNT(*) FILTER (WHERE status = 'pending'),
                       COUNT(*) FILTER (WHERE status = 'pending' AND expires_at >= now()),
                       COUNT(*) FILTER (WHERE status = 'done'),
                       COUNT(*) FILTER (WHERE status = 'failed')
                FROM queue
                """).first
            guard let row else { throw StoreError("no queue status") }
            let (p, l, d, f) = try row.decode((Int, Int, Int, Int).self)
            return QueueStatus(pending: p, leased: l, done: d, failed: f)
        }
    }
}

extension PostgresStore {
    /// How many distinct stored documents and hashes the done queue rows point at: equal
    /// to the number of rows when every document was stored exactly once.
    public func queueDocumentCounts() async throws -> (distinctDocuments: Int, distinctSHA: Int) {
        try await read { c in
            let row = try await c.run("""
                SELECT COUNT(DISTINCT q.document_id), COUNT(DISTINCT d.sha256)
                FROM queue q JOIN documents d ON d.id = q.document_id WHERE q.status = 'done'
                """).first
            guard let row else { return (0, 0) }
            let (a, b) = try row.decode((Int, Int).self)
            return (a, b)
        }
    }
}
