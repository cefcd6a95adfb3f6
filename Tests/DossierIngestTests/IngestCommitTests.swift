import DossierCore
import DossierIngest
import DossierStore
import Foundation
import Testing

/// A SQLite store that counts what its deferred commits made durable, so a test can check
/// that ingest never reports a document as added before the commit that stores it.
final class CommitCountingStore: DeferredCommitStore, @unchecked Sendable {
    let base: SQLiteStore
    private let lock = NSLock()
    private var written = 0
    private var durable = 0
    private var commitCount = 0

    init(_ base: SQLiteStore) { self.base = base }

    var committed: (documents: Int, commits: Int) { lock.withLock { (durable, commitCount) } }

    func saveUncommitted(batch: [DocumentToSave], nearDuplicateThreshold: Double) async throws -> [BatchSaveResult] {
        let results = try await base.saveUncommitted(batch: batch, nearDuplicateThreshold: nearDuplicateThreshold)
        let added = results.filter { if case .saved(.added) = $0 { true } else { false } }.count
        lock.withLock { written += added }
        return results
    }

    func commitPending() async throws {
        try await base.commitPending()
        lock.withLock {
            durable += written
            written = 0
            commitCount += 1
        }
    }

    func rollbackPending() async {
        await base.rollbackPending()
        lock.withLock { written = 0 }
    }

    func documentID(sha256: String) async throws -> DocumentID? { try await base.documentID(sha256: sha256) }
    func save(_ record: DocumentRecord, extraction: Extraction, nearDuplicateThreshold: Double) async throws -> SaveOutcome {
        try await base.save(record, extraction: extraction, nearDuplicateThreshold: nearDuplicateThreshold)
    }
    func save(batch: [DocumentToSave], nearDuplicateThreshold: Double) async throws -> [BatchSaveResult] {
        try await base.save(batch: batch, nearDuplicateThreshold: nearDuplicateThreshold)
    }
    func recordFailure(origin: String, message: String) async throws { try await base.recordFailure(origin: origin, message: message) }
    func failures(limit: Int) async throws -> [IngestFailure] { try await base.failures(limit: limit) }
    func search(_ text: String, limit: Int) async throws -> [SearchHit] { try await base.search(text, limit: limit) }
    func claims(matching filter: ClaimFilter, limit: Int) async throws -> [ClaimRow] { try await base.claims(matching: filter, limit: limit) }
    func entity(named name: String, claimLimit: Int) async throws -> [EntityReport] { try await base.entity(named: name, claimLimit: claimLimit) }
    func document(_ reference: String) async throws -> StoredDocument? { try await base.document(reference) }
    func extraction(of document: DocumentID) async throws -> Extraction? { try await base.extraction(of: document) }
    func statistics() async throws -> StoreStatistics { try await base.statistics() }
}

@Suite("Ingest commits")
struct IngestCommitTests {
    /// 30 short articles, French and English, one repeated (same bytes) and one a
    /// near-duplicate of another, as JSON lines.
    static func input(_ w: Workspace) throws -> String {
        var lines: [String] = []
        for i in 0..<30 {
            let text = i % 2 == 0
                ? "Le ministre \(i) a déclaré mardi que le pont de Valdor rouvrirait en mai, selon la préfecture."
                : "Officials said on Monday that bridge \(i) would reopen in May after repairs, the mayor said."
            let object = ["id": "doc-\(i)", "text": text, "published": "2024-05-\(10 + i % 18)"]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            lines.append(String(decoding: data, as: UTF8.self))
        }
        lines.append(lines[3])  // the same bytes again: stored once, inside the open transaction
        return try w.write("in.jsonl", lines.joined(separator: "\n") + "\n")
    }

    @Test("Batches share commits: nothing is reported added before its commit, and the store equals one committed per batch")
    func reportedOnlyOnceCommitted() async throws {
        let w = try Workspace()
        let input = try Self.input(w)
        let store = CommitCountingStore(try SQLiteStore(path: w.folder.appendingPathComponent("deferred.sqlite").path))
        let ingestor = Ingestor(store: store, jobs: 2, batchSize: 4, commitEvery: 12, commitInterval: 1_000)
        let reportedTooEarly = ReportCheck()
        let summary = await ingestor.run(paths: [input], progress: { summary, _ in
            if summary.added > store.committed.documents { reportedTooEarly.flag() }
        })
        #expect(!reportedTooEarly.flagged)
        #expect(summary.added == 30 && summary.unchanged == 1 && summary.failed == 0)
        #expect(store.committed.documents == 30)
        // Eight batches of four, commits every twelve documents or at the end of the input
        // (extraction is idle only once the input is exhausted): three or four commits.
        #expect(store.committed.commits >= 2 && store.committed.commits < 8, "\(store.committed.commits) commits")

        // The same input committed batch by batch (another store): same ids, same rows.
        let plain = try SQLiteStore(path: w.folder.appendingPathComponent("plain.sqlite").path)
        let again = await Ingestor(store: plain, jobs: 2, batchSize: 4, commitEvery: 1).run(paths: [input])
        #expect(again.added == 30 && again.unchanged == 1)
        for i in 0..<30 {
            let a = try #require(try await store.document("doc-\(i)"))
            let b = try #require(try await plain.document("doc-\(i)"))
            #expect(a.id == b.id && a.nearDuplicateOf == b.nearDuplicateOf)
        }
        #expect(try await store.statistics() == (try await plain.statistics()))
        #expect(try await store.claims(matching: ClaimFilter(), limit: 100).map(\.text)
                == (try await plain.claims(matching: ClaimFilter(), limit: 100).map(\.text)))
        #expect(try store.base.checkIntegrity().isEmpty)
    }
}

/// A flag set from the progress callback.
final class ReportCheck: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func flag() { lock.withLock { value = true } }
    var flagged: Bool { lock.withLock { value } }
}
