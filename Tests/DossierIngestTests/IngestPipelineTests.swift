import DossierCore
import DossierIngest
import DossierStore
import Foundation
import Testing
import DossierTestSupport

/// A temporary folder holding inputs and a store file.
struct Workspace {
    let folder: URL
    var store: String { folder.appendingPathComponent("store.sqlite").path }

    init() throws {
        folder = Scratch.path("dossier-ingest")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

    func copyFixture(_ name: String, to relative: String) throws {
        try write(relative, try Fixture.data(name))
    }
}

@Suite("Ingest into a real store: formats, bad input, dedupe, resume")
struct IngestPipelineTests {
    /// A directory with every kind of input, good and bad.
    func populatedWorkspace() throws -> Workspace {
        let w = try Workspace()
        try w.write("in/fr.txt", "Selon le ministère, près de 3 000 soldats sont arrivés le 4 mars à la frontière.")
        try w.write("in/en.txt", "Officials said on Monday that the bridge would reopen in May after repairs.")
        try w.copyFixture("article.html", to: "in/page.html")
        try w.copyFixture("feed.rss", to: "in/sub/feed.rss")
        try w.copyFixture("feed.atom", to: "in/sub/feed.atom")
        try w.copyFixture("batch.jsonl", to: "in/sub/batch.jsonl")
        try w.copyFixture("script-only.html", to: "in/bad/script.html")
        try w.copyFixture("malformed.rss", to: "in/bad/broken.rss")
        try w.write("in/bad/binary.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]))
        try w.write("in/bad/latin1.txt", Data("Le gouvernement a d\u{E9}cid\u{E9}".utf8.map { $0 }).replacingUTF8WithLatin1())
        try w.write("in/bad/empty.txt", "")
        try w.write("in/legacy.html", Data("<html><head><meta charset=\"windows-1252\"></head><body><p>Le préfet a démenti.</p></body></html>".utf8)
            .replacingUTF8WithLatin1())
        try w.write("in/.hidden.txt", "Never read: hidden files are skipped in directories.")
        try w.write("in/photo.jpg", Data([0xFF, 0xD8, 0xFF, 0x00]))
        return w
    }

    @Test("A mixed directory: every good document stored, every bad one a one-line error naming it")
    func mixedDirectory() async throws {
        let w = try populatedWorkspace()
        let store = try SQLiteStore(path: w.store)
        var failures: [String: String] = [:]
        let summary = await Ingestor(store: store, jobs: 2).run(paths: [w.folder.appendingPathComponent("in").path]) { event in
            if case .failed(let origin, let message) = event { failures[origin] = message }
        }
        // 2 texts + 2 pages + 2 RSS items + 1 Atom entry + 2 good JSON lines.
        #expect(summary.added == 9)
        #expect(summary.failed == 8)
        func failure(_ suffix: String) -> String? { failures.first { $0.key.hasSuffix(suffix) }?.value }
        #expect(failure("script.html")?.contains("no article text") == true)
        #expect(failure("broken.rss")?.hasPrefix("malformed feed") == true)
        #expect(failure("binary.txt")?.contains("binary") == true)
        #expect(failure("latin1.txt")?.contains("not valid UTF-8") == true)
        #expect(failure("empty.txt")?.contains("empty") == true)
        #expect(failure("batch.jsonl:3")?.contains("not a JSON object") == true)
        #expect(failure("batch.jsonl:4")?.contains("no \"text\" or \"html\"") == true)
        #expect(failure("batch.jsonl:5")?.contains("not a date") == true)
        #expect(failures.values.allSatisfy { !$0.contains("\n") })
        #expect(!failures.keys.contains { $0.contains("hidden") || $0.contains("photo") })

        let recorded = try await store.failures(limit: 50)
        #expect(recorded.count == 8)
        #expect(try store.checkIntegrity().isEmpty)

        // Metadata from each format reached the store.
        let page = try #require(try await store.document("https://gazette.example/gard-inondations"))
        #expect(page.outlet == "La Gazette du Sud" && page.author == "Claire Martin, Paul Roux")
        #expect(page.language == "fr" && page.published == Day(iso: "2024-10-17"))
        let storm = try #require(try await store.document("https://wire.example/storm"))
        #expect(storm.outlet == "Wire Example" && storm.published == Day(iso: "2024-11-12"))
        #expect(storm.text == "A storm hit the coast on Tuesday, officials said.\n\nAbout 2,000 homes lost power.")
        let rates = try #require(try await store.document("n1"))
        #expect(rates.outlet == "Wire" && rates.url == "https://wire.example/rates" && rates.language == "en")
        let hit = try #require(try await store.search("Matignon", limit: 5).first { $0.kind == .document })
        let jsonHTML = try #require(try await store.document(String(hit.document)))
        #expect(jsonHTML.text == "Le gouvernement a annoncé trois mesures, selon Matignon.")
        #expect(jsonHTML.externalID == "2" && jsonHTML.outlet == "Le Fil")

        // Second run: nothing new, nothing duplicated.
        let again = await Ingestor(store: store, jobs: 2).run(paths: [w.folder.appendingPathComponent("in").path])
        #expect(again.added == 0 && again.unchanged == 9 && again.failed == 8)
        #expect(try await store.statistics().documents == 9)
        let legacy = try #require(try await store.search("prefet", limit: 5).first { $0.kind == .document })
        #expect(try await store.document(String(legacy.document))?.text == "Le préfet a démenti.")
    }

    @Test("Command-line overrides win over what the input says")
    func overrides() async throws {
        let w = try Workspace()
        try w.copyFixture("article.html", to: "page.html")
        let store = try SQLiteStore(path: w.store)
        let overrides = IngestOverrides(outlet: "Override Times", published: Day(iso: "2025-01-02"),
                                        url: "https://override.example/x", language: .english)
        let summary = await Ingestor(store: store, overrides: overrides).run(paths: [w.folder.appendingPathComponent("page.html").path])
        #expect(summary.added == 1)
        let doc = try #require(try await store.document("https://override.example/x"))
        #expect(doc.outlet == "Override Times" && doc.published == Day(iso: "2025-01-02") && doc.language == "en")
        #expect(doc.title == "Inondations dans le Gard\u{00A0}: deux morts")
    }

    @Test("A republished copy is linked to the first; an unrelated story is not")
    func nearDuplicateIngest() async throws {
        let w = try Workspace()
        let story = """
            Le conseil municipal a voté mardi soir la construction d'une nouvelle école dans le quartier nord, \
            un projet estimé à douze millions d'euros qui doit ouvrir ses portes à la rentrée 2027, selon le maire. \
            L'opposition a dénoncé un calendrier trop serré et réclamé une étude complémentaire sur la circulation.
            """
        try w.write("a.txt", story)
        try w.write("b.txt", "MISE À JOUR : " + story + " (avec AFP)")
        try w.write("c.txt", "Les agriculteurs ont bloqué plusieurs routes du département jeudi pour protester contre la baisse des prix du lait.")
        let store = try SQLiteStore(path: w.store)
        let ingestor = Ingestor(store: store, jobs: 1)
        _ = await ingestor.run(paths: [w.folder.appendingPathComponent("a.txt").path])
        let b1 = await ingestor.run(paths: [w.folder.appendingPathComponent("b.txt").path])
        let c1 = await ingestor.run(paths: [w.folder.appendingPathComponent("c.txt").path])
        #expect(b1.added == 1 && b1.nearDuplicates == 1)
        #expect(c1.added == 1 && c1.nearDuplicates == 0)
        let b = try #require(try await store.document("2"))
        #expect(b.nearDuplicateOf == 1)
        #expect(try await store.document("3")?.nearDuplicateOf == nil)
    }
}

extension Data {
    /// Re-encodes UTF-8 text as Latin-1: what an old CMS export looks like.
    func replacingUTF8WithLatin1() -> Data {
        String(decoding: self, as: UTF8.self).data(using: .isoLatin1) ?? self
    }
}

@Suite("Ingest order")
struct IngestOrderTests {
    @Test("Parallel extraction stores documents in input order: ids follow the input, run after run")
    func storedInInputOrder() async throws {
        let w = try Workspace()
        // Long and short documents interleaved, so that extraction finishes out of order.
        var lines: [String] = []
        for i in 0..<40 {
            let sentence = "Le ministère a indiqué que \(i + 1) 000 soldats étaient arrivés à Valdor le \(i % 28 + 1) mars. "
            let text = String(repeating: sentence, count: i % 3 == 0 ? 60 : 1)
            let object = ["id": String(format: "doc-%02d", i), "text": text, "lang": "fr", "published": "2024-03-30"]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            lines.append(String(decoding: data, as: UTF8.self))
        }
        let input = try w.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        var idsPerRun: [[DocumentID]] = []
        for run in 0..<2 {
            let store = try SQLiteStore(path: w.folder.appendingPathComponent("store\(run).sqlite").path)
            let summary = await Ingestor(store: store, jobs: 4, batchSize: 5).run(paths: [input])
            #expect(summary.added == 40)
            var ids: [DocumentID] = []
            for i in 0..<40 {
                let document = try #require(try await store.document(String(format: "doc-%02d", i)))
                ids.append(document.id)
            }
            idsPerRun.append(ids)
        }
        #expect(idsPerRun[0] == idsPerRun[0].sorted())
        #expect(idsPerRun[0] == idsPerRun[1])
    }
}
