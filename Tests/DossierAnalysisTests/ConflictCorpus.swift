import DossierCore
import Foundation
@testable import DossierAnalysis

/// Loads the invented-conflict fixture corpus: metadata from `corpus.json`, the
/// hand-written extraction of each article from `extractions/<id>.json`.
enum ConflictCorpus {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/conflict-corpus")

    struct Entry: Decodable {
        var id: String
        var outlet: String
        var language: String
        var published: Day
        var url: String
        var nearDuplicateOf: String?
    }

    static func articles() throws -> [AnalyzedArticle] {
        let decoder = DossierJSON.decoder()
        let manifest = try decoder.decode([Entry].self, from: Data(contentsOf: directory.appendingPathComponent("corpus.json")))
        return try manifest.map { entry in
            let url = directory.appendingPathComponent("extractions/\(entry.id).json")
            let extraction = try decoder.decode(Extraction.self, from: Data(contentsOf: url))
            return AnalyzedArticle(
                metadata: DocumentMetadata(id: entry.id, outlet: entry.outlet, url: entry.url, published: entry.published),
                extraction: extraction, nearDuplicateOf: entry.nearDuplicateOf)
        }
    }

    /// The hand-written expected result, `expected.json`.
    struct Expected: Decodable {
        struct MergedEntity: Decodable { var aliases: [String]; var rule: String? }
        struct Origin: Decodable { var name: String; var reports: Int }
        struct ContradictionSpec: Decodable { var kind: String; var origins: [String]; var values: [Double] }
        struct UpdateSpec: Decodable { var origin: String; var from: Double; var to: Double }
        struct FactSpec: Decodable {
            var what: String
            var thing: String?
            var whose: [String]
            var place: String?
            var articles: [String]
            var origins: [Origin]
            var echoes: Int
            var traced: [String]?
            var contradictions: [ContradictionSpec]
            var updates: [UpdateSpec]
            var moves: [Double]
            var timeline: [String]?
        }
        struct StatementSpec: Decodable { var articles: [String]; var origins: [String]; var echoes: Int }
        var merged: [MergedEntity]
        var distinct: [[String]]
        var facts: [FactSpec]
        var statements: [StatementSpec]
        var quantityFacts: Int
        var contradictions: Int
    }

    static func expected() throws -> Expected {
        try DossierJSON.decoder().decode(Expected.self,
            from: Data(contentsOf: directory.appendingPathComponent("expected.json")))
    }
}
