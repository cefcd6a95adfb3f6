import Foundation
import Testing

/// `dossier export` over a store filled by the real pipeline with the conflict corpus.
@Suite("dossier export over a real store", .serialized)
struct ExportCommandTests {
    @Test("csv into a folder, annotations and FollowTheMoney to stdout, bad arguments refused")
    func exports() throws {
        let (dir, store, add) = try ConflictCorpusStore.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(add.status == 0, "\(add.stderr)")

        let out = dir.appendingPathComponent("csv").path
        let csv = try CLI.run(["export", "--format", "csv", "--output", out, "--store", store])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stderr.contains("23 documents"), "\(csv.stderr)")
        for (table, least) in [("claims", 23), ("quantities", 10), ("entities", 23)] {
            let text = try String(contentsOfFile: "\(out)/\(table).csv", encoding: .utf8)
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count > least, "\(table): \(lines.count) lines")
            #expect(lines[0].hasPrefix("document_id,document_url,published,outlet"))
        }

        // Annotations: each selector re-anchors in the article as it was added.
        let texts = try Self.articlesByURL()
        let annotations = try CLI.run(["export", "--format", "annotations", "--store", store])
        #expect(annotations.status == 0, "\(annotations.stderr)")
        var checked = 0
        for line in annotations.stdout.split(separator: "\n") {
            let a = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            for target in a["target"] as! [[String: Any]] {
                guard let scalars = texts[target["source"] as! String] else {
                    Issue.record("unknown source \(target["source"] ?? "")"); continue
                }
                let selectors = target["selector"] as! [[String: Any]]
                let exact = selectors.first { $0["type"] as? String == "TextQuoteSelector" }!["exact"] as! String
                let position = selectors.first { $0["type"] as? String == "TextPositionSelector" }!
                let start = position["start"] as! Int, end = position["end"] as! Int
                #expect(String(String.UnicodeScalarView(scalars[start..<end])) == exact)
                checked += 1
            }
        }
        #expect(checked > 200, "\(checked) selectors checked")

        let ftm = try CLI.run(["export", "--format", "ftm", "--store", store])
        #expect(ftm.status == 0, "\(ftm.stderr)")
        var ids = Set<String>(), schemas = Set<String>(), links: [String] = []
        for line in ftm.stdout.split(separator: "\n") {
            let e = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let id = e["id"] as! String
            #expect(ids.insert(id).inserted, "duplicate id \(id)")
            schemas.insert(e["schema"] as! String)
            let properties = e["properties"] as! [String: Any]
            for (_, value) in properties { #expect(value is [String]) }
            if e["schema"] as? String == "Mention" {
                links += (properties["document"] as! [String]) + (properties["resolved"] as! [String])
            }
        }
        #expect(schemas.isSuperset(of: ["Article", "Mention", "Person", "Organization", "Address"]), "\(schemas)")
        #expect(links.allSatisfy(ids.contains), "every Mention points at exported entities")

        let bad = try CLI.run(["export", "--format", "xml", "--store", store])
        #expect(bad.status != 0)
        let missing = try CLI.run(["export", "--format", "csv", "--store", dir.appendingPathComponent("none.sqlite").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no store there yet"), "\(missing.stderr)")
    }

    static func articlesByURL() throws -> [String: [Unicode.Scalar]] {
        struct Entry: Decodable { var id: String; var url: String }
        let folder = ConflictCorpusStore.folder
        let entries = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: folder.appendingPathComponent("corpus.json")))
        var out: [String: [Unicode.Scalar]] = [:]
        for e in entries {
            let text = try String(contentsOf: folder.appendingPathComponent("articles/\(e.id).txt"), encoding: .utf8)
            out[e.url] = Array(text.unicodeScalars)
        }
        return out
    }
}
