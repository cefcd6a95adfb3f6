@testable import DossierStore
import Foundation
import Testing

/// Machine formats return every hit by default (`claims --format jsonl`), so a listing can
/// hold more claims than one statement binds parameters: SQLite as Debian builds it takes
/// 250 000 (the default is 32 766), PostgreSQL 65 535. Claim rows are read in slices of ids.
@Suite struct LongListingTests {
    @Test("A --source listing of more claims than one statement binds returns every claim once, in the order of a short listing",
          arguments: Backend.available)
    func everyClaimOfALongListing(_ backend: Backend) async throws {
        // One source: every claim cites it (claim k cites the document's attribution k mod 3).
        let documents = backend == .sqlite ? 26_000 : 7_000
        let fill = SyntheticFill(documents: documents, vocabulary: ["armée", "frontière", "soldats", "accord", "sanctions"],
                                 names: ["Kyiv", "Moscou", "Séoul"], sources: ["le ministère"], outlets: ["Le Quotidien"])
        let store: any EvidenceStore
        let temporary = try TemporaryStore()
        defer { try? FileManager.default.removeItem(at: temporary.folder) }
        switch backend {
        case .sqlite:
            let sqlite = try temporary.open()
            try await sqlite.fill(fill)
            store = sqlite
        case .postgres:
            let postgres = try await PostgresScratch.open()
            try await postgres.fill(fill)
            store = postgres
        }
        let claims = documents * fill.claimsPerDocument
        let filter = ClaimFilter(source: "ministère")
        let all = try await store.claims(matching: filter, limit: claims + 1_000)
        #expect(all.count == claims)
        #expect(Set(all.map { "\($0.document)/\($0.index)" }).count == claims)
        let short = try await store.claims(matching: filter, limit: 1_200)
        #expect(all.prefix(1_200).map { "\($0.document)/\($0.index)" } == short.map { "\($0.document)/\($0.index)" })
        #expect(all.allSatisfy { $0.source == "le ministère" })
    }
}
