import DossierCore
@testable import DossierStore
import Foundation
import Testing

/// `SQLiteStatementProfile`: the writing connection's statements, timed and summed by text.
@Suite("SQL statement profile of the writer")
struct StatementProfileTests {
    static func save(_ store: SQLiteStore, sha: String) async throws {
        let text = "Officials told Reuters that Kim Jong Un visited the plant."
        let e = Sample.extraction(text, source: "Officials", cue: "told", content: "Kim Jong Un visited the plant",
                                  entity: "Kim Jong Un")
        _ = try await store.save(Sample.record(text, sha: sha), extraction: e, nearDuplicateThreshold: 0.5)
    }

    @Test("Every statement of a save is counted once per run, FTS5's own statements as nested")
    func counts() async throws {
        let temp = try TemporaryStore()
        let store = try SQLiteStore(path: temp.path, profilingStatements: true)
        let profile = try #require(store.statementProfile)
        profile.reset()  // the migrations
        try await Self.save(store, sha: "a")
        try await Self.save(store, sha: "b")
        let entries = profile.entries
        let documents = try #require(entries.first { $0.sql.hasPrefix("INSERT INTO documents") })
        #expect(documents.count == 2)
        #expect(!documents.nested)
        #expect(documents.inclusiveCPUNanoseconds >= documents.cpuNanoseconds)
        // FTS5 writes its segments with statements of its own, inside the writer's.
        #expect(entries.contains { $0.nested && $0.sql.contains("_fts_") })
        let report = profile.report(documents: 2, rowsCPUSeconds: 0.01, top: 5)
        #expect(report.split(separator: "\n").count == 2 + 5 + 1)
        #expect(report.contains("all \(entries.count) statement texts"))
    }

    @Test("Off unless asked for: no profile, nothing installed")
    func off() throws {
        let temp = try TemporaryStore()
        let store = try SQLiteStore(path: temp.path, profilingStatements: false)
        #expect(store.statementProfile == nil)
        #expect(SQLiteStatementProfile.enabled(["DOSSIER_PROFILE_SQL": "1"]))
        #expect(!SQLiteStatementProfile.enabled(["DOSSIER_PROFILE_SQL": "0"]))
        #expect(!SQLiteStatementProfile.enabled([:]))
    }

    @Test("Statement text on one line, cut")
    func oneLine() {
        #expect(SQLiteStatementProfile.oneLine("SELECT a,\n    b FROM t", limit: 100) == "SELECT a, b FROM t")
        #expect(SQLiteStatementProfile.oneLine("SELECT abcdef", limit: 10) == "SELECT ab…")
    }
}
