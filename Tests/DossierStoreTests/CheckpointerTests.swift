import DossierCore
@testable import DossierStore
import Foundation
import Testing

/// The checkpointer thread (`SQLiteCheckpointer`): a store whose WAL is copied into the file
/// off the writer's path reads back complete, and its WAL stays bounded however many
/// commits ingest makes.
@Suite("SQLite background checkpoints")
struct CheckpointerTests {
    /// A document of a few pages (its text, its FTS postings), with one attributed claim.
    static func document(_ i: Int) -> DocumentToSave {
        let filler = (0..<400).map { "word\(i)x\($0 % 97)" }.joined(separator: " ")
        let text = "Anna Berg said the bridge \(i) reopens. \(filler)."
        return DocumentToSave(record: Sample.record(text, sha: "doc\(i)", published: "2024-05-01"),
                              extraction: Sample.extraction(text, source: "Anna Berg", cue: "said",
                                                            content: "the bridge \(i) reopens", entity: "Anna Berg"))
    }

    static func walBytes(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
    }

    @Test("Many commits with background checkpoints: everything reads back, the WAL stays bounded, the end empties it")
    func boundedAndComplete() async throws {
        let temporary = try TemporaryStore()
        let limit = 64
        let store = try SQLiteStore(path: temporary.path, checkpointing: .background(start: 8, limit: limit))
        let commits = 120
        var largestWAL = 0
        for i in 0..<commits {
            let results = try await store.saveUncommitted(batch: [Self.document(i)], nearDuplicateThreshold: 0)
            #expect(results.count == 1)
            try await store.commitPending()
            largestWAL = max(largestWAL, Self.walBytes(temporary.path))
        }
        let timings = store.writerTimings
        #expect(timings.commits == commits)
        // Far more pages went through the WAL than it ever held: without checkpoints (or
        // without the WAL restarting after them) it would hold every commit's.
        let pageBytes = 4096 + 24
        #expect(timings.peakWALPages >= 8)
        #expect(timings.backgroundCheckpoints + timings.writerCheckpoints > 0)
        #expect(largestWAL <= 4 * limit * pageBytes, "WAL reached \(largestWAL) bytes")
        // Readers (another connection, read-only) see every committed document.
        let reader = try SQLiteStore(path: temporary.path, readOnly: true)
        #expect(try await reader.statistics().documents == commits)
        #expect(try await reader.claims(matching: ClaimFilter(about: "Anna Berg"), limit: 1000).count == commits)
        // Search (both FTS tables): documents and claims, one of each per document.
        let hits = try await reader.search("reopens", limit: 1000)
        #expect(Set(hits.filter { $0.kind == .document }.map(\.document)).count == commits)
        #expect(hits.filter { $0.kind == .claim }.count == commits)
        await store.checkpointAfterIngest()
        #expect(Self.walBytes(temporary.path) == 0)
        #expect(try store.checkIntegrity().isEmpty)
    }

    @Test("Commits left in the WAL (no checkpoint due) read back after the store is reopened")
    func reopenReadsCommitted() async throws {
        let temporary = try TemporaryStore()
        do {
            let store = try SQLiteStore(path: temporary.path, checkpointing: .background(start: 1 << 20, limit: 1 << 21))
            _ = try await store.saveUncommitted(batch: (0..<5).map(Self.document), nearDuplicateThreshold: 0)
            try await store.commitPending()
            #expect(store.writerTimings.backgroundCheckpoints == 0)
            #expect(Self.walBytes(temporary.path) > 0)
        }
        let again = try SQLiteStore(path: temporary.path, readOnly: true)
        #expect(try await again.statistics().documents == 5)
    }

    @Test("Inline checkpoints (SQLite's auto-checkpoint, as before) still bound the WAL")
    func inlineMode() async throws {
        let temporary = try TemporaryStore()
        let store = try SQLiteStore(path: temporary.path, checkpointing: .inline(pages: 16))
        for i in 0..<40 {
            _ = try await store.saveUncommitted(batch: [Self.document(i)], nearDuplicateThreshold: 0)
            try await store.commitPending()
        }
        #expect(store.writerTimings.writerCheckpoints > 0)
        #expect(store.writerTimings.backgroundCheckpoints == 0)
        #expect(try await store.statistics().documents == 40)
    }
}
