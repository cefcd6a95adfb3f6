import DossierCore
@testable import DossierStore
import Foundation
import Testing

@Suite("PostgreSQL work queue", .enabled(if: Backend.postgresURL != nil || Backend.postgresRequired,
                                         "PostgreSQL queue tests skipped: set DOSSIER_TEST_POSTGRES"))
struct QueueTests {
    func records(_ n: Int) -> [DocumentRecord] {
        (0..<n).map { Sample.record("Document number \($0).", sha: "q\($0)", published: "2024-11-12") }
    }

    func extracted(_ item: QueueItem) -> PostgresStore.WorkResult {
        let record = item.document.record
        return .extracted(DocumentToSave(record: record, extraction: Extraction(language: .english,
                                                                                  length: record.text.unicodeScalars.count)))
    }

    @Test("Enqueue skips known bytes; two workers never lease the same row")
    func leases() async throws {
        let store = try await PostgresScratch.open()
        #expect(try await store.enqueue(records(10)) == 10)
        #expect(try await store.enqueue(records(12)) == 2, "already queued bytes are not queued again")
        let first = try await store.claim(owner: "w1", limit: 5, lease: 60)
        let second = try await store.claim(owner: "w2", limit: 100, lease: 60)
        #expect(first.count == 5 && second.count == 7)
        #expect(Set(first.map(\.id)).isDisjoint(with: second.map(\.id)))
        #expect(try await store.claim(owner: "w3", limit: 5, lease: 60).isEmpty)
        let status = try await store.queueStatus()
        #expect(status.pending == 12 && status.leased == 12 && status.done == 0)
    }

    @Test("A lost lease is reclaimed by another worker; the late worker writes nothing")
    func expiredLease() async throws {
        let store = try await PostgresScratch.open()
        _ = try await store.enqueue(records(3))
        let dead = try await store.claim(owner: "dead", limit: 3, lease: 1)
        #expect(dead.count == 3)
        try await Task.sleep(for: .milliseconds(1_300))
        let taken = try await store.claim(owner: "alive", limit: 10, lease: 60)
        #expect(taken.map(\.id) == dead.map(\.id))
        #expect(taken.allSatisfy { $0.attempts == 2 })
        let done = try await store.complete(owner: "alive", work: taken.map { ($0, extracted($0)) }, nearDuplicateThreshold: 0.7)
        #expect(done.allSatisfy { if case .saved(.added)? = $0 { true } else { false } })
        // The first worker wakes up and tries to finish: nothing is written for it.
        let late = try await store.complete(owner: "dead", work: dead.map { ($0, extracted($0)) }, nearDuplicateThreshold: 0.7)
        #expect(late.allSatisfy { $0 == nil })
        #expect(try await store.statistics().documents == 3)
        let status = try await store.queueStatus()
        #expect(status.done == 3 && status.pending == 0)
        #expect(try await store.enqueue(records(3)) == 0, "stored documents are not queued again")
    }

    @Test("A document that fails extraction is marked failed, the others done")
    func failures() async throws {
        let store = try await PostgresScratch.open()
        _ = try await store.enqueue(records(2))
        let items = try await store.claim(owner: "w", limit: 2, lease: 60)
        let results = try await store.complete(owner: "w", work: [(items[0], extracted(items[0])), (items[1], .failed("bad input"))],
                                               nearDuplicateThreshold: 0.7)
        #expect(results[1] == .failed("bad input"))
        let status = try await store.queueStatus()
        #expect(status.done == 1 && status.failed == 1 && status.pending == 0)
    }
}
