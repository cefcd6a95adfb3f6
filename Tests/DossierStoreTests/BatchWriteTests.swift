import DossierCore
@testable import DossierStore
import Foundation
import Testing

/// `save(batch:)` writes runs of documents in one statement on PostgreSQL (counters
/// aggregated over the run) and documents with a near-duplicate one by one; on SQLite it
/// uses rows prepared outside the transaction. Either way the store must hold exactly what
/// saving the documents one at a time gives: same ids, links, counters and listings.
@Suite("Batch writes equal one-by-one writes")
struct BatchWriteTests {
    /// The 60 documents of `NameIndexTests`, in batches of 25: 10 (November) is in the
    /// first batch; 30 (July, older: it takes 10's place as original) and 45 (a copy of
    /// 30 in the SAME batch) in the second.
    static func fillInBatches(_ store: any EvidenceStore) async throws {
        let copy = MinHashSignature(shingleHashes: [1, 2, 3, 4, 5])
        var documents: [DocumentToSave] = []
        for n in 0..<60 {
            var (record, extraction) = NameIndexTests.document(n)
            if n == 10 || n == 30 || n == 45 { record.fingerprint = copy }
            documents.append(DocumentToSave(record: record, extraction: extraction))
        }
        for start in stride(from: 0, to: 60, by: 25) {
            let results = try await store.save(batch: Array(documents[start..<min(60, start + 25)]), nearDuplicateThreshold: 0.7)
            for result in results {
                guard case .saved(.added) = result else {
                    Issue.record("not added: \(result)")
                    continue
                }
            }
        }
    }

    @Test("Counters, links and listings after batch saves equal those after single saves", arguments: Backend.available)
    func batchEqualsSingle(_ backend: Backend) async throws {
        let batched = try await StoreUnderTest.open(backend)
        let single = try await StoreUnderTest.open(backend)
        try await Self.fillInBatches(batched.store)
        try await NameIndexTests.fill(single.store)

        #expect(try await batched.store.document("46")?.nearDuplicateOf == 31, "45 is a copy of 30, in the same batch")
        #expect(try await batched.store.document("11")?.nearDuplicateOf == 31, "30 is older than 10 and took its place")
        #expect(try await batched.store.statistics() == single.store.statistics())
        try await NameStatsTests.check(batched.store, documents: 60, names: NameStatsTests.queries)
        for filter in NameIndexTests.queries {
            #expect(try await batched.store.claims(matching: filter, limit: 200)
                    == single.store.claims(matching: filter, limit: 200), "\(filter)")
        }
        for name in NameStatsTests.queries {
            #expect(try await batched.store.entity(named: name, claimLimit: 5) == single.store.entity(named: name, claimLimit: 5),
                    "entity \(name)")
        }
        for id in 1...60 {
            #expect(try await batched.store.extraction(of: Int64(id)) == single.store.extraction(of: Int64(id)))
            #expect(try await batched.store.document(String(id))?.nearDuplicateOf
                    == single.store.document(String(id))?.nearDuplicateOf)
        }
        #expect(try await batched.store.search("kim", limit: 50).count == single.store.search("kim", limit: 50).count)
    }
}
