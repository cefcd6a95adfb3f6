import DossierCore
@testable import DossierStore
import Foundation
import GRDB
import Testing

/// The per-name counters (`NameStats`) must equal what counting the stored rows gives:
/// after plain adds, near-duplicate copies, an older copy that takes its group's place
/// (the previous original subtracted), a migration that rebuilds them, and an emptied store.
@Suite("Name statistics")
struct NameStatsTests {
    /// A group as a brute-force count over every stored document sees it.
    struct Expected: Equatable, CustomStringConvertible {
        var names = Set<String>(), mentions = 0, documents = 0, first: Day?, last: Day?
        var aliases: [String: Int] = [:]
        var keys = Set<String>()
        var description: String { "\(mentions) mentions, \(documents) documents, \(String(describing: first))–\(String(describing: last)), \(aliases)" }
    }

    struct Truth {
        var groups: [String: Expected] = [:]   // "name_key|type"
        var statistics = StoreStatistics(documents: 0, nearDuplicates: 0, claims: 0, entities: 0, failures: 0)
    }

    /// Reads every document back through the store API and counts, in Swift.
    static func truth(_ store: any EvidenceStore, documents: Int) async throws -> Truth {
        var t = Truth()
        var nameKeys = Set<String>()
        for id in 1...Int64(documents) {
            guard let d = try await store.document(String(id)), let e = try await store.extraction(of: id) else { continue }
            t.statistics.documents += 1
            t.statistics.claims += e.claims.count
            if d.nearDuplicateOf != nil { t.statistics.nearDuplicates += 1 }
            var seen = Set<String>()
            for m in e.entities {
                let nameKey = NameKey.fold(m.canonical ?? m.text)
                nameKeys.insert(nameKey)
                let group = nameKey + "|" + m.type.rawValue
                var g = t.groups[group] ?? Expected()
                g.names.insert(m.canonical ?? m.text)
                g.aliases[m.text, default: 0] += 1
                g.keys.formUnion([nameKey, NameKey.fold(m.text)])
                if d.nearDuplicateOf == nil {
                    g.mentions += 1
                    if seen.insert(group).inserted { g.documents += 1 }
                    if let day = d.published {
                        g.first = min(g.first ?? day, day)
                        g.last = max(g.last ?? day, day)
                    }
                }
                t.groups[group] = g
            }
        }
        t.statistics.entities = nameKeys.count
        return t
    }

    /// Every report of `names` equals the brute-force group, and the reported groups are
    /// the brute force's first ten (exact name first, then most mentioned).
    static func check(_ store: any EvidenceStore, documents: Int, names: [String]) async throws {
        let t = try await truth(store, documents: documents)
        #expect(try await store.statistics() == t.statistics)
        for query in names {
            let key = NameKey.fold(query)
            let matching = t.groups.filter { _, g in g.mentions > 0 && g.keys.contains { " \($0) ".contains(" \(key) ") } }
            let order = matching.sorted { a, b in
                let pa = a.key.split(separator: "|").map(String.init), pb = b.key.split(separator: "|").map(String.init)
                if (pa[0] == key) != (pb[0] == key) { return pa[0] == key }
                if a.value.mentions != b.value.mentions { return a.value.mentions > b.value.mentions }
                return (pa[0], pa[1]) < (pb[0], pb[1])
            }.prefix(10)
            let reports = try await store.entity(named: query, claimLimit: 3)
            #expect(reports.map { NameKey.fold($0.name) + "|" + $0.type } == order.map(\.key), "groups of \(query)")
            for report in reports {
                guard let g = t.groups[NameKey.fold(report.name) + "|" + report.type] else { continue }
                #expect(g.names.contains(report.name), "\(query): \(report.name)")
                #expect(report.mentions == g.mentions && report.documents == g.documents, "\(query): \(report.name) \(g)")
                #expect(report.firstSeen == g.first && report.lastSeen == g.last, "\(query): \(report.name) \(g)")
                #expect(Set(report.aliases) == Set(g.aliases.keys), "\(query): \(report.name) \(g)")
                let counts = report.aliases.map { g.aliases[$0] ?? 0 }
                #expect(counts == counts.sorted(by: >), "\(query): aliases most frequent first")
            }
        }
    }

    static let queries = ["kim", "Kim Jong-un", "jong un", "jean", "luc", "borne", "MACRON", "peskov", "scholz", "nobody"]

    @Test("Counters equal a brute-force count after adds and near-duplicate links", arguments: Backend.available)
    func counts(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        // 60 documents; 10, 30 and 45 share a fingerprint, and 30 (July) is older than 10
        // (November), so it becomes the group's original and 10 is subtracted.
        try await NameIndexTests.fill(s.store)
        try await Self.check(s.store, documents: 60, names: Self.queries)
    }

    /// Document with `names` (persons) in `text`, each once.
    static func document(_ text: String, names: [String], sha: String, published: String,
                         fingerprint: MinHashSignature?) -> (DocumentRecord, Extraction) {
        let entities = names.map { EntityMention(span: Sample.span(text, $0), text: $0, type: .person) }
        let claim = Claim(span: Span(0, text.unicodeScalars.count), text: text, certainty: .asserted,
                          entities: Array(entities.indices))
        let extraction = Extraction(language: .english, length: text.unicodeScalars.count, sentences: [],
                                    entities: entities, claims: [claim])
        return (Sample.record(text, sha: sha, fingerprint: fingerprint, published: published), extraction)
    }

    @Test("An older copy takes its group's place: the previous original's names and days are taken out",
          arguments: Backend.available)
    func displacedOriginal(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let copy = MinHashSignature(shingleHashes: [1, 2, 3, 4, 5])
        let docs = [
            Self.document("Olaf Scholz met Dmitri Peskov in May.", names: ["Olaf Scholz", "Dmitri Peskov"], sha: "a1",
                     published: "2024-05-10", fingerprint: copy),
            Self.document("Dmitri Peskov spoke in March.", names: ["Dmitri Peskov"], sha: "b1", published: "2024-03-01",
                     fingerprint: MinHashSignature(shingleHashes: [9, 10, 11])),
            Self.document("Olaf Scholz met a delegation in January.", names: ["Olaf Scholz"], sha: "c1",
                     published: "2024-01-01", fingerprint: copy),
        ]
        for (record, extraction) in docs {
            _ = try await s.store.save(record, extraction: extraction, nearDuplicateThreshold: 0.7)
        }
        #expect(try await s.store.document("1")?.nearDuplicateOf == 3)
        let scholz = try #require(try await s.store.entity(named: "scholz", claimLimit: 5).first)
        #expect(scholz.mentions == 1 && scholz.documents == 1)
        #expect(scholz.firstSeen == Day(iso: "2024-01-01") && scholz.lastSeen == Day(iso: "2024-01-01"))
        let peskov = try #require(try await s.store.entity(named: "peskov", claimLimit: 5).first)
        #expect(peskov.mentions == 1 && peskov.documents == 1)
        #expect(peskov.firstSeen == Day(iso: "2024-03-01") && peskov.lastSeen == Day(iso: "2024-03-01"))
        #expect(peskov.aliases == ["Dmitri Peskov"])
        #expect(try await s.store.statistics() == StoreStatistics(documents: 3, nearDuplicates: 1, claims: 3, entities: 2, failures: 0))
        try await Self.check(s.store, documents: 3, names: ["scholz", "peskov", "olaf", "dmitri"])
    }

    @Test("SQLite: a store from before the counters gets them from its rows when opened")
    func sqliteMigration() async throws {
        let (temporary, before) = try await TemporaryStore.filled(by: NameIndexTests.fill, answers: NameIndexTests.answers)
        // The word indexes of that time too (`mention_terms`, which the migration reads,
        // left with `v10-word-rows`): the later migrations run again after it.
        try WordGenerationTests.downgrade(temporary.path)
        let queue = try DatabaseQueue(path: temporary.path)
        try await queue.write { db in
            for table in NameStats.tables { try db.execute(sql: "DROP TABLE \(table)") }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3-name-stats'")
        }
        try queue.close()
        let reopened = try temporary.open()
        #expect(try await NameIndexTests.answers(reopened) == before)
        try await Self.check(reopened, documents: 60, names: Self.queries)
    }

    @Test("PostgreSQL: migration 5 builds the counters of an existing database; emptying the store resets them",
          .enabled(if: Backend.postgresURL != nil || Backend.postgresRequired, "PostgreSQL tests skipped: set DOSSIER_TEST_POSTGRES"))
    func postgresMigrationAndReset() async throws {
        let (url, store, before) = try await PostgresScratch.filled(by: NameIndexTests.fill, answers: NameIndexTests.answers)
        try await store.execute("DROP TABLE \(NameStats.tables.joined(separator: ", "))")
        try await store.execute("DELETE FROM dossier_migrations WHERE version = 5")
        store.close()
        let reopened = try await PostgresStore(url: url, connections: 2)
        #expect(try await NameIndexTests.answers(reopened) == before)
        try await Self.check(reopened, documents: 60, names: Self.queries)
        try await reopened.removeEverything()
        #expect(try await reopened.statistics() == StoreStatistics(documents: 0, nearDuplicates: 0, claims: 0, entities: 0, failures: 0))
        #expect(try await reopened.entity(named: "kim", claimLimit: 3).isEmpty)
        try await NameIndexTests.fill(reopened)
        try await Self.check(reopened, documents: 60, names: Self.queries)
    }
}
