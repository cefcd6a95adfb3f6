import DossierCore
@testable import DossierStore
import Foundation
import GRDB
import Testing

/// The store tests run against every backend: SQLite always, PostgreSQL when
/// `DOSSIER_TEST_POSTGRES` names a server (`scripts/postgres start` makes one;
/// `scripts/test` does it and sets `DOSSIER_REQUIRE_POSTGRES=1`, so in CI a missing
/// server fails the tests instead of skipping them).
enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    var description: String { rawValue }

    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["DOSSIER_TEST_POSTGRES"]
        return url?.isEmpty == false ? url : nil
    }

    static var postgresRequired: Bool { ProcessInfo.processInfo.environment["DOSSIER_REQUIRE_POSTGRES"] == "1" }

    /// The backends to test. PostgreSQL is listed when configured or required: required
    /// and missing, its tests fail with the reason.
    static var available: [Backend] {
        postgresURL != nil || postgresRequired ? allCases : [.sqlite]
    }
}

/// A fresh, empty store of one backend, with the hooks the tests need.
struct StoreUnderTest: Sendable {
    let backend: Backend
    let store: any EvidenceStore
    /// Makes every INSERT of a claim whose text contains `word` (every claim when nil) fail.
    let sabotage: @Sendable (_ word: String?) async throws -> Void
    let integrity: @Sendable () async throws -> [String]

    static func open(_ backend: Backend) async throws -> StoreUnderTest {
        switch backend {
        case .sqlite:
            let temporary = try TemporaryStore()
            let store = try temporary.open()
            return StoreUnderTest(backend: backend, store: store, sabotage: { word in
                let queue = try DatabaseQueue(path: temporary.path)
                let condition = word.map { "WHEN NEW.text LIKE '%\($0)%'" } ?? ""
                try await queue.write { db in
                    try db.execute(sql: "CREATE TRIGGER sabotage BEFORE INSERT ON claims \(condition) BEGIN SELECT RAISE(ABORT, 'boom'); END")
                }
            }, integrity: { try store.checkIntegrity() })
        case .postgres:
            let store = try await PostgresScratch.open()
            return StoreUnderTest(backend: backend, store: store, sabotage: { word in
                let condition = word.map { "WHEN (NEW.text LIKE '%\($0)%')" } ?? ""
                try await store.execute("CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$ LANGUAGE plpgsql")
                try await store.execute("CREATE TRIGGER sabotage BEFORE INSERT ON claims FOR EACH ROW \(condition) EXECUTE FUNCTION boom()")
            }, integrity: { try await store.checkIntegrity() })
        }
    }
}

/// One new database per test on the test server, so tests run in parallel unseen by
/// each other. Databases are left for `scripts/postgres destroy`: dropping them would
/// race with the pool's connections closing.
enum PostgresScratch {
    static func open() async throws -> PostgresStore { try await database().store }

    /// A new database and its URL, for tests that close the store and open it again.
    static func database(connections: Int = 4) async throws -> (url: String, store: PostgresStore) {
        guard let server = Backend.postgresURL else {
            throw StoreError("DOSSIER_REQUIRE_POSTGRES=1 but DOSSIER_TEST_POSTGRES is not set: start a server with scripts/postgres start")
        }
        let url = try await PostgresStore.createScratchDatabase(near: server, prefix: "dossier_test")
        return (url, try await PostgresStore(url: url, connections: connections))
    }

    /// A new database filled by `fill`, and what `answers` read from it: the "before" of a
    /// migration test, which then takes the database back to an older schema.
    static func filled(by fill: (PostgresStore) async throws -> Void,
                       answers: (PostgresStore) async throws -> [String])
        async throws -> (url: String, store: PostgresStore, before: [String]) {
        let (url, store) = try await database(connections: 2)
        try await fill(store)
        return (url, store, try await answers(store))
    }
}

@Suite("PostgreSQL test server")
struct PostgresServerTests {
    @Test("The configured server is reachable and migrates a new database",
          .enabled(if: Backend.postgresURL != nil || Backend.postgresRequired,
                   "PostgreSQL store tests skipped: set DOSSIER_TEST_POSTGRES=postgres://… (scripts/postgres start)"))
    func reachable() async throws {
        let store = try await PostgresScratch.open()
        #expect(try await store.statistics().documents == 0)
        // Migrating again is a no-op.
        let again = try await PostgresStore(url: store.displayURL, connections: 1)
        #expect(try await again.statistics().documents == 0)
    }

    @Test("A server that is not there gives one clear line")
    func unreachable() async throws {
        await #expect {
            _ = try await PostgresStore(url: "postgres://nobody@127.0.0.1:1/none", connections: 1)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("127.0.0.1:1") && !text.contains("\n")
        }
        await #expect(throws: StoreError.self) { _ = try await PostgresStore(url: "mysql://x/y") }
    }
}
