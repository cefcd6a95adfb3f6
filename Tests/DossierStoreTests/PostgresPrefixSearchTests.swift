import DossierCore
@testable import DossierStore
import Foundation
import PostgresNIO
import Testing

/// The prefix index (`claims_prefixes`, migration 7) must find exactly the claims the
/// plain prefix match on `fts` finds: it only narrows the candidates, the pattern decides.
@Suite("PostgreSQL prefix search")
struct PostgresPrefixSearchTests {
    static let claims: [(String, Language)] = [
        ("Les économistes prévoient une récession l'an prochain.", .french),
        ("L'économie restera fragile selon la banque centrale.", .french),
        ("Le gouvernement a restreint les exportations de blé.", .french),
        ("Economists expect the restrictions to stay in place.", .english),
        ("The economy rested on exports of wheat and steel.", .english),
        ("Hier, le président a visité les chantiers navals.", .french),
        ("Visitors were restless as the president spoke.", .english),
        ("Nothing here matches the words searched below.", .english),
    ]

    static let queries = ["économistes restera", "economy rest", "restrictions", "président visité", "hier visite",
                          "vis pres", "econ", "ec", "wheat exports", "the rest", "blé", "nothing at all"]

    @Test("Candidates from the prefix index, checked by the pattern, equal the plain match",
          .enabled(if: Backend.postgresURL != nil || Backend.postgresRequired,
                   "PostgreSQL store tests skipped: set DOSSIER_TEST_POSTGRES=postgres://… (scripts/postgres start)"))
    func sameMatches() async throws {
        let store = try await PostgresScratch.open()
        for (i, (text, language)) in Self.claims.enumerated() {
            let words = text.split(separator: " ")
            let extraction = Sample.extraction(text, source: String(words[0]), cue: String(words[1]),
                                               content: text, entity: String(words[0]), language: language)
            _ = try await store.save(Sample.record(text, sha: String(format: "%064x", i + 1)), extraction: extraction,
                                     nearDuplicateThreshold: 0)
        }
        var narrowed = 0
        for query in Self.queries {
            let (plain, indexed, usesIndex) = try await store.read { c in
                guard let q = try await PostgresSearchQuery.compile(query, on: c) else { return ([Int64](), [Int64](), false) }
                func ids(_ sql: SQLBuilder) async throws -> [Int64] { try await c.run(sql).map { try $0.decode(Int64.self) } }
                var a = SQLBuilder("SELECT id FROM claims WHERE fts @@ ")
                a.bind(.text(q.pattern)); a.add("::tsquery ORDER BY id")
                guard let prefixes = q.prefixes else { return (try await ids(a), try await ids(a), false) }
                var b = SQLBuilder("SELECT id FROM claims WHERE dossier_prefixes(fts) @@ ")
                b.bind(.text(prefixes)); b.add("::tsquery AND ts_match_vq(fts, ")
                b.bind(.text(q.pattern)); b.add("::tsquery) ORDER BY id")
                return (try await ids(a), try await ids(b), true)
            }
            #expect(plain == indexed, "\(query)")
            if usesIndex { narrowed += 1 }
        }
        #expect(narrowed >= 8)
        // And the search itself, through the index, finds what the words say.
        #expect(try await store.search("économistes", limit: 10).count >= 2)
        #expect(try await store.search("président visité", limit: 10).contains { $0.snippet.contains("[visité]") })
        #expect(try await store.checkIntegrity().isEmpty)
    }
}
