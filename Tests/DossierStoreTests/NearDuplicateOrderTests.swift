import DossierCore
import DossierStore
import Foundation
import Testing

@Suite("Near-duplicate originals are the earliest published copy")
struct NearDuplicateOrderTests {
    /// Three signatures of one story: b and c share 60 of a's 64 values.
    static func signatures() throws -> (MinHashSignature, MinHashSignature, MinHashSignature, MinHashSignature) {
        let av: [UInt32] = (0..<64).map { UInt32($0) }
        var bv = av
        for i in 0..<4 { bv[i] = UInt32(1000 + i) }
        var cv = av
        for i in 60..<64 { cv[i] = UInt32(3000 + i) }
        let dv: [UInt32] = (0..<64).map { UInt32(9000 + $0) }
        return (try #require(MinHashSignature(values: av)), try #require(MinHashSignature(values: bv)),
                try #require(MinHashSignature(values: cv)), try #require(MinHashSignature(values: dv)))
    }

    @Test("An earlier-published copy that arrives later becomes the original; the group is re-linked",
          arguments: Backend.available)
    func relink(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let store = s.store
        let e = Extraction(language: .english, length: 1)
        let (a, b, c, _) = try Self.signatures()
        // Stored first, published last.
        let late = try await store.save(Sample.record("late", sha: "n1", fingerprint: a, published: "2024-11-20"),
                                        extraction: e, nearDuplicateThreshold: 0.8)
        let middle = try await store.save(Sample.record("middle", sha: "n2", fingerprint: b, published: "2024-11-15"),
                                          extraction: e, nearDuplicateThreshold: 0.8)
        #expect(middle == .added(middle.id, nearDuplicateOf: late.id), "linked with the stored copy, whose original it becomes")
        #expect(try await store.document(String(late.id))?.nearDuplicateOf == middle.id)
        let first = try await store.save(Sample.record("first", sha: "n3", fingerprint: c, published: "2024-11-10"),
                                         extraction: e, nearDuplicateThreshold: 0.8)
        #expect(first == .added(first.id, nearDuplicateOf: middle.id))
        #expect(try await store.document(String(late.id))?.nearDuplicateOf == first.id)
        #expect(try await store.document(String(middle.id))?.nearDuplicateOf == first.id)
        #expect(try await store.document(String(first.id))?.nearDuplicateOf == nil)
        // Similarities are recomputed against the new original: a and c share 60 of 64.
        #expect(try await store.document(String(late.id))?.similarity == 60.0 / 64)
        #expect(try await store.statistics().nearDuplicates == 2)
        #expect(try await s.integrity().isEmpty)
    }

    @Test("A later-published or undated copy never displaces the original", arguments: Backend.available)
    func keepsOriginal(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let store = s.store
        let e = Extraction(language: .english, length: 1)
        let (a, b, c, d) = try Self.signatures()
        let original = try await store.save(Sample.record("o", sha: "k1", fingerprint: a, published: "2024-11-10"),
                                            extraction: e, nearDuplicateThreshold: 0.8)
        let later = try await store.save(Sample.record("l", sha: "k2", fingerprint: b, published: "2024-11-12"),
                                         extraction: e, nearDuplicateThreshold: 0.8)
        let undated = try await store.save(Sample.record("u", sha: "k3", fingerprint: c),
                                           extraction: e, nearDuplicateThreshold: 0.8)
        let unrelated = try await store.save(Sample.record("x", sha: "k4", fingerprint: d, published: "2024-01-01"),
                                             extraction: e, nearDuplicateThreshold: 0.8)
        #expect(later == .added(later.id, nearDuplicateOf: original.id))
        #expect(undated == .added(undated.id, nearDuplicateOf: original.id))
        #expect(unrelated == .added(unrelated.id, nearDuplicateOf: nil))
        #expect(try await store.document(String(original.id))?.nearDuplicateOf == nil)
        // Same day as the original: the first stored stays the original.
        var same = a.values
        same[10] = 77_777
        let sameDay = try await store.save(Sample.record("s", sha: "k5", fingerprint: MinHashSignature(values: same),
                                                         published: "2024-11-10"),
                                           extraction: e, nearDuplicateThreshold: 0.8)
        #expect(sameDay == .added(sameDay.id, nearDuplicateOf: original.id))
    }
}
