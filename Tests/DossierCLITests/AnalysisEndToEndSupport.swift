import Foundation
import DossierTestSupport

/// The conflict corpus as `dossier add` reads it: one JSON line per article, with the
/// metadata of `corpus.json`, so the store holds what a feed would have given.
enum ConflictCorpusStore {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/conflict-corpus")

    struct Entry: Decodable {
        var id: String
        var outlet: String
        var language: String
        var published: String
        var url: String
    }

    static func jsonLines() throws -> Data {
        let entries = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: folder.appendingPathComponent("corpus.json")))
        var out = Data()
        for e in entries {
            let text = try String(contentsOf: folder.appendingPathComponent("articles/\(e.id).txt"), encoding: .utf8)
            let line: [String: String] = ["id": e.id, "text": text, "lang": e.language, "published": e.published,
                                          "outlet": e.outlet, "url": e.url]
            out.append(try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]))
            out.append(Data("\n".utf8))
        }
        return out
    }

    /// A fresh store in a temporary folder with the 23 articles added by the real pipeline.
    static func make() throws -> (folder: URL, store: String, add: CLI.Result) {
        let dir = Scratch.path("dossier-e2e")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = dir.appendingPathComponent("corpus.sqlite").path
        let add = try CLI.run(["add", "-", "--input-format", "jsonl", "--store", store, "--quiet"], stdin: try jsonLines())
        return (dir, store, add)
    }

    static func json(_ result: CLI.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}
