import DossierCore
@testable import DossierStore
import Foundation
import GRDB
import Testing

/// `claims --source NAME` matches the claim's source, its channel, or its document's
/// outlet. The outlet's words are not `claim_sources` rows (they were repeated on every
/// claim): they come from the document, and the two are merged in listing order.
@Suite("Outlet as source")
struct OutletSourceTests {
    /// Document text with two claims: one attributed to `source` (when given), one not.
    static func document(sha: String, outlet: String?, published: String?, source: String?) -> (DocumentRecord, Extraction) {
        let text = "Officials met on Monday. The bridge was closed for repairs. Traffic was diverted to the north."
        let first = "The bridge was closed for repairs", second = "Traffic was diverted to the north"
        var attributions: [Attribution] = []
        if let source {
            attributions.append(Attribution(source: Excerpt(span: Sample.span(text, "Officials"), text: source),
                                            cue: Sample.excerpt(text, "met"), content: Sample.excerpt(text, first),
                                            sourceKind: .organisation, kind: .indirect))
        }
        let claims = [
            Claim(span: Sample.span(text, first), text: first, attribution: source == nil ? nil : 0,
                  certainty: source == nil ? .asserted : .attributed),
            Claim(span: Sample.span(text, second), text: second, certainty: .asserted),
        ]
        let extraction = Extraction(language: .english, length: text.unicodeScalars.count, sentences: [],
                                    attributions: attributions, claims: claims)
        return (Sample.record(text, sha: sha, outlet: outlet, published: published), extraction)
    }

    /// (document sha, claim index) of each listed claim, via its stored document.
    static func listed(_ rows: [ClaimRow], _ ids: [DocumentID: String]) -> [String] {
        rows.map { "\(ids[$0.document] ?? "?")/\($0.index)" }
    }

    @Test("An outlet alone matches all its documents' claims, merged in listing order with sources", arguments: Backend.available)
    func outletMatches(_ backend: Backend) async throws {
        let store = try await StoreUnderTest.open(backend).store
        var ids: [DocumentID: String] = [:]
        for (sha, outlet, published, source) in [
            ("a", "Le Monde", "2024-05-01", "The ministry"),
            ("b", "Reuters", "2024-06-01", "Le Monde"),      // the outlet named as a source
            ("c", "Le Monde", nil, nil),                      // undated: last
            ("d", "Le Mondial", "2024-07-01", nil),           // not the whole word "monde"
            ("e", "Le Monde", "2024-04-01", nil),
            ("f", "Monde Diplomatique", "2024-04-15", nil),   // a second outlet with the word, between a and e
        ] as [(String, String?, String?, String?)] {
            let (record, extraction) = Self.document(sha: sha, outlet: outlet, published: published, source: source)
            if case .added(let id, _) = try await store.save(record, extraction: extraction, nearDuplicateThreshold: 0.7) {
                ids[id] = sha
            }
        }
        func claims(_ filter: ClaimFilter, limit: Int = 50) async throws -> [String] {
            Self.listed(try await store.claims(matching: filter, limit: limit), ids)
        }
        #expect(try await claims(ClaimFilter(source: "le monde")) == ["b/0", "a/0", "a/1", "e/0", "e/1", "c/0", "c/1"])
        #expect(try await claims(ClaimFilter(source: "MONDE"), limit: 3) == ["b/0", "a/0", "a/1"])
        #expect(try await claims(ClaimFilter(source: "monde", since: Day(iso: "2024-05-01"))) == ["b/0", "a/0", "a/1"])
        #expect(try await claims(ClaimFilter(source: "mondial")) == ["d/0", "d/1"])
        // Two outlets hold the word: their claims interleave by date, and the limit cuts the merge.
        #expect(try await claims(ClaimFilter(source: "monde")) == ["b/0", "a/0", "a/1", "f/0", "f/1", "e/0", "e/1", "c/0", "c/1"])
        #expect(try await claims(ClaimFilter(source: "monde"), limit: 5) == ["b/0", "a/0", "a/1", "f/0", "f/1"])
        #expect(try await claims(ClaimFilter(source: "diplomatique")) == ["f/0", "f/1"])
        #expect(try await claims(ClaimFilter(source: "ministry")) == ["a/0"])
        #expect(try await claims(ClaimFilter(source: "reuters")) == ["b/0", "b/1"])
        // Must not fire: a word inside an outlet's word, an outlet nobody has.
        #expect(try await claims(ClaimFilter(source: "mond")).isEmpty)
        #expect(try await claims(ClaimFilter(source: "guardian")).isEmpty)
    }

    @Test("SQLite: the outlet's words are document rows, not claim rows")
    func sqliteRows() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        let (record, extraction) = Self.document(sha: "a", outlet: "Le Monde", published: "2024-05-01", source: "The ministry")
        _ = try await store.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
        let (sources, outlets) = try await store.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT term || ' ' || idx || keys FROM claim_sources ORDER BY 1"),
             try String.fetchAll(db, sql: "SELECT term || keys FROM document_outlets ORDER BY 1"))
        }
        #expect(sources == ["ministry 0 | the ministry | ", "the 0 | the ministry | "])
        #expect(outlets == ["le | le monde | ", "monde | le monde | "])
    }

    /// An older store (before `v4-outlet-words`) had the outlet's words on every claim and
    /// no `document_outlets`: the migration leaves exactly what the writer now writes.
    @Test("SQLite: the migration rebuilds claim_sources and document_outlets as the writer writes them")
    func sqliteMigration() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        try await NameIndexTests.fill(store)
        let snapshot = { @Sendable (db: Database) throws -> [[String]] in
            [try String.fetchAll(db, sql: "SELECT term || published || document_id || '/' || idx || claim_id || keys FROM claim_sources ORDER BY 1"),
             try String.fetchAll(db, sql: "SELECT term || published || document_id || keys FROM document_outlets ORDER BY 1")]
        }
        let written = try await store.writer.read(snapshot)
        #expect(written[1].count > 10)
        let queries = NameIndexTests.queries
        var before: [[ClaimRow]] = []
        for filter in queries { before.append(try await store.claims(matching: filter, limit: 200)) }
        // As round 6 left it: outlet words on every claim, no document_outlets table (and
        // the word indexes without generations, as before `v8-word-generations`).
        try WordGenerationTests.downgrade(temporary.path)
        try await store.writer.write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO claim_sources (term, published, document_id, idx, claim_id, keys)
                SELECT 'monde', IFNULL(d.published, ''), c.document_id, c.idx, c.id, ' | le monde | '
                FROM claims c JOIN documents d ON d.id = c.document_id WHERE d.outlet_key = 'le monde'
                """)
            try db.execute(sql: "DROP TABLE document_outlets")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-outlet-words'")
        }
        let reopened = try temporary.open()
        #expect(try await reopened.writer.read(snapshot) == written)
        for (filter, expected) in zip(queries, before) {
            #expect(try await reopened.claims(matching: filter, limit: 200) == expected, "\(filter)")
        }
    }

    @Test("Listing order merge: newest first, unknown dates last, each claim once")
    func merge() {
        let a = [ListingOrder(id: 1, published: "2024-06-01", document: 5, idx: 0),
                 ListingOrder(id: 2, published: "2024-05-01", document: 3, idx: 1),
                 ListingOrder(id: 9, published: "", document: 2, idx: 0)]
        let b = [ListingOrder(id: 3, published: "2024-05-01", document: 3, idx: 0),
                 ListingOrder(id: 2, published: "2024-05-01", document: 3, idx: 1),
                 ListingOrder(id: 4, published: "2024-05-01", document: 4, idx: 0)]
        #expect(ListingOrder.merge(a, b, limit: 10) == [1, 3, 2, 4, 9])
        #expect(ListingOrder.merge(a, b, limit: 2) == [1, 3])
        #expect(ListingOrder.merge([], b, limit: 10) == [3, 2, 4])
    }
}
