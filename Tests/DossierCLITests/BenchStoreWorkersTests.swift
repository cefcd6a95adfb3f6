import Foundation
import Testing

/// `bench-store --workers N`: the benchmark of the scale-out path runs real `dossier
/// worker` processes against a real server and reports what they stored.
@Suite("bench-store --workers, against a real PostgreSQL server")
struct BenchStoreWorkersTests {
    @Test("Two worker processes drain the queued articles and the report counts every one",
          .enabled(if: PostgresForCLI.configured, "PostgreSQL CLI tests skipped: set DOSSIER_TEST_POSTGRES=postgres://… (scripts/postgres start)"))
    func twoWorkers() throws {
        let server = try #require(PostgresForCLI.url, "DOSSIER_REQUIRE_POSTGRES=1 but DOSSIER_TEST_POSTGRES is not set")
        let result = try CLI.run(["bench-store", "--backend", "postgres", "--postgres", server, "--documents", "24",
                                  "--claims", "0", "--workers", "2", "--jobs", "1", "--batch-size", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("queued: 24 documents"), "\(result.stdout)")
        #expect(result.stdout.contains("ingest: 24 documents"), "\(result.stdout)")
        #expect(result.stdout.contains("0 not stored"), "\(result.stdout)")
        #expect(result.stdout.contains("worker exit statuses 0 0"), "\(result.stdout)")
        // Both workers reported, and together they stored every article exactly once.
        let stored = result.stderr.split(separator: "\n").filter { $0.hasPrefix("dossier worker ") }
            .compactMap { line in line.split(separator: ": ").last?.split(separator: " ").first.flatMap { Int($0) } }
        #expect(stored.count == 2)
        #expect(stored.reduce(0, +) == 24)
    }

    @Test("--workers is refused for SQLite, with one line and a non-zero exit")
    func sqliteRefused() throws {
        let result = try CLI.run(["bench-store", "--backend", "sqlite", "--documents", "5", "--claims", "0", "--workers", "2"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--workers needs --backend postgres"), "\(result.stderr)")
    }
}
