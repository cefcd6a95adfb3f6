import ArgumentParser
import DossierAnalysis
import DossierCore
import Foundation

struct Facts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Facts stated across articles: what is counted or said, how many independent origins, how many echoes.",
        discussion: "A fact's number (first column) names it for 'dossier corroboration' and 'dossier timeline'.")

    @Option(help: "Only facts with a claim mentioning this entity (name or alias; case and accents ignored).")
    var about: String?

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        let loaded = try await LoadedAnalysis.load(storeOptions)
        var rows: [FactRow] = loaded.analysis.facts.enumerated().map { FactRow(number: $0.offset + 1, fact: $0.element) }
        if let about {
            let targets = Set(loaded.entities(named: about))
            guard !targets.isEmpty else { throw CLIError("\(about): no such entity in \(storeOptions.path)") }
            let names = Set(targets.map { loaded.analysis.entities[$0].name })
            rows = rows.filter { row in
                let key = row.fact.key
                return key.map { !names.isDisjoint(with: $0.whose + $0.places) } == true
                    || loaded.fact(row.fact, mentions: targets)
            }
        }
        try Listing.print(Array(rows.prefix(listing.limit)), format: listing.resolvedFormat)
    }
}

/// A fact with its number in the listing, so the number printed names it on later calls.
struct FactRow: Listable {
    var number: Int
    var fact: Fact

    static let columns = ["#", "kind", "reports", "origins", "echoes", "conflicts", "fact", "summary"]
    var cells: [String] {
        [String(number), fact.kind.rawValue, String(fact.reports.count), String(fact.independentOrigins),
         String(fact.echoes), String(fact.contradictions.count), fact.label, fact.summary]
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(fact, forKey: .fact)
    }
    enum CodingKeys: String, CodingKey { case number, fact }
}

/// One report as a listing row: who said it, through whom, where and when.
struct ReportRow: Listable {
    var report: Report

    static let columns = ["article", "published", "outlet", "origin", "rule", "chain", "figure", "claim"]
    var cells: [String] {
        [report.articleId, report.published?.iso ?? "", report.outlet ?? "", report.origin, report.originRule.rawValue,
         report.chain.joined(separator: " → "), report.figure ?? "", report.claimText]
    }

    func encode(to encoder: any Encoder) throws { try report.encode(to: encoder) }
}
