import DossierStore
import Foundation
import Testing

/// Machine formats return every hit by default (`claims --format jsonl`), so a listing can
/// hold more claims than SQLite binds parameters in one statement (Debian builds SQLite
/// with a limit of 250 000; the default is 32 766). Claim rows are read in slices of ids.
@Suite struct LongListingTests {
    @Test("A --source listing of 260 000 claims returns every claim once, in the order of a short listing")
    func everyClaimOfALongListing() async throws {
        let temporary = try TemporaryStore()
        defer { try? FileManager.default.removeItem(at: temporary.folder) }
        let store = try temporary.open()
        // One source: every claim cites it (claim k cites the document's attribution k mod 3).
        let fill = SyntheticFill(documents: 26_000, vocabulary: ["armée", "frontière", "soldats", "accord", "sanctions"],
                                 names: ["Kyiv", "Moscou", "Séoul"], sources: ["le ministère"], outlets: ["Le Quotidien"])
        try await store.fill(fill)
        let filter = ClaimFilter(source: "ministère")
        let all = try await store.claims(matching: filter, limit: 300_000)
        #expect(all.count == 260_000)
        #expect(Set(all.map { "\($0.document)/\($0.index)" }).count == 260_000)
        let short = try await store.claims(matching: filter, limit: 1_200)
        #expect(all.prefix(1_200).map { "\($0.document)/\($0.index)" } == short.map { "\($0.document)/\($0.index)" })
        #expect(all.allSatisfy { $0.source == "le ministère" })
    }
}
