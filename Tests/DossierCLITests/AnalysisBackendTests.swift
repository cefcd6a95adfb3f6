import DossierStore
import Foundation
import Testing
import DossierTestSupport

/// The analysis commands on a PostgreSQL store give what they give on a SQLite file for
/// the same input: the conflict corpus added once to each, then `facts`, `conflicts`,
/// `corroboration`, `timeline`, `export` and `entity merge/split` compared output for
/// output. Runs when `DOSSIER_TEST_POSTGRES` names a server; with
/// `DOSSIER_REQUIRE_POSTGRES=1` (scripts/test) a missing server fails instead.
@Suite("analysis commands on PostgreSQL and SQLite", .serialized,
       .enabled(if: PostgresForCLI.configured, "PostgreSQL CLI tests skipped: set DOSSIER_TEST_POSTGRES=postgres://… (scripts/postgres start)"))
struct AnalysisBackendTests {
    typealias Row = [String: Any]

    /// Both stores filled with the corpus by `dossier add`, the PostgreSQL one in a new
    /// database of its own, one article per run: a batch is stored in the order its
    /// extractions finish, and that order decides which of two copies published the same
    /// day is the original and how facts are numbered, so one run for all would make the
    /// stores differ by chance, not by backend. Made once and shared: the suite runs its
    /// tests one at a time, and the corrections one test records go to both stores alike.
    static let shared = Task<(dir: URL, sqlite: [String], postgres: [String]), any Error> {
        let dir = Scratch.path("dossier-backends")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let sqlite = ["--store", dir.appendingPathComponent("corpus.sqlite").path]
        let postgres = ["--postgres", try await PostgresForCLI.scratchDatabase()]
        let lines = try ConflictCorpusStore.jsonLines().split(separator: UInt8(ascii: "\n")).map { Data($0) }
        async let first: Void = fill(sqlite, lines)
        async let second: Void = fill(postgres, lines)
        _ = try await (first, second)
        return (dir, sqlite, postgres)
    }

    /// The runs, one after the other, on a thread of their own: a minute of waiting on
    /// processes must not hold one of the few threads the other suites run on.
    static func fill(_ store: [String], _ lines: [Data]) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                do {
                    for line in lines {
                        let add = try CLI.run(["add", "-", "--input-format", "jsonl", "--quiet"] + store, stdin: line)
                        guard add.status == 0 else { throw StoreError("dossier add: \(add.stderr)") }
                    }
                    done.resume()
                } catch {
                    done.resume(throwing: error)
                }
            }
        }
    }

    static func stores() async throws -> (dir: URL, sqlite: [String], postgres: [String]) {
        try await shared.value
    }

    /// Facts as JSON with what legitimately differs between two stores removed: document
    /// numbers (the ingest writes in the order extractions finish).
    static func normalised(_ output: String) -> String {
        output.replacingOccurrences(of: #""(document|document_id|documentId|id)"\s*:\s*\d+"#, with: "\"$1\":0",
                                    options: .regularExpression)
    }

    @Test("facts, conflicts, corroboration and timeline are the same on both backends")
    func sameAnalysis() async throws {
        let (_, sqlite, postgres) = try await Self.stores()
        var compared = 0
        for command in [["facts", "--limit", "100"], ["conflicts", "--limit", "100"], ["corroboration", "1"],
                        ["timeline", "Tarsk", "--limit", "100"], ["facts", "--about", "Tarsk"]] {
            let a = try CLI.run(command + sqlite + ["--format", "json"])
            let b = try CLI.run(command + postgres + ["--format", "json"])
            #expect(a.status == 0, "\(command) on SQLite: \(a.stderr)")
            #expect(b.status == 0, "\(command) on PostgreSQL: \(b.stderr)")
            #expect(!a.stdout.isEmpty)
            #expect(Self.normalised(a.stdout) == Self.normalised(b.stdout), "\(command) differs")
            compared += 1
        }
        #expect(compared == 5)
        // The corpus has facts and at least one contradiction, so the comparison compared something.
        let facts = try JSONSerialization.jsonObject(with: Data(try CLI.run(["facts", "--limit", "100", "--format", "json"] + postgres).stdout.utf8)) as? [Row]
        #expect((facts?.count ?? 0) >= 5)
        let conflicts = try CLI.run(["conflicts", "--format", "json"] + postgres)
        #expect(conflicts.stdout.contains("a"), "\(conflicts.stdout.prefix(200))")
        // A table for a person works too.
        let table = try CLI.run(["facts", "--format", "table"] + postgres)
        #expect(table.status == 0 && !table.stdout.isEmpty, "\(table.stderr)")
    }

    @Test("export writes the same records from both backends")
    func sameExport() async throws {
        let (_, sqlite, postgres) = try await Self.stores()
        for format in ["csv", "annotations", "ftm"] {
            let a = try CLI.run(["export", "--format", format] + sqlite)
            let b = try CLI.run(["export", "--format", format] + postgres)
            #expect(a.status == 0, "\(format) on SQLite: \(a.stderr)")
            #expect(b.status == 0, "\(format) on PostgreSQL: \(b.stderr)")
            // Same records, whatever the document numbering and order.
            let lines = { (s: String) in Set(Self.normalised(s).split(whereSeparator: \.isNewline).map { Self.withoutDocumentNumbers(String($0)) }) }
            #expect(lines(a.stdout).count > 20, "\(format): \(a.stdout.prefix(200))")
            #expect(lines(a.stdout) == lines(b.stdout), "\(format) differs")
            #expect(b.stderr.contains("23 documents"), "\(b.stderr)")
        }
        let jsonl = try CLI.run(["export", "--format", "jsonl"] + postgres)
        let texts = jsonl.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? Row)?["document"] as? Row
        }.compactMap { $0["text"] as? String }
        #expect(texts.count == 23 && texts.allSatisfy { !$0.isEmpty })
    }

    /// CSV/FtM/annotation lines carry document numbers and ids derived from them in
    /// their own shapes; the comparison is about the records' content.
    static func withoutDocumentNumbers(_ line: String) -> String {
        line.replacingOccurrences(of: #"(?<![\w.])\d+(?![\w.])"#, with: "#", options: .regularExpression)
    }

    @Test("entity merge and split are kept in the PostgreSQL store and every command respects them")
    func overridesOnPostgres() async throws {
        let (_, sqlite, postgres) = try await Self.stores()
        func timeline(_ subject: String, _ store: [String]) throws -> [String] {
            let r = try CLI.run(["timeline", subject, "--format", "json", "--limit", "100"] + store)
            #expect(r.status == 0, "\(r.stderr)")
            return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [Row] ?? []).compactMap { $0["article_id"] as? String }
        }
        for store in [sqlite, postgres] {
            let split = try CLI.run(["entity", "split", "Tarsk", "Tarsk Oblast"] + store)
            #expect(split.status == 0, "\(split.stderr)")
            let merge = try CLI.run(["entity", "merge", "Tarsk", "Brévane"] + store)
            #expect(merge.status == 0, "\(merge.stderr)")
        }
        #expect(try CLI.run(["entity", "merge", "Tarsk", "Brévane"] + postgres).stderr.contains("already recorded"))
        #expect(!(try timeline("Tarsk", postgres).contains("a09")))
        #expect(try timeline("Tarsk", postgres).contains("a19"))
        #expect(try timeline("Tarsk", postgres) == (try timeline("Tarsk", sqlite)))
        let a = try CLI.run(["facts", "--limit", "100", "--format", "json"] + sqlite)
        let b = try CLI.run(["facts", "--limit", "100", "--format", "json"] + postgres)
        #expect(Self.normalised(a.stdout) == Self.normalised(b.stdout))
    }
}

/// The test server, and a new database on it per test (`scripts/postgres start`).
enum PostgresForCLI {
    static var url: String? {
        let url = ProcessInfo.processInfo.environment["DOSSIER_TEST_POSTGRES"]
        return url?.isEmpty == false ? url : nil
    }

    static var configured: Bool {
        url != nil || ProcessInfo.processInfo.environment["DOSSIER_REQUIRE_POSTGRES"] == "1"
    }

    static func scratchDatabase() async throws -> String {
        guard let server = url else {
            throw StoreError("DOSSIER_REQUIRE_POSTGRES=1 but DOSSIER_TEST_POSTGRES is not set: start a server with scripts/postgres start")
        }
        return try await PostgresStore.createScratchDatabase(near: server, prefix: "dossier_test")
    }
}
