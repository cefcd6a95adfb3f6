import DossierCore
@testable import DossierStore
import Foundation
import GRDB
import Testing

@Suite("Locked store")
struct StoreLockTests {
    @Test("A second writer waits the lock timeout, then fails with one clear line; the holder's work is intact")
    func lockedStore() async throws {
        let temporary = try TemporaryStore()
        let first = try temporary.open()
        _ = try await first.save(Sample.record("One.", sha: "a1"), extraction: Extraction(language: .english, length: 4),
                                 nearDuplicateThreshold: 0.7)
        // Another process holding the write lock: a connection inside a write transaction
        // that lasts until the second writer has given up.
        let holder = try DatabaseQueue(path: temporary.path)
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let holding = Thread {
            try? holder.write { db in
                try db.execute(sql: "INSERT INTO ingest_failures (origin, message, at) VALUES ('x', 'y', 'z')")
                started.signal()
                release.wait()
            }
        }
        holding.start()
        started.wait()
        let second = try SQLiteStore(path: temporary.path, lockTimeout: 0.2)
        let error = await #expect(throws: StoreError.self) {
            _ = try await second.save(Sample.record("Two.", sha: "a2"), extraction: Extraction(language: .english, length: 4),
                                      nearDuplicateThreshold: 0.7)
        }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("locked by another writer") && message.contains("0.2 s") && !message.contains("\n"))
        release.signal()
        // Once released, the same store writes.
        _ = try await second.save(Sample.record("Two.", sha: "a2"), extraction: Extraction(language: .english, length: 4),
                                  nearDuplicateThreshold: 0.7)
        #expect(try await second.statistics().documents == 2)
    }

    @Test("The lock timeout comes from DOSSIER_LOCK_TIMEOUT, else 5 s")
    func lockTimeoutDefault() {
        #expect(SQLiteStore.defaultLockTimeout(environment: [:]) == 5)
        #expect(SQLiteStore.defaultLockTimeout(environment: ["DOSSIER_LOCK_TIMEOUT": "0.5"]) == 0.5)
        #expect(SQLiteStore.defaultLockTimeout(environment: ["DOSSIER_LOCK_TIMEOUT": "soon"]) == 5)
    }
}
