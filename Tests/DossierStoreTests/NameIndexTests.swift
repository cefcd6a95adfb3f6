import DossierCore
@testable import DossierStore
import Foundation
import GRDB
import Testing

/// The word indexes (`claim_names`, `claim_sources`, `mention_terms`) must answer exactly
/// what the filters evaluated row by row answered before them: same claims, same order,
/// same entity reports. A small varied store (multi-word, accented and hyphenated names,
/// mentions linked to a claim from outside its span, mentions outside every claim,
/// channels, outlets, undated documents, near-duplicates) is queried both ways.
@Suite("Name index")
struct NameIndexTests {
    static let people = ["Kim Jong-un", "Emmanuel Macron", "Élisabeth Borne", "Jean Dupont", "Jean-Luc Mélenchon",
                         "Olaf Scholz", "Kim Yo-jong", "Dmitri Peskov"]
    static let sources = ["the ministry", "Dmitri Peskov", "a spokesman", "Jean Dupont"]
    static let channels = ["Reuters", "TASS", nil, "AFP"]
    static let outlets = ["Le Monde", "Reuters", "The Guardian", nil]

    /// Document `n`: three claims; mentions spread so that some lie inside a claim, one is
    /// linked to claim 0 from the title, one lies outside every claim.
    static func document(_ n: Int) -> (DocumentRecord, Extraction) {
        let a = people[n % people.count], b = people[(n * 3 + 1) % people.count], c = people[(n * 5 + 2) % people.count]
        let text = "\(a) in focus. Claim one about \(b) today. Claim two without names here. Claim three on \(c) now. Aside \(a) again."
        func span(_ part: String, after: Int = 0) -> Span {
            let scalars = Array(text.unicodeScalars), needle = Array(part.unicodeScalars)
            for i in after...(scalars.count - needle.count) where Array(scalars[i..<i + needle.count]) == needle {
                return Span(i, i + needle.count)
            }
            fatalError("\(part) not in \(text)")
        }
        let s1 = span("Claim one about \(b) today"), s2 = span("Claim two without names here"), s3 = span("Claim three on \(c) now")
        let entities = [
            EntityMention(span: span(a), text: a, type: .person, canonical: n % 4 == 0 ? a.uppercased() : nil),
            EntityMention(span: span(b, after: s1.start), text: b, type: .person),
            EntityMention(span: span(c, after: s3.start), text: c, type: n % 3 == 0 ? .organisation : .person),
            EntityMention(span: span("\(a) again"), text: a, type: .person),
        ]
        let source = sources[n % sources.count]
        let cue = Excerpt(span: span("Claim"), text: "Claim")
        let attributions = [
            Attribution(source: Excerpt(span: span("focus"), text: source), cue: cue, content: Excerpt(span: s1, text: ""),
                        sourceKind: .person, kind: .indirect,
                        channel: channels[n % channels.count].map { Excerpt(span: span("today"), text: $0) }),
            Attribution(source: nil, cue: cue, content: Excerpt(span: s3, text: ""), sourceKind: .unknown, kind: .indirect),
        ]
        let claims = [
            Claim(span: s1, text: String(text.unicodeScalars.dropFirst(s1.start).prefix(s1.end - s1.start)), attribution: 0,
                  certainty: .attributed, entities: n % 2 == 0 ? [0] : []),
            Claim(span: s2, text: "Claim two without names here", attribution: n % 5 == 0 ? 1 : nil, certainty: .asserted),
            Claim(span: s3, text: String(text.unicodeScalars.dropFirst(s3.start).prefix(s3.end - s3.start)), attribution: 1,
                  certainty: .hedged),
        ]
        let extraction = Extraction(language: .english, length: text.unicodeScalars.count, sentences: [],
                                    entities: entities, attributions: attributions, claims: claims)
        let published = n % 7 == 6 ? nil : String(format: "2024-%02d-%02d", 1 + n % 12, 1 + (n * 7) % 28)
        let record = Sample.record(text, sha: String(format: "%04x", n), outlet: outlets[n % outlets.count],
                                   published: published)
        return (record, extraction)
    }

    static let queries: [ClaimFilter] = {
        var out: [ClaimFilter] = []
        for name in ["kim", "jong un", "Jong-Un", "KIM JONG", "macron", "elisabeth borne", "jean", "jean luc", "luc",
                     "melenchon", "scholz", "peskov", "nobody", "jon", "kim yo"] {
            out.append(ClaimFilter(about: name))
            out.append(ClaimFilter(about: name, since: Day(iso: "2024-06-01")))
        }
        for name in ["ministry", "the ministry", "peskov", "reuters", "tass", "le monde", "guardian", "afp", "spokesman", "dupont", "nobody"] {
            out.append(ClaimFilter(source: name))
            out.append(ClaimFilter(about: "kim", source: name))
        }
        return out
    }()

    /// Fills a store with 60 documents, two of them near-duplicates of earlier ones.
    static func fill(_ store: any EvidenceStore) async throws {
        let copy = MinHashSignature(shingleHashes: [1, 2, 3, 4, 5])
        for n in 0..<60 {
            var (record, extraction) = document(n)
            if n == 10 || n == 30 || n == 45 { record.fingerprint = copy }
            _ = try await store.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
        }
    }

    static func compare(_ store: any EvidenceStore,
                        scanned: (ClaimFilter, Int, String?) async throws -> [ClaimRow]) async throws {
        for filter in queries {
            for limit in [3, 200] {
                let indexed = try await store.claims(matching: filter, limit: limit)
                let expected = try await scanned(filter, limit, nil)
                #expect(indexed == expected, "\(filter) limit \(limit)")
            }
        }
        #expect(try await store.claims(matching: ClaimFilter(about: "kim"), limit: 200).count > 10)
        #expect(try await store.claims(matching: ClaimFilter(about: "nobody"), limit: 200).isEmpty)
        for name in ["Kim Jong-un", "jean", "borne", "MACRON", "peskov", "kim"] {
            for report in try await store.entity(named: name, claimLimit: 5) {
                let key = NameKey.fold(report.name)
                let expected = try await scanned(ClaimFilter(), 5, key)
                #expect(report.claims == expected, "entity \(name) → \(report.name)")
            }
        }
    }

    @Test("SQLite: claims by name and source from the indexes equal the row-by-row filters")
    func sqliteEquivalence() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.open()
        try await Self.fill(store)
        try await Self.compare(store) { filter, limit, key in
            try await store.writer.read { try SQLiteQueries(db: $0).scannedClaims(filter, limit: limit, exactEntityKey: key) }
        }
    }

    @Test("PostgreSQL: claims by name and source from the indexes equal the row-by-row filters",
          .enabled(if: Backend.postgresURL != nil || Backend.postgresRequired, "PostgreSQL tests skipped: set DOSSIER_TEST_POSTGRES"))
    func postgresEquivalence() async throws {
        let store = try await PostgresScratch.open()
        try await Self.fill(store)
        try await Self.compare(store) { filter, limit, key in
            try await store.read { try await PostgresQueries(connection: $0).scannedClaims(filter, limit: limit, exactEntityKey: key) }
        }
    }

    /// What the queries answer, to compare a store before and after its indexes are rebuilt.
    static func answers(_ store: any EvidenceStore) async throws -> [String] {
        var out: [String] = []
        for filter in queries { out.append("\(try await store.claims(matching: filter, limit: 200))") }
        for name in ["kim", "jean", "macron", "peskov"] { out.append("\(try await store.entity(named: name, claimLimit: 5))") }
        return out
    }

    @Test("SQLite: a store from before the indexes is backfilled when opened")
    func sqliteBackfill() async throws {
        let (temporary, before) = try await TemporaryStore.filled(by: Self.fill, answers: Self.answers)
        // Make it a store of the previous schema: no index tables, migration not recorded
        // (nor the later `v8-word-generations`, which rebuilds them).
        try WordGenerationTests.downgrade(temporary.path)
        let queue = try DatabaseQueue(path: temporary.path)
        try await queue.write { db in
            for table in ["claim_names", "claim_sources", "mention_terms"] { try db.execute(sql: "DROP TABLE \(table)") }
            try db.execute(sql: "DROP INDEX documents_listing_order")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2-name-index'")
        }
        try queue.close()
        let reopened = try temporary.open()
        #expect(try await reopened.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM claim_names") ?? 0 } > 0)
        #expect(try await Self.answers(reopened) == before)
        #expect(try reopened.checkIntegrity().isEmpty)
    }

    @Test("PostgreSQL: a database from before the indexes is backfilled by migration 4",
          .enabled(if: Backend.postgresURL != nil || Backend.postgresRequired, "PostgreSQL tests skipped: set DOSSIER_TEST_POSTGRES"))
    func postgresBackfill() async throws {
        let (url, store, before) = try await PostgresScratch.filled(by: Self.fill, answers: Self.answers)
        // Migrations run from the last recorded one, so the later ones (5, the name
        // counters built from these tables) are undone too.
        try await store.execute("DROP TABLE claim_names, claim_sources, \(NameStats.tables.joined(separator: ", "))")
        try await store.execute("DELETE FROM dossier_migrations WHERE version >= 4")
        store.close()
        let reopened = try await PostgresStore(url: url, connections: 2)
        #expect(try await reopened.read { try await $0.run("SELECT COUNT(*) FROM claim_names").first?.decode(Int.self) ?? 0 } > 0)
        #expect(try await Self.answers(reopened) == before)
    }

    @Test("Index terms and keys: words once, keys joined so a phrase never spans two names")
    func rows() {
        #expect(NameIndex.terms(["kim jong un", "kim"]) == ["kim", "jong", "un"])
        #expect(NameIndex.driver("kim jong un") == "jong")
        #expect(NameIndex.driver("") == nil)
        #expect(NameIndex.joined(["kim jong un", "", "kim", "kim"]) == " | kim jong un | kim | ")
        let keys = NameIndex.joined(["kim", "jong un"])!
        // "kim jong" is not a phrase of either name: the separator stops it.
        #expect(!keys.contains(" kim jong "))
    }
}
