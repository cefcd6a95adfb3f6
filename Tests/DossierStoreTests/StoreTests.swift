import DossierCore
import DossierStore
import Foundation
import GRDB
import Testing

@Suite("Evidence store, on every backend")
struct StoreTests {
    let fr = "Selon Dmitri Peskov, le Kremlin n'a reçu aucune proposition de cessez-le-feu."
    let en = "The ministry said that Kim Jong-un had approved the deployment of troops."

    @Test("A saved document comes back whole: metadata, text and the very extraction", arguments: Backend.available)
    func roundTrip(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let store = s.store
        let extraction = Sample.extraction(fr, source: "Dmitri Peskov", cue: "Selon",
                                           content: "le Kremlin n'a reçu aucune proposition de cessez-le-feu",
                                           entity: "Kremlin", canonical: "Moscow Kremlin", type: .organisation,
                                           language: .french)
        let outcome = try await store.save(Sample.record(fr, sha: "aa11", outlet: "Le Monde", published: "2024-11-12",
                                                         url: "https://example.org/a", title: "Titre"),
                                           extraction: extraction, nearDuplicateThreshold: 0.7)
        guard case .added(let id, nil) = outcome else { Issue.record("expected a new document, got \(outcome)"); return }
        let doc = try #require(try await store.document(String(id)))
        #expect(doc.text == fr)
        #expect(doc.outlet == "Le Monde")
        #expect(doc.published == Day(year: 2024, month: 11, day: 12))
        #expect(doc.length == fr.unicodeScalars.count)
        #expect(try await store.document("https://example.org/a")?.id == id)
        #expect(try await store.extraction(of: id) == extraction)
        #expect(try await store.documentID(sha256: "aa11") == id)
        #expect(try await s.integrity().isEmpty)
    }

    @Test("The same bytes twice change nothing", arguments: Backend.available)
    func idempotent(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let store = s.store
        let e = Extraction(language: .english, length: en.unicodeScalars.count)
        let first = try await store.save(Sample.record(en, sha: "bb22"), extraction: e, nearDuplicateThreshold: 0.7)
        let second = try await store.save(Sample.record(en, sha: "bb22"), extraction: e, nearDuplicateThreshold: 0.7)
        #expect(second == .unchanged(first.id))
        #expect(try await store.statistics().documents == 1)
    }

    @Test("Near-duplicates link to the earliest copy; dissimilar texts do not link", arguments: Backend.available)
    func nearDuplicates(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let store = s.store
        let e = Extraction(language: .english, length: 1)
        // Signatures built by hand: b shares 60 of a's 64 values, c shares 56 of b's
        // (and 52 of a's), d shares none.
        let av: [UInt32] = (0..<64).map { UInt32($0) }
        var bv = av
        for i in 0..<4 { bv[i] = UInt32(1000 + i) }
        var cv = bv
        for i in 4..<12 { cv[i] = UInt32(2000 + i) }
        let dv: [UInt32] = (0..<64).map { UInt32(5000 + $0) }
        let a = try #require(MinHashSignature(values: av))
        let b = try #require(MinHashSignature(values: bv))
        let c = try #require(MinHashSignature(values: cv))
        let d = try #require(MinHashSignature(values: dv))
        let ra = try await store.save(Sample.record("a", sha: "01", fingerprint: a), extraction: e, nearDuplicateThreshold: 0.8)
        let rb = try await store.save(Sample.record("b", sha: "02", fingerprint: b), extraction: e, nearDuplicateThreshold: 0.8)
        let rc = try await store.save(Sample.record("c", sha: "03", fingerprint: c), extraction: e, nearDuplicateThreshold: 0.8)
        let rd = try await store.save(Sample.record("d", sha: "04", fingerprint: d), extraction: e, nearDuplicateThreshold: 0.8)
        #expect(rb == .added(rb.id, nearDuplicateOf: ra.id))
        #expect(rc == .added(rc.id, nearDuplicateOf: ra.id))
        #expect(rd == .added(rd.id, nearDuplicateOf: nil))
        #expect(try await store.document(String(rb.id))?.similarity == 60.0 / 64)
        #expect(try await store.statistics().nearDuplicates == 2)
    }

    @Test("MinHash signatures survive their BLOB form")
    func signatureBytes() throws {
        let s = MinHashSignature(shingleHashes: [1, 2, 3, 0xFFFF_FFFF_FFFF_FFFF])
        #expect(MinHashSignature(bytes: s.bytes) == s)
        #expect(MinHashSignature(bytes: [1, 2]) == nil)
    }

    @Test("Full-text search ignores case and accents, and finds claims and documents", arguments: Backend.available)
    func search(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let store = s.store
        let e = Sample.extraction(fr, source: "Dmitri Peskov", cue: "Selon",
                                  content: "le Kremlin n'a reçu aucune proposition de cessez-le-feu",
                                  entity: "Kremlin", language: .french)
        let id = try await store.save(Sample.record(fr, sha: "cc33", title: "Le Kremlin répond"), extraction: e,
                                      nearDuplicateThreshold: 0.7).id
        let hits = try await store.search("RECU proposition", limit: 10)
        #expect(hits.contains { $0.kind == .claim && $0.document == id && $0.snippet.contains("[reçu]") })
        #expect(hits.contains { $0.kind == .document && $0.document == id })
        #expect(try await store.search("repond", limit: 10).contains { $0.kind == .document })
        #expect(try await store.search("Washington", limit: 10).isEmpty)
        // FTS5 syntax in user input is taken as words, never as a query error.
        #expect(try await store.search("\"NEAR( AND *", limit: 10).isEmpty)
    }

    @Test("Claims filter by entity, source and date, as whole words without accents", arguments: Backend.available)
    func claimFilters(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let store = s.store
        let e1 = Sample.extraction(en, source: "The ministry", cue: "said",
                                   content: "Kim Jong-un had approved the deployment of troops",
                                   entity: "Kim Jong-un", canonical: "Kim Jong Un")
        let e2 = Sample.extraction(fr, source: "Dmitri Peskov", cue: "Selon",
                                   content: "le Kremlin n'a reçu aucune proposition de cessez-le-feu",
                                   entity: "Kremlin", language: .french)
        _ = try await store.save(Sample.record(en, sha: "d1", outlet: "Reuters", published: "2024-10-01"),
                                 extraction: e1, nearDuplicateThreshold: 0.7)
        _ = try await store.save(Sample.record(fr, sha: "d2", outlet: "Le Monde", published: "2024-11-12"),
                                 extraction: e2, nearDuplicateThreshold: 0.7)
        let kim = try await store.claims(matching: ClaimFilter(about: "jong un"), limit: 10)
        #expect(kim.map(\.text) == ["Kim Jong-un had approved the deployment of troops"])
        #expect(kim.first?.entities == ["Kim Jong Un"])
        #expect(kim.first?.source == "The ministry")
        #expect(try await store.claims(matching: ClaimFilter(about: "Jong"), limit: 10).count == 1)
        #expect(try await store.claims(matching: ClaimFilter(about: "Jon"), limit: 10).isEmpty)
        #expect(try await store.claims(matching: ClaimFilter(source: "peskov"), limit: 10).count == 1)
        #expect(try await store.claims(matching: ClaimFilter(source: "reuters"), limit: 10).count == 1)
        #expect(try await store.claims(matching: ClaimFilter(since: Day(iso: "2024-11-01")), limit: 10).count == 1)
        #expect(try await store.claims(matching: ClaimFilter(), limit: 10).first?.outlet == "Le Monde")
        #expect(try await store.claims(matching: ClaimFilter(), limit: 1).count == 1)
    }

    @Test("An entity report gathers spellings, documents and claims", arguments: Backend.available)
    func entityReport(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let store = s.store
        let text2 = "Kim Jong Un inspected a factory, state media said."
        _ = try await store.save(Sample.record(en, sha: "e1", published: "2024-10-01"),
                                 extraction: Sample.extraction(en, source: "The ministry", cue: "said",
                                                               content: "Kim Jong-un had approved the deployment of troops",
                                                               entity: "Kim Jong-un", canonical: "Kim Jong Un"),
                                 nearDuplicateThreshold: 0.7)
        _ = try await store.save(Sample.record(text2, sha: "e2", published: "2024-10-05"),
                                 extraction: Sample.extraction(text2, source: "state media", cue: "said",
                                                               content: "Kim Jong Un inspected a factory",
                                                               entity: "Kim Jong Un", canonical: "Kim Jong Un"),
                                 nearDuplicateThreshold: 0.7)
        let reports = try await store.entity(named: "kim jong-un", claimLimit: 10)
        let report = try #require(reports.first)
        #expect(report.name == "Kim Jong Un")
        #expect(report.mentions == 2 && report.documents == 2)
        #expect(Set(report.aliases) == ["Kim Jong-un", "Kim Jong Un"])
        #expect(report.firstSeen == Day(iso: "2024-10-01") && report.lastSeen == Day(iso: "2024-10-05"))
        #expect(report.claims.count == 2)
        #expect(try await store.entity(named: "Peskov", claimLimit: 10).isEmpty)
    }

    @Test("A write that fails half-way leaves nothing behind", arguments: Backend.available)
    func atomicWrite(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let store = s.store
        // Sabotage the claims table from outside, as a crash mid-document would.
        try await s.sabotage(nil)
        let e = Sample.extraction(en, source: "The ministry", cue: "said",
                                  content: "Kim Jong-un had approved the deployment of troops", entity: "Kim Jong-un")
        await #expect(throws: (any Error).self) {
            try await store.save(Sample.record(en, sha: "f1"), extraction: e, nearDuplicateThreshold: 0.7)
        }
        let stats = try await store.statistics()
        #expect(stats.documents == 0 && stats.entities == 0)
        #expect(try await store.search("ministry", limit: 5).isEmpty)
        #expect(try await s.integrity().isEmpty)
    }

    @Test("A batch write: the failing document is rolled back alone, the others are stored", arguments: Backend.available)
    func batchWithFailure(_ backend: Backend) async throws {
        let s = try await StoreUnderTest.open(backend)
        let store = s.store
        try await s.sabotage("deployment")
        let good1 = Sample.extraction(fr, source: "Dmitri Peskov", cue: "Selon",
                                      content: "le Kremlin n'a reçu aucune proposition de cessez-le-feu",
                                      entity: "Kremlin", language: .french)
        let bad = Sample.extraction(en, source: "The ministry", cue: "said",
                                    content: "Kim Jong-un had approved the deployment of troops", entity: "Kim Jong-un")
        let text3 = "Kim Jong Un inspected a factory, state media said."
        let good2 = Sample.extraction(text3, source: "state media", cue: "said",
                                      content: "Kim Jong Un inspected a factory", entity: "Kim Jong Un")
        let results = try await store.save(batch: [
            DocumentToSave(record: Sample.record(fr, sha: "g1"), extraction: good1),
            DocumentToSave(record: Sample.record(en, sha: "g2"), extraction: bad),
            DocumentToSave(record: Sample.record(text3, sha: "g3"), extraction: good2),
            DocumentToSave(record: Sample.record(fr, sha: "g1"), extraction: good1),
        ], nearDuplicateThreshold: 0.7)
        #expect(results.count == 4)
        guard case .saved(.added(let first, _)) = results[0] else { Issue.record("\(results[0])"); return }
        if case .failed(let message) = results[1] { #expect(message.contains("boom")) } else { Issue.record("\(results[1])") }
        guard case .saved(.added) = results[2] else { Issue.record("\(results[2])"); return }
        #expect(results[3] == .saved(.unchanged(first)))
        let stats = try await store.statistics()
        #expect(stats.documents == 2 && stats.claims == 2)
        #expect(try await store.documentID(sha256: "g2") == nil)
        #expect(try await store.search("ministry", limit: 5).isEmpty)
        #expect(try await s.integrity().isEmpty)
    }

    @Test("A read-only store file is refused with one clear line, and left untouched")
    func readOnlyFile() async throws {
        let temporary = try TemporaryStore()
        _ = try temporary.open()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: temporary.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: temporary.path) }
        #expect {
            _ = try temporary.open()
        } throws: { error in
            String(describing: error).contains("read-only") && !String(describing: error).contains("\n")
        }
        // Reading it is still fine.
        #expect(try await temporary.open(readOnly: true).statistics().documents == 0)
    }

    @Test("Query commands refuse a missing store instead of creating one")
    func missingStore() throws {
        let temporary = try TemporaryStore()
        #expect(throws: StoreError.self) { try temporary.open(readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: temporary.path))
    }

    @Test("--store, then DOSSIER_STORE, then ./dossier.sqlite")
    func storePath() {
        #expect(SQLiteStore.resolvePath(option: "x.db", environment: ["DOSSIER_STORE": "y.db"]) == "x.db")
        #expect(SQLiteStore.resolvePath(option: nil, environment: ["DOSSIER_STORE": "y.db"]) == "y.db")
        #expect(SQLiteStore.resolvePath(option: nil, environment: [:]) == "dossier.sqlite")
    }
}
