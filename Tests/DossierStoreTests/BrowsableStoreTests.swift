import DossierCore
@testable import DossierStore
import Foundation
import Testing

/// `BrowsableStore`, what the server and the analysis commands read, on every backend:
/// the same listing, whole-store passes, generation and overrides from SQLite and
/// PostgreSQL.
@Suite("Whole-store reads, generation and overrides, on every backend")
struct BrowsableStoreTests {
    static func open(_ backend: Backend) async throws -> any BrowsableStore {
        let s = try await StoreUnderTest.open(backend)
        return try #require(s.store as? any BrowsableStore)
    }

    static func save(_ store: any BrowsableStore, _ n: Int) async throws -> DocumentID {
        let text = "The agency said \(n * 100) people were evacuated from the coastal town \(n)."
        let record = Sample.record(text, sha: String(format: "%064x", n), outlet: "Wire \(n)",
                                   published: "2024-05-\(String(format: "%02d", n))", url: "https://example.org/\(n)")
        let e = Sample.extraction(text, source: "The agency", cue: "said", content: "\(n * 100) people were evacuated",
                                  entity: "The agency", type: .organisation)
        return try await store.save(record, extraction: e, nearDuplicateThreshold: 0.8).id
    }

    @Test("Listing pages, analysis inputs and export documents agree", arguments: Backend.available)
    func wholeStoreReads(_ backend: Backend) async throws {
        let store = try await Self.open(backend)
        var ids: [DocumentID] = []
        for n in 1...7 { ids.append(try await Self.save(store, n)) }
        let first = try await store.documents(after: nil, offset: 0, limit: 3)
        #expect(first.total == 7)
        #expect(first.documents.map(\.id) == Array(ids.prefix(3)))
        #expect(first.documents.allSatisfy { $0.text == nil })
        let next = try #require(first.nextAfter)
        let second = try await store.documents(after: next, offset: 0, limit: 10)
        #expect(second.documents.map(\.id) == Array(ids.dropFirst(3)))
        #expect(second.nextAfter == nil)
        let byOffset = try await store.documents(after: nil, offset: 5, limit: 10)
        #expect(byOffset.documents.map(\.id) == Array(ids.suffix(2)))

        let inputs = try await store.analysisInputs()
        #expect(inputs.map(\.document.id) == ids)
        #expect(inputs.allSatisfy { $0.document.text == nil && $0.extraction.claims.count == 1 })
        #expect(inputs[2].document.outlet == "Wire 3" && inputs[2].document.published == Day(iso: "2024-05-03"))

        var exported: [ExportDocument] = []
        try await store.forEachExportDocument { exported.append($0) }
        #expect(exported.map(\.document.id) == ids)
        #expect(exported[0].text.hasPrefix("The agency said 100 people"))
        #expect(exported.map(\.extraction) == inputs.map(\.extraction))
    }

    @Test("The generation moves with a new document or a correction, and only then", arguments: Backend.available)
    func generation(_ backend: Backend) async throws {
        let store = try await Self.open(backend)
        let empty = try await store.generation()
        #expect(try await store.generation() == empty)
        #expect(try await store.overridesJSON() == nil)
        _ = try await Self.save(store, 1)
        let one = try await store.generation()
        #expect(one != empty)
        // Reading and saving bytes already stored change nothing.
        _ = try await store.analysisInputs()
        _ = try await Self.save(store, 1)
        #expect(try await store.generation() == one)

        let merge = Data(#"{"merges":[{"a":"Kursk","b":"Koursk"}],"splits":[]}"#.utf8)
        try await store.updateOverridesJSON { old in
            #expect(old == nil)
            return merge
        }
        let corrected = try await store.generation()
        #expect(corrected != one)
        #expect(try await store.overridesJSON() == merge)
        try await store.updateOverridesJSON { old in
            #expect(old == merge)
            return Data(#"{"merges":[],"splits":[]}"#.utf8)
        }
        #expect(try await store.generation() != corrected)
        #expect(!store.overridesLocation.isEmpty)
    }

    @Test("Concurrent corrections on PostgreSQL all survive (row lock)",
          .enabled(if: Backend.available.contains(.postgres)))
    func concurrentCorrections() async throws {
        let store = try await Self.open(.postgres)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<8 {
                group.addTask {
                    try await store.updateOverridesJSON { old in
                        var names = old.flatMap { try? JSONDecoder().decode([String].self, from: $0) } ?? []
                        names.append("name \(i)")
                        return try JSONEncoder().encode(names)
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try #require(try await store.overridesJSON())
        #expect(try JSONDecoder().decode([String].self, from: final).count == 8)
    }
}
