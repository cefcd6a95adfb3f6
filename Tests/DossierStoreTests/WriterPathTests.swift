import DossierCore
@testable import DossierStore
import Foundation
import Testing

/// The write path's two shapes on PostgreSQL — one statement for a document's rows, or
/// table by table when a document has more rows than one statement may bind — and the
/// same results on every backend.
@Suite("Writing large and ordinary documents")
struct WriterPathTests {
    /// `mentions` entity mentions and `claims` claims, each claim about one mention and
    /// attributed to one source.
    static func document(mentions: Int, claims: Int, sha: Int) -> (DocumentRecord, Extraction) {
        var text = ""
        var entities: [EntityMention] = []
        for i in 0..<mentions {
            let name = "Person\(i) Name"
            let start = text.unicodeScalars.count
            text += name + " said work \(i) was done. "
            entities.append(EntityMention(span: Span(start, start + name.unicodeScalars.count), text: name, type: .person))
        }
        let length = text.unicodeScalars.count
        let cue = Excerpt(span: Span(0, 1), text: "s")
        let attributions = [Attribution(source: Excerpt(span: entities[0].span, text: entities[0].text), cue: cue,
                                        content: Excerpt(span: Span(0, length), text: "all"), sourceKind: .person,
                                        kind: .indirect)]
        let claimList = (0..<claims).map { i in
            Claim(span: entities[i % mentions].span, text: "work \(i) was done", attribution: 0, certainty: .attributed,
                  entities: [i % mentions])
        }
        let e = Extraction(language: .english, length: length, sentences: [Span(0, length)], entities: entities,
                           attributions: attributions, claims: claimList)
        return (Sample.record(text, sha: String(format: "%064x", sha), outlet: "Wire", published: "2024-06-01"), e)
    }

    @Test("A document too large for one statement is stored whole, like a small one", arguments: Backend.available)
    func largeDocument(_ backend: Backend) async throws {
        let opened = try await StoreUnderTest.open(backend)
        let store = opened.store
        let (bigRecord, big) = Self.document(mentions: 5_000, claims: 50, sha: 1)
        let (smallRecord, small) = Self.document(mentions: 3, claims: 2, sha: 2)
        let results = try await store.save(batch: [DocumentToSave(record: bigRecord, extraction: big),
                                                   DocumentToSave(record: smallRecord, extraction: small)],
                                           nearDuplicateThreshold: 0)
        #expect(results.count == 2)
        #expect(results.allSatisfy { if case .saved(.added) = $0 { true } else { false } })
        let stats = try await store.statistics()
        #expect(stats.documents == 2 && stats.claims == 52)
        #expect(stats.entities == 5_000)
        let about = try await store.claims(matching: ClaimFilter(about: "person4321 name"), limit: 10)
        #expect(about.map(\.text) == [], "no claim about mention 4321 (only the first 50 mentions have claims)")
        let first = try await store.claims(matching: ClaimFilter(about: "person12"), limit: 10)
        #expect(first.map(\.text) == ["work 12 was done"])
        let bySource = try await store.claims(matching: ClaimFilter(source: "person0 name"), limit: 200)
        #expect(bySource.count == 52)
        let entity = try await store.entity(named: "Person4999 Name", claimLimit: 5)
        #expect(entity.first?.mentions == 1)
        guard case .saved(let outcome)? = results.first else { Issue.record("not saved"); return }
        let stored = try await store.extraction(of: outcome.id)
        #expect(stored == big)
        #expect(try await opened.integrity().isEmpty)
    }
}
