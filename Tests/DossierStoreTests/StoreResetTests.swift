import DossierCore
@testable import DossierStore
import Foundation
import Testing

/// `removeEverything` (tests and benchmarks reuse a store) leaves a store as new: no
/// documents, no failures, and no manual corrections naming entities that are gone.
@Suite("Emptying a store")
struct StoreResetTests {
    @Test("removeEverything clears documents, failures and the overrides", arguments: Backend.available)
    func removesEverything(_ backend: Backend) async throws {
        let opened = try await StoreUnderTest.open(backend)
        let store = try #require(opened.store as? any BrowsableStore)
        for n in 1...3 {
            let text = "The agency said \(n) bridges were closed in town \(n)."
            let record = Sample.record(text, sha: String(format: "%064x", 100 + n), outlet: "Wire", published: "2024-05-0\(n)")
            let e = Sample.extraction(text, source: "The agency", cue: "said", content: "\(n) bridges were closed",
                                      entity: "The agency", type: .organisation)
            _ = try await store.save(record, extraction: e, nearDuplicateThreshold: 0.7)
        }
        try await store.recordFailure(origin: "bad.txt", message: "binary")
        try await store.updateOverridesJSON { _ in Data(#"{"merges":[{"a":"AFP","b":"Agence France-Presse"}]}"#.utf8) }
        #expect(try await store.statistics().documents == 3)
        #expect(try await store.overridesJSON() != nil)

        switch store {
        case let s as SQLiteStore: try await s.removeEverything()
        case let s as PostgresStore: try await s.removeEverything()
        default: Issue.record("unknown backend")
        }
        let stats = try await store.statistics()
        #expect(stats == StoreStatistics(documents: 0, nearDuplicates: 0, claims: 0, entities: 0, failures: 0))
        #expect(try await store.overridesJSON() == nil)
        #expect(try await store.claims(matching: ClaimFilter(about: "agency"), limit: 10).isEmpty)
        #expect(try await store.analysisInputs().isEmpty)
        #expect(try await opened.integrity().isEmpty)
        // Usable again, numbering from 1 as a new store does.
        let text = "The agency said 9 bridges were closed in town 9."
        let again = try await store.save(Sample.record(text, sha: String(format: "%064x", 109)),
                                         extraction: Sample.extraction(text, source: "The agency", cue: "said",
                                                                       content: "9 bridges were closed", entity: "The agency"),
                                         nearDuplicateThreshold: 0.7)
        #expect(again.id == 1)
        // Clearing again, with no overrides left, is fine.
        if let s = store as? SQLiteStore { try await s.removeEverything() }
    }
}
