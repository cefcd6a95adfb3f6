import DossierCore
@testable import DossierStore
import Foundation
import GRDB
import Testing

/// The SQLite writer's round-10 shapes: claims many per statement with ids the writer
/// gives, name counters many rows per upsert, full-text rows per batch, savepoints by
/// cached statements. What a store answers must not change.
@Suite("SQLite writer rows")
struct WriterRowsTests {
    /// `count` people in one sentence each; every claim links the person of its sentence
    /// and, beyond its own span, the first person of the document.
    static func crowd(_ count: Int, offset: Int, sha: Int, published: String) -> (DocumentRecord, Extraction) {
        var text = "", entities: [EntityMention] = [], claims: [Claim] = []
        for i in 0..<count {
            let name = "Person\(offset + i) Family\((offset + i) % 7)"
            let start = text.unicodeScalars.count
            text += name + " said bridge \(i) reopened. "
            entities.append(EntityMention(span: Span(start, start + name.unicodeScalars.count), text: name, type: .person))
            let claimStart = start + name.unicodeScalars.count + 6
            let claimText = "bridge \(i) reopened"
            claims.append(Claim(span: Span(claimStart, claimStart + claimText.unicodeScalars.count), text: claimText,
                                certainty: .asserted, entities: i == 0 ? [0] : [i, 0]))
        }
        let e = Extraction(language: .english, length: text.unicodeScalars.count, sentences: [], entities: entities,
                           claims: claims)
        return (Sample.record(text, sha: String(format: "%064x", sha), outlet: "Wire", published: published), e)
    }

    @Test("Documents with more names and claims than one statement holds: counters and links as counted",
          arguments: Backend.available)
    func manyRows(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        // 40 and 37 people (three statements' worth), 20 of them in both documents.
        let docs = [Self.crowd(40, offset: 0, sha: 1, published: "2024-03-01"),
                    Self.crowd(37, offset: 20, sha: 2, published: "2024-04-02"),
                    Self.crowd(1, offset: 100, sha: 3, published: "2024-01-05")]
        let results = try await s.store.save(batch: docs.map { DocumentToSave(record: $0.0, extraction: $0.1) },
                                             nearDuplicateThreshold: 0.7)
        #expect(results.count == 3 && results.allSatisfy { if case .saved(.added) = $0 { true } else { false } })
        try await NameStatsTests.check(s.store, documents: 3,
                                       names: ["person0", "person25 family4", "family3", "person56", "person100"])
        // Claim 30 of the first document names Person30 and, outside its span, Person0 (names in text order).
        let about = try await s.store.claims(matching: ClaimFilter(about: "person0 family0"), limit: 100)
        #expect(about.count == 40)
        let thirty = try #require(about.first { $0.text == "bridge 30 reopened" })
        #expect(thirty.entities == ["Person0 Family0", "Person30 Family2"])
        // Person20: claim 20 of the first document, and every claim of the second.
        let second = try await s.store.claims(matching: ClaimFilter(about: "person20 family6"), limit: 100)
        #expect(second.count == 38)
        #expect(try await s.store.statistics().claims == 78)
        #expect(try await s.integrity().isEmpty)
    }

    @Test("Claim ids follow the greatest stored one across batches and rolled-back documents; full text matches")
    func claimIDs() async throws {
        let s = try await StoreUnderTest.open(.sqlite)
        let store = try #require(s.store as? SQLiteStore)
        try await s.sabotage("bridge 3 ")
        let first = [Self.crowd(3, offset: 0, sha: 10, published: "2024-05-01"),
                     Self.crowd(5, offset: 10, sha: 11, published: "2024-05-02"),   // has "bridge 3 ": fails
                     Self.crowd(2, offset: 20, sha: 12, published: "2024-05-03")]
        let results = try await store.save(batch: first.map { DocumentToSave(record: $0.0, extraction: $0.1) },
                                           nearDuplicateThreshold: 0.7)
        #expect(results.map { if case .failed = $0 { "failed" } else { "saved" } } == ["saved", "failed", "saved"])
        let single = Self.crowd(2, offset: 30, sha: 13, published: "2024-05-04")
        _ = try await store.save(single.0, extraction: single.1, nearDuplicateThreshold: 0.7)
        let queue = try DatabaseQueue(path: store.path)
        let rows = try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, document_id, idx FROM claims ORDER BY id").map {
                [$0[0] as Int64, $0[1] as Int64, $0[2] as Int64]
            }
        }
        #expect(rows == [[1, 1, 0], [2, 1, 1], [3, 1, 2], [4, 2, 0], [5, 2, 1], [6, 3, 0], [7, 3, 1]])
        let hits = try await store.search("reopened", limit: 50)
        #expect(Set(hits.filter { $0.kind == .claim }.map(\.document)) == [1, 2, 3])
        #expect(try await store.search("person11", limit: 10).isEmpty)
        try await queue.write { db in try CompactStorageTests.ftsConsistent(db) }
        #expect(try store.checkIntegrity().isEmpty)
    }

    @Test("Batches in one transaction: a failing first document of the next batch keeps the last batch's full text")
    func pendingFullText() async throws {
        let s = try await StoreUnderTest.open(.sqlite)
        let store = try #require(s.store as? SQLiteStore)
        try await s.sabotage("bridge 4 ")
        func batch(_ docs: [(DocumentRecord, Extraction)]) -> [DocumentToSave] {
            docs.map { DocumentToSave(record: $0.0, extraction: $0.1) }
        }
        // FTS5 holds the first batch's rows in memory until the next savepoint begins —
        // the failing document's, which is then rolled back.
        _ = try await store.saveUncommitted(batch: batch([Self.crowd(3, offset: 0, sha: 20, published: "2024-06-01")]),
                                            nearDuplicateThreshold: 0.7)
        let second = try await store.saveUncommitted(batch: batch([Self.crowd(5, offset: 10, sha: 21, published: "2024-06-02"),
                                                                  Self.crowd(2, offset: 20, sha: 22, published: "2024-06-03")]),
                                                     nearDuplicateThreshold: 0.7)
        #expect(second.map { if case .failed = $0 { "failed" } else { "saved" } } == ["failed", "saved"])
        try await store.commitPending()
        #expect(Set(try await store.search("reopened", limit: 50).filter { $0.kind == .claim }.map(\.document)) == [1, 2])
        #expect(try await store.search("person1", limit: 10).map(\.document) == [1])
        #expect(try await store.search("person11", limit: 10).isEmpty)
        let queue = try DatabaseQueue(path: store.path)
        try await queue.write { db in try CompactStorageTests.ftsConsistent(db) }
        #expect(try store.checkIntegrity().isEmpty)
    }
}
