import DossierCore
@testable import DossierStore
import Foundation
import Testing

/// Ingest's long SQLite transaction (`DeferredCommitStore`): batches written without a
/// commit are invisible to readers and to another process, survive as a whole or not at
/// all, and are still deduplicated inside the transaction.
@Suite("SQLite deferred commits")
struct DeferredCommitTests {
    static func batch(_ texts: [(String, String)]) -> [DocumentToSave] {
        texts.map { text, sha in
            DocumentToSave(record: Sample.record(text, sha: sha, published: "2024-05-0\(sha.count)"),
                           extraction: Sample.extraction(text, source: "Anna Berg", cue: "said",
                                                         content: "the bridge reopens", entity: "Anna Berg"))
        }
    }

    @Test("Uncommitted batches are invisible to readers and to another connection, then all appear at the commit")
    func invisibleUntilCommit() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        let first = Self.batch([("Anna Berg said the bridge reopens.", "d1"), ("Anna Berg said the bridge reopens in May.", "d2")])
        let results = try await store.saveUncommitted(batch: first, nearDuplicateThreshold: 0)
        #expect(results.count == 2)
        _ = try await store.saveUncommitted(batch: Self.batch([("Anna Berg said: the bridge reopens.", "d3")]),
                                            nearDuplicateThreshold: 0)
        #expect(try await store.statistics().documents == 0)
        #expect(try await store.documentID(sha256: "d1") == nil)
        let other = try SQLiteStore(path: temporary.path, readOnly: true)
        #expect(try await other.statistics().documents == 0)
        try await store.commitPending()
        #expect(try await store.statistics().documents == 3)
        #expect(try await other.claims(matching: ClaimFilter(about: "Anna Berg"), limit: 10).count == 3)
        try await store.commitPending()  // nothing open: nothing to do
        #expect(try store.checkIntegrity().isEmpty)
    }

    @Test("The same bytes twice in one uncommitted transaction are stored once")
    func dedupeInsideTransaction() async throws {
        let store = try TemporaryStore().open()
        let one = try await store.saveUncommitted(batch: Self.batch([("Anna Berg said the bridge reopens.", "d1")]),
                                                  nearDuplicateThreshold: 0)
        let again = try await store.saveUncommitted(batch: Self.batch([("Anna Berg said the bridge reopens.", "d1")]),
                                                    nearDuplicateThreshold: 0)
        guard case .saved(.added(let id, _)) = one.first else { Issue.record("not added: \(one)"); return }
        #expect(again == [.saved(.unchanged(id))])
        try await store.commitPending()
        #expect(try await store.statistics().documents == 1)
    }

    @Test("A rollback abandons every uncommitted batch, and the store writes again afterwards")
    func rollback() async throws {
        let store = try TemporaryStore().open()
        _ = try await store.saveUncommitted(batch: Self.batch([("Anna Berg said the bridge reopens.", "d1")]), nearDuplicateThreshold: 0)
        _ = try await store.saveUncommitted(batch: Self.batch([("Anna Berg said the bridge reopens now.", "d22")]), nearDuplicateThreshold: 0)
        await store.rollbackPending()
        #expect(try await store.statistics().documents == 0)
        _ = try await store.saveUncommitted(batch: Self.batch([("Anna Berg said the bridge reopens.", "d1")]), nearDuplicateThreshold: 0)
        try await store.commitPending()
        #expect(try await store.statistics().documents == 1)
        #expect(try await store.claims(matching: ClaimFilter(about: "Berg"), limit: 10).count == 1)
    }

    @Test("A failure recorded during the transaction waits for its commit; a plain save commits what is open")
    func writesDuringTransaction() async throws {
        let store = try TemporaryStore().open()
        _ = try await store.saveUncommitted(batch: Self.batch([("Anna Berg said the bridge reopens.", "d1")]), nearDuplicateThreshold: 0)
        try await store.recordFailure(origin: "bad.txt", message: "empty file")
        #expect(try await store.failures(limit: 5).isEmpty)
        #expect(try await store.statistics().documents == 0)
        // A write that promises durability (one document, its own transaction) commits.
        _ = try await store.save(Sample.record("Other text.", sha: "z9"), extraction: Extraction(language: .english, length: 11),
                                 nearDuplicateThreshold: 0)
        #expect(try await store.statistics().documents == 2)
        #expect(try await store.failures(limit: 5).map(\.origin) == ["bad.txt"])
    }

    @Test("A second process waits for the ingest's commit instead of writing into it")
    func otherProcessWaits() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        _ = try await store.saveUncommitted(batch: Self.batch([("Anna Berg said the bridge reopens.", "d1")]), nearDuplicateThreshold: 0)
        let second = try SQLiteStore(path: temporary.path, lockTimeout: 0.1)
        await #expect(throws: StoreError.self) {
            _ = try await second.save(Sample.record("Two.", sha: "a2"), extraction: Extraction(language: .english, length: 4),
                                      nearDuplicateThreshold: 0)
        }
        try await store.commitPending()
        _ = try await second.save(Sample.record("Two.", sha: "a2"), extraction: Extraction(language: .english, length: 4),
                                  nearDuplicateThreshold: 0)
        #expect(try await second.statistics().documents == 2)
    }
}
