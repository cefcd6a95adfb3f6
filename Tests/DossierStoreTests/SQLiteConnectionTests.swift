@testable import DossierStore
import Foundation
import GRDB
import Testing

@Suite("SQLite connections")
struct SQLiteConnectionTests {
    /// Query latency at a million claims depends on it (see `SQLiteStore.mappedBytes`):
    /// a connection opened without the pragma reads each page with a system call.
    @Test("Every connection, the query commands' read-only one included, maps the file")
    func connectionsMapTheFile() async throws {
        let temporary = try TemporaryStore()
        let written = try temporary.open()
        let reader = try temporary.open(readOnly: true)
        for store in [written, reader] {
            let mapped = try await store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") }
            #expect((mapped ?? 0) > 0)
        }
    }
}
