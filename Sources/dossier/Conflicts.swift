import ArgumentParser
import DossierAnalysis
import DossierCore
import Foundation

struct Conflicts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reports of one fact that cannot both hold (incompatible figures, denials), each with its chain.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let loaded = try await LoadedAnalysis.load(storeOptions)
        var number: [String: Int] = [:]
        for (i, f) in loaded.analysis.facts.enumerated() { number[f.id] = i + 1 }
        let rows = loaded.analysis.contradictions.map { ConflictRow(fact: number[$0.factId] ?? 0, contradiction: $0) }
        try Listing.print(Array(rows.prefix(listing.limit)), format: listing.resolvedFormat)
    }
}

struct ConflictRow: Listable {
    var fact: Int
    var contradiction: Contradiction

    static let columns = ["fact", "kind", "a", "b", "reason"]
    var cells: [String] {
        func side(_ r: Report) -> String {
            "\(r.figure ?? r.certainty.rawValue) · \(r.origin) · \(r.outlet ?? r.articleId) \(r.published?.iso ?? "")"
        }
        return [String(fact), contradiction.kind.rawValue, side(contradiction.a), side(contradiction.b), contradiction.reason]
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fact, forKey: .fact)
        try c.encode(contradiction, forKey: .contradiction)
    }
    enum CodingKeys: String, CodingKey { case fact, contradiction }
}
